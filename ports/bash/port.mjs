// GNU bash from Debian's source package `bash`, built for noux with nido
// cc's toolchain: its fork, exec, pipes, signals, job control, readline
// on the Terminal and setjmp are noux's and the POSIX layer's. Installed
// as the ROM module `bash` and as `bash.tar` (bin/bash, bin/sh → bash)
// for an fstab's <tar name="bash.tar"/>.
//
// No patch. What the recipe says instead:
//
// - fpcast: bash calls functions through pointers of another type all
//   over (unwind-protect's handlers, builtins, hash table walkers), which
//   WebAssembly traps on; the port is built with binaryen's fpcast-emu
//   (ports/README.md).
// - --build: bash's configure builds helpers (mkbuiltins, mksyntax) for
//   the build machine and must know it is cross compiling.
// - --without-bash-malloc: bash's own malloc wants sbrk; wasi-libc's
//   malloc does the job.
// - cache variables for what a cross build cannot run, as noux (like
//   Linux) answers: the exit status sits 8 bits up in a wait status
//   (configure's default of 0 made bash read its own lastpipe status as
//   a signal), snprintf and vsnprintf conform, printf knows %a, the
//   real-time signals are usable, getcwd allocates (wasi-libc's does),
//   strtoimax exists; NEED_EXTERN_PC because the bundled termcap's PC
//   variable is not in a header of wasi-libc's.

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'bash';
export const runtime = 'noux';
export const fpcast = true;
export const tar = [
  {
    name: 'bash.tar',
    entries: [
      { path: 'bin/bash', module: 'bash' },
      { path: 'bin/sh', symlink: 'bash' },
    ],
  },
  /*
   * bash's own test suite for test/scenarios/bash.test.ts: tests/ as the
   * source has it, the helper programs its scripts call (recho, zecho,
   * printenv, xcase) in bin/ for noux and in native/ for the build
   * machine, where the same tests run with the host's bash to compare.
   */
  { name: 'bash_tests.tar', tree: '.nido-tests' },
];

/* The programs bash's tests run from PATH (Makefile.in's TESTS_SUPPORT). */
const TEST_HELPERS = ['recho', 'zecho', 'printenv', 'xcase'];

export async function build(port) {
  const machine = execFileSync('sh', [port.path('support/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure(
    [`--build=${machine}`, '--without-bash-malloc', '--disable-nls'],
    {
      CPPFLAGS: '-DNEED_EXTERN_PC', bash_cv_getcwd_malloc: 'yes', bash_cv_func_strtoimax: 'no', bash_cv_wexitstatus_offset: '8',
      bash_cv_func_snprintf: 'yes', bash_cv_func_vsnprintf: 'yes', bash_cv_printf_a_format: 'yes', bash_cv_unusable_rtsigs: 'no',
    },
  );
  await port.make(['bash']);
  /* The make rules build the helpers for the build machine (CC_FOR_BUILD): those are native/. */
  await port.make(TEST_HELPERS);
  await port.run('mkdir', ['-p', '.nido-tests/bin', '.nido-tests/native']);
  await port.run('cp', ['-a', 'tests', '.nido-tests/tests']);
  for (const helper of TEST_HELPERS) {
    await port.run('mv', [helper, `.nido-tests/native/${helper}`]);
    await port.compile([`support/${helper}.c`], `.nido-tests/${helper}.o`, ['-DHAVE_CONFIG_H', '-I.', '-Iinclude', '-Ilib']);
    await port.link([`.nido-tests/${helper}.o`], `.nido-tests/bin/${helper}`);
    await port.run('rm', [`.nido-tests/${helper}.o`]);
  }
  return { bash: 'bash' };
}
