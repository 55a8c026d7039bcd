// GNU findutils 4.9 (find, xargs, locate, updatedb) from Debian's
// source package `findutils`, built for noux with nido cc's toolchain by
// its own configure and make, and installed by its own `make install` into
// findutils.tar.
//
// Patch: opendirat-name.patch, gnulib's opendirat (used by fts, find's
// walk) takes another name: wasi-libc has an opendirat of its own.
// Besides: --build (a cross build), --disable-threads and the
// setlocale_null cache variables (one thread; wasi-libc has no mtx_*),
// DT_SOCK for fts (wasi-libc has none), --without-selinux, no
// gnulib-tests.
//
// Does not build yet: configure stops at "could not determine how to
// read list of mounted file systems" (gnulib's mountlist, for find's
// -fstype, wants <mntent.h> and getmntent, which wasi-libc has not). The
// coreutils port adds <mntent.h> to the POSIX layer (getmntent reading
// /etc/mtab); with it this recipe should configure. Not in `npm run ports`
// until then.

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'findutils';
export const runtime = 'noux';
export const patches = ['opendirat-name.patch'];
export const tar = { name: 'findutils.tar', tree: '.nido-install' };

/* gnulib-tests: gnulib's own tests of its modules, not findutils'; built by `make all`, not needed here. */
const SUBDIRS = 'SUBDIRS=gl build-aux lib find xargs locate doc po m4';

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--disable-threads', '--without-selinux'], {
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
    /* fts has a `case DT_SOCK:`; wasi-libc has no DT_SOCK (its DT_FIFO is WASI's stream socket): WASI's datagram socket, which noux never reports. */
    CPPFLAGS: [...port.cppflags, '-DDT_SOCK=__WASI_FILETYPE_SOCKET_DGRAM'].join(' '),
  });
  await port.make([SUBDIRS]);
  await port.make([SUBDIRS, 'install', `DESTDIR=${port.path('.nido-install')}`]);
}
