// GNU diffutils 3.8 (diff, cmp, diff3, sdiff) from Debian's source
// package `diffutils`, built for noux with nido cc's toolchain by its own
// configure and make, and installed by its own `make install` into
// diffutils.tar (bin/diff, bin/cmp, bin/diff3, bin/sdiff).
//
// No patch. --build (a cross build), --disable-threads and the
// setlocale_null cache variables (one thread; wasi-libc has no mtx_*),
// no man pages (made with help2man, which runs the programs: a cross build
// cannot) and no gnulib-tests. gnulib's getopt locks stderr with
// flockfile, which the POSIX layer has (wasm/posix/src/stdio_lock.c).
// diff3 and sdiff run diff as a child (fork + exec, by PATH as
// configured: /bin/diff).

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'diffutils';
export const runtime = 'noux';
export const tar = { name: 'diffutils.tar', tree: '.nido-install' };

/* Not gnulib-tests (gnulib's own tests of its modules), nor doc and man: man makes the pages with help2man, which runs the programs (a cross build cannot). */
const SUBDIRS = 'SUBDIRS=lib src po';

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--disable-threads', '--without-libsigsegv'], {
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
    /* wasi-libc declares flockfile & co. (gnulib's getopt locks stderr) only with _REENTRANT: else a call would be implicit, of another type. */
    CPPFLAGS: [...port.cppflags, '-D_REENTRANT'].join(' '),
  });
  await port.make([SUBDIRS]);
  await port.make([SUBDIRS, 'install', `DESTDIR=${port.path('.nido-install')}`]);
}
