// GNU awk 5.2.1 from Debian's source package `gawk`, built for noux with
// nido cc's toolchain by its own configure and make, and installed by its
// own `make install` into gawk.tar (bin/gawk, bin/awk).
//
// Patch: socket-fifo-type.patch, wasi-libc gives sockets and FIFOs one
// file type (S_IFSOCK == S_IFIFO), a duplicate case in gawk's
// os_isreadable. Besides: --build (a cross build), no dynamic extensions
// (no dlopen in WebAssembly), no persistent memory (PMA wants mmap of
// files), no MPFR (-M: no port of libmpfr), no readline, no NLS, and
// gawk linked with nido cc's LDFLAGS once (its Makefile.am repeats them).
// `cmd | getline`, `print | cmd` and system() use the POSIX layer's
// popen and system (wasm/posix/src/popen.c).

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'gawk';
export const runtime = 'noux';
export const patches = ['socket-fifo-type.patch'];
export const tar = { name: 'gawk.tar', tree: '.nido-install' };

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--without-readline', '--without-mpfr', '--disable-extensions', '--disable-pma'], {});
  /*
   * gawk's Makefile.am repeats LDFLAGS as AM_LDFLAGS and at the end of
   * LDADD: nido cc's flags, the POSIX layer linked whole, would be there
   * three times (duplicate symbols); here they are there once. Only gawk
   * itself and its support library: not awklib (igawk and the helpers
   * grcat and pwcat, linked the same way), extras, doc or the tests.
   */
  const once = ['SUBDIRS=support .', 'AM_LDFLAGS=', 'LDADD=support/libsupport.a'];
  await port.make(['-C', 'support']);
  await port.make(once);
  await port.make([...once, 'install', `DESTDIR=${port.path('.nido-install')}`]);
  /* make install hard-links gawk-VERSION to gawk: as a symlink, the driver's asyncify meets the program once (a hard link is the same file, asyncified twice). */
  await port.run('sh', ['-c', 'cd .nido-install/bin && for name in gawk-*; do ln -sf gawk "$name"; done']);
}
