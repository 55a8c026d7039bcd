/*
 * The Ruby code that runs the main program once ruby-init has set up the
 * interpreter (see command_line.ts): it takes the program out of ARGV,
 * runs it at the top level, and answers the exit status as `ruby` would
 * end with it. An uncaught exception is printed to $stderr as Ruby's own
 * error printer does (`hello.rb:3:in 'greet': boom (RuntimeError)`) and
 * is status 1 (after what the program wrote to $stdout, and without the
 * runner's frames); `exit`/`abort` give theirs. Ruby buffers $stdout, and
 * the reactor has no ruby_cleanup to flush it: the runner does.
 *
 * The runner is a lambda, so that its locals do not become the program's.
 */

import type { RubyProgram } from './command_line.js';

const MAIN: Readonly<Record<RubyProgram, string>> = {
  /* `load` searches $LOAD_PATH for a bare name; "./" keeps it to the file (and __FILE__ == $0 holds). */
  script: `
    script = ARGV.shift
    script = "./" + script unless script.start_with?("/", "./", "../")
    $0 = script
    load(script)`,
  inline: `
    TOPLEVEL_BINDING.eval(ARGV.shift, "-e", 1)`,
  stdin: `
    $0 = "-"
    TOPLEVEL_BINDING.eval($stdin.read, "-", 1)`,
  none: '',
};

/** The Ruby source that runs `program` and evaluates to the exit status (an Integer). */
export function runnerSource(program: RubyProgram): string {
  return `-> {
  begin${MAIN[program]}
    0
  rescue SystemExit => ended
    ended.status
  rescue Exception => error
    $stdout.flush rescue nil
    # The runner's own frames (file "eval", outermost) are no part of the program's backtrace.
    backtrace = error.backtrace
    error.set_backtrace(backtrace.take_while { |frame| !frame.start_with?("eval:") }) if backtrace
    $stderr.write(error.full_message(highlight: false))
    1
  ensure
    $stdout.flush rescue nil
    $stderr.flush rescue nil
  end
}.call`;
}
