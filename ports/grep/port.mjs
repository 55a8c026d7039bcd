// GNU grep 3.8 from Debian's source package `grep`, built for noux with
// nido cc's toolchain by its own configure and make, and installed by its
// own `make install` into grep.tar (bin/grep, bin/egrep, bin/fgrep).
//
// Patches:
//
// - dfa-label-declaration.patch: Debian's stray-backslash patch puts a
//   declaration right after a label, which clang 14 rejects (C23 allows
//   it, GCC as an extension); an empty statement makes it C99.
// - opendirat-name.patch: gnulib's opendirat (used by fts, grep -r)
//   takes another name: wasi-libc has an opendirat of its own.
//
// Besides: --build (a cross build), --disable-threads and the
// setlocale_null cache variables (one thread; wasi-libc has no mtx_*),
// DT_SOCK for fts (wasi-libc has none), --disable-perl-regexp (Debian's
// grep links libpcre2, which has no port: `grep -P` answers that it is
// not supported, exit 2), no doc (Debian's patches touch grep.texi, which
// make would remake with makeinfo) and no gnulib-tests.

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'grep';
export const runtime = 'noux';
export const patches = ['dfa-label-declaration.patch', 'opendirat-name.patch'];
export const tar = { name: 'grep.tar', tree: '.nido-install' };

/* Not gnulib-tests (gnulib's own tests of its modules), nor doc: Debian's patches touch grep.texi, whose info page make would remake with makeinfo. */
const SUBDIRS = 'SUBDIRS=po lib src';

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--disable-threads', '--without-libsigsegv', '--disable-perl-regexp'], {
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
    /* fts has a `case DT_SOCK:`; wasi-libc has no DT_SOCK (its DT_FIFO is WASI's stream socket): WASI's datagram socket, which noux never reports. */
    CPPFLAGS: [...port.cppflags, '-DDT_SOCK=__WASI_FILETYPE_SOCKET_DGRAM'].join(' '),
  });
  await port.make([SUBDIRS]);
  await port.make([SUBDIRS, 'install', `DESTDIR=${port.path('.nido-install')}`]);
}
