// GNU sed 4.9 from Debian's source package `sed`, built for noux with
// nido cc's toolchain by its own configure and make, and installed by its
// own `make install` into sed.tar (bin/sed, its man and info pages).
// A second tar, sed_tests.tar, holds sed's own test suite (testsuite/ as
// the source has it) under sed-tests/, for test/scenarios/gnu_tools.test.ts.
//
// No patch. What the recipe says instead:
//
// - --build: configure must know it is cross compiling (gnulib's
//   checks then guess, or take the cache variables below).
// - --disable-threads and gl_cv_func_setlocale_null_*_mtsafe=yes: a
//   process on noux has one thread. wasi-libc declares C11's <threads.h>
//   but has no mtx_*/call_once, which gnulib's setlocale_null would lock
//   with otherwise (link errors).
// - --without-selinux, --disable-acl, --disable-nls: none on noux.
// - SUBDIRS=po .: not gnulib-tests (gnulib's tests of its own modules,
//   which `make all` builds and which want real threads).
//
// What does not work: nothing known; `sed --version` says "built without
// SELinux support" and lacks Debian's "Packaged by Debian" line.

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'sed';
export const runtime = 'noux';
export const tar = [
  { name: 'sed.tar', tree: '.nido-install' },
  /* sed's own test suite (testsuite/ as the source has it) for test/scenarios/gnu_tools.test.ts, under sed-tests/. */
  { name: 'sed_tests.tar', tree: '.nido-tests' },
];

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--without-selinux', '--disable-acl', '--disable-threads'], {
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
  });
  await port.make(['SUBDIRS=po .']);
  await port.make(['SUBDIRS=po .', 'install', `DESTDIR=${port.path('.nido-install')}`]);
  await port.run('mkdir', ['-p', '.nido-tests/sed-tests']);
  await port.run('cp', ['-a', 'testsuite', '.nido-tests/sed-tests/testsuite']);
}
