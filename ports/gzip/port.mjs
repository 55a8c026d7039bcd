// GNU gzip 1.12 from Debian's source package `gzip`, built for noux
// with nido cc's toolchain by its own configure and make, and installed
// by its own `make install` into gzip.tar: bin/gzip, and its scripts
// gunzip, zcat, uncompress, zcmp, zdiff, zgrep, zegrep, zfgrep, zforce,
// zless, zmore, znew and gzexe. The scripts begin with #!/bin/sh and call
// gzip, grep, sed, diff, … by PATH: an fstab with them wants dash.tar
// (and grep.tar, sed.tar, diffutils.tar, coreutils.tar for the z* tools).
//
// No patch. What the recipe says instead:
//
// - --build: configure must know it is cross compiling.
// - CONFIG_SHELL=/bin/sh and GREP=grep, as Debian's rules give them: the
//   scripts get the shell and grep by those names, not the build
//   machine's /bin/bash and /usr/bin/grep.
// - --disable-threads and gl_cv_func_setlocale_null_*_mtsafe=yes: one
//   thread per process (wasi-libc declares C11 threads, has no mtx_*).
// - -D_REENTRANT: wasi-libc declares flockfile (gnulib's getopt) only so.
// - SUBDIRS=lib .: not doc (Debian's patch touches gzip.texi, whose info
//   page make would remake with makeinfo) nor tests (`make check`'s).
//
// What gzip needed of the runtime, added there: O_NONBLOCK usable in #if
// (wasm/posix/include/fcntl.h; gzip's util.c tests `#if ... O_NONBLOCK`).
//
// What does not work, and why: compressing a file written under noux
// warns "file timestamp out of range for gzip format" and ends with
// status 2 unless -n is given or the file was dated (touch -d): noux's
// RAM files keep time 0 when written, which gzip's format reserves for
// "no time" (test/scenarios/gnu_archive_tools.test.ts declares it). gzip
// refuses to write compressed data to a terminal, which noux's console
// is (as on Linux: redirect or pipe it).

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'gzip';
export const runtime = 'noux';
export const tar = { name: 'gzip.tar', tree: '.nido-install' };

/* lib (gnulib) and the top level: not doc (makeinfo) nor tests. Neither has a SUBDIRS of its own. */
const SUBDIRS = 'SUBDIRS=lib .';

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-threads'], {
    /* As Debian's rules: the scripts (zcat, zgrep, …) begin with #!/bin/sh and call grep by PATH, not the build machine's bash and grep. */
    CONFIG_SHELL: '/bin/sh',
    GREP: 'grep',
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
    /* wasi-libc declares flockfile & co. (gnulib's getopt locks stderr) only with _REENTRANT: else a call would be implicit, of another type. */
    CPPFLAGS: [...port.cppflags, '-D_REENTRANT'].join(' '),
  });
  await port.make([SUBDIRS]);
  await port.make([SUBDIRS, 'install', `DESTDIR=${port.path(tar.tree)}`]);
}
