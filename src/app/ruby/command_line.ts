/*
 * The `ruby` command line (`<arg value>` of the component's config, the
 * first being argv[0]) split between the two things that run it.
 *
 * ruby.wasm is a reactor: its `ruby-init` export runs ruby_options on an
 * argv, which sets up the interpreter (-I, -r, -W, -E, -C, ..., ARGV) but
 * keeps the main program it compiled to itself; there is no ruby_run_node.
 * So the main program is taken out of the command line and handed over
 * through ARGV: ruby_options gets `-e_=0` (a program that does nothing, so
 * that it reads none from standard input), `--`, then the program (a
 * script's path or the `-e` code) and the program's arguments; the runner
 * (runner.ts) shifts the program out of ARGV and runs it.
 *
 *   rubyCommandLine(['ruby', '-w', 'hello.rb', 'a'])
 *   // { init: ['ruby', '-EUTF-8', '-w', '-e_=0', '--', 'hello.rb', 'a'], program: 'script' }
 */

import { NidoError } from 'nido';

/** How the main program is given: a script file, `-e` code, standard input, or none (`-v`, `--version`, `-h`). */
export type RubyProgram = 'script' | 'inline' | 'stdin' | 'none';

export interface RubyCommandLine {
  /** The argv for ruby-init: argv[0], the options, `-e_=0`, `--`, the program (unless stdin or none), ARGV. */
  readonly init: readonly string[];
  readonly program: RubyProgram;
}

/** A command line the reactor cannot run as `ruby` would; the message names the argument and why. */
export class RubyUsageError extends NidoError {}

/* Short options that take an argument, attached or as the next word. */
const WITH_ARGUMENT = new Set(['C', 'E', 'I', 'r']);
/* Short options whose argument, if any, is attached (the rest of the word). */
const ATTACHED_ARGUMENT = new Set(['0', 'F', 'K', 'W', 'i']);
/* Flags that change how the main program is read or wrapped: ruby_options would apply them to the `-e_=0` program. */
const PROGRAM_FLAGS = new Map([
  ['n', 'wraps the program in a `while gets` loop'], ['p', 'wraps the program in a `while gets` loop'],
  ['a', 'splits lines of the -n/-p loop'], ['l', 'chomps lines of the -n/-p loop'],
  ['c', 'checks the program\'s syntax only'], ['s', 'takes switches of the program'],
  ['S', 'looks the script up in PATH'], ['x', 'skips text before #!ruby'], ['y', 'dumps the parser\'s state'],
]);
/* Options after which ruby exits without a program. */
const NO_PROGRAM = new Set(['-v', '--version', '-h', '--help', '--copyright']);
/* Options that set the default encodings (ruby.wasm's driver defaults to -EUTF-8 when none is given). */
const ENCODING = /^(-E|-K|-U|--encoding|--external-encoding|--internal-encoding)/;

/**
 * Splits `args` (argv[0] first) into ruby-init's argv and the kind of main
 * program; `cwd` is the working directory to start in (`<libc cwd>`).
 * Throws RubyUsageError for options the reactor cannot honour.
 */
export function rubyCommandLine(args: readonly string[], cwd = '/'): RubyCommandLine {
  const [argv0 = 'ruby', ...rest] = args;
  const options: string[] = [];
  const code: string[] = [];
  let index = 0;
  for (; index < rest.length; index++) {
    const word = rest[index] as string;
    if (word === '--') { index++; break; }
    if (!word.startsWith('-') || word === '-') break;
    if (word.startsWith('--')) { options.push(word); continue; }
    /* A cluster of short options, e.g. -wIlib or -we 'code'. */
    let kept = '-';
    for (let at = 1; at < word.length; at++) {
      const option = word[at] as string;
      const attached = word.slice(at + 1);
      const problem = PROGRAM_FLAGS.get(option);
      if (problem !== undefined) throw new RubyUsageError(`ruby: -${option} (${problem}) is not supported: the reactor runs the program itself`);
      if (option === 'e' || WITH_ARGUMENT.has(option)) {
        let argument = attached;
        if (argument === '') {
          const next = rest[index + 1];
          if (next === undefined) throw new RubyUsageError(`ruby: no argument given for -${option}`);
          argument = next;
          index++;
        }
        if (kept !== '-') options.push(kept);
        kept = '-';
        if (option === 'e') code.push(argument);
        else options.push(`-${option}${argument}`);
        break;
      }
      kept += option;
      if (ATTACHED_ARGUMENT.has(option)) { kept += attached; break; }
    }
    if (kept !== '-') options.push(kept);
  }
  const operands = rest.slice(index);
  const encoding = options.some((option) => ENCODING.test(option)) ? [] : ['-EUTF-8'];
  /* wasi-libc starts in "/": -C moves to <libc cwd> before the user's options, as the shell would have. */
  const directory = cwd === '/' ? [] : [`-C${cwd}`];
  const command = (program: RubyProgram, main: readonly string[], argv: readonly string[]): RubyCommandLine => ({
    init: [argv0, ...encoding, ...directory, ...options, '-e_=0', '--', ...main, ...argv],
    program,
  });
  if (code.length > 0) return command('inline', [code.join('\n')], operands);
  const [script, ...argv] = operands;
  if (script === undefined) return command(options.some((option) => NO_PROGRAM.has(option)) ? 'none' : 'stdin', [], []);
  if (script === '-') return command('stdin', [], argv);
  return command('script', [script], argv);
}
