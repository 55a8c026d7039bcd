// GNU findutils 4.9 (find, xargs, locate, updatedb) from Debian's
// source package `findutils`, built for noux with nido cc's toolchain by
// its own configure and make, and installed by its own `make install` into
// findutils.tar.
//
// Patches:
//
// - opendirat-name.patch: gnulib's opendirat (used by fts, find's walk)
//   takes another name: wasi-libc has an opendirat of its own.
// - socket-fifo-type.patch: wasi-libc's S_IFSOCK is its S_IFIFO (WASI's
//   stream socket, a pipe under noux), a duplicate case in find's -type;
//   such a file is a FIFO to find (as gawk's port does).
//
// Besides: --build (a cross build), --disable-threads and the
// setlocale_null cache variables (one thread; wasi-libc has no mtx_*),
// DT_SOCK for fts (wasi-libc has none), -D_REENTRANT (wasi-libc
// declares flockfile, which gnulib's getopt and getdelim call, only so:
// the link warned of a call of another type), --without-selinux.
//
// The programs' directories are made one by one (gl, lib, find, xargs,
// locate), not by the top-level make with SUBDIRS given on its command
// line as the other GNU recipes do: a variable given there goes to every
// recursive make, and gl/'s own SUBDIRS (lib) would become the top
// level's list too (make in gl/ then looked for gl/gl). Left out:
// gnulib-tests (gnulib's tests of its modules, which want threads), doc
// (the info manual) and po (--disable-nls).

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'findutils';
export const runtime = 'noux';
export const patches = ['opendirat-name.patch', 'socket-fifo-type.patch'];
export const tar = { name: 'findutils.tar', tree: '.nido-install' };

/* In the top-level SUBDIRS' order; each made by itself, see above. */
const DIRECTORIES = ['gl', 'lib', 'find', 'xargs', 'locate'];

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--disable-threads', '--without-selinux'], {
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
    /* fts has a `case DT_SOCK:`; wasi-libc has no DT_SOCK (its DT_FIFO is WASI's stream socket): WASI's datagram socket, which noux never reports. */
    /* wasi-libc declares flockfile & co. (gnulib's getopt and getdelim lock their stream) only with _REENTRANT: else a call would be implicit, of another type. */
    CPPFLAGS: [...port.cppflags, '-DDT_SOCK=__WASI_FILETYPE_SOCKET_DGRAM', '-D_REENTRANT'].join(' '),
  });
  for (const directory of DIRECTORIES) await port.make(['-C', directory]);
  for (const directory of DIRECTORIES) await port.make(['-C', directory, 'install', `DESTDIR=${port.path(tar.tree)}`]);
}
