// GNU awk 5.2.1 from Debian's source package `gawk`, built for noux with
// nido cc's toolchain by its own configure and make, and installed by its
// own `make install` into gawk.tar (bin/gawk, bin/awk and its awk library).
//
// Patch: socket-fifo-type.patch, wasi-libc gives sockets and FIFOs one
// file type (S_IFSOCK == S_IFIFO), a duplicate case in gawk's
// os_isreadable. Besides: --build (a cross build), no dynamic extensions
// (no dlopen in WebAssembly), no persistent memory (PMA wants mmap of
// files), no MPFR (-M: no port of libmpfr), no readline, no NLS.

import { execFileSync } from 'node:child_process';

/** The Debian source package. */
export const source = 'gawk';
export const runtime = 'noux';
export const patches = ['socket-fifo-type.patch'];
export const tar = { name: 'gawk.tar', tree: '.nido-install' };

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--without-readline', '--without-mpfr', '--disable-extensions', '--disable-pma'], {});
  await port.make([]);
  await port.make(['install', `DESTDIR=${port.path('.nido-install')}`]);
}
