// GNU make 4.3 from Debian's source package `make-dfsg` (make without
// its GFDL manual), built for noux with nido cc's toolchain by its own
// configure and make, and installed by its own `make install` into
// make.tar (bin/make, include/gnumake.h, its man page). make runs its
// recipes with /bin/sh (fork and exec): an fstab with make wants dash.tar
// or bash.tar, and the programs the recipes call.
//
// The source has no configure (Debian's build runs dh_autoreconf), so the
// recipe runs `autoreconf -f -i` first, which wants the host's autoconf,
// automake and autopoint (gettext's).
//
// Patch: dirent-name-size.patch, make sizes the struct dirent it mocks
// up for glob as if d_name were an array of fixed size; wasi-libc's is a
// flexible array member (POSIX leaves the size unspecified). Besides:
//
// - --build (a cross build), --disable-nls, --without-guile (as Debian's
//   make, not make-guile); ac_cv_lib_util_getloadavg=no as Debian's rules.
// - ac_cv_func_pselect=no: wasi-libc's pselect ignores its signal mask
//   (WASI has no signals), and make's jobserver waits in pselect with
//   SIGCHLD blocked outside it: `make -j2` waited for a child forever.
//   Without pselect make uses its own way for such systems (SIGCHLD's
//   handler closes a duplicate of the jobserver pipe's read end), which
//   needs only what noux has.
// - -DNO_OUTPUT_SYNC: --output-sync (-O) locks a file with fcntl's
//   F_SETLKW, which noux does not have; make then says -O is not
//   configured for this build and runs without it.
// - -D_REENTRANT: wasi-libc declares flockfile (gnulib's getopt) only so.
//
// What make needed of the runtime, added there: mkstemp (`make -f -`
// keeps standard input in a temporary file; wasm/posix/src/tempfile.c).
//
// What does not work, and why: -O (no record locks); the load limit -l
// (no getloadavg: "cannot enforce load limit"); Guile. A known noux bug
// make shows: a file written under noux keeps the time it had (0 for a
// new one), so what a recipe writes does not look newer than its sources
// unless the recipe dates it (touch -d @$(date +%s)): a rebuilt object
// does not relink its program by itself. Tested against Debian's make:
// test/scenarios/gnu_archive_tools.test.ts.

import { execFileSync, spawnSync } from 'node:child_process';
import { PortError } from '../lib/port_error.mjs';

/** The Debian source package. */
export const source = 'make-dfsg';
export const runtime = 'noux';
export const patches = ['dirent-name-size.patch'];
export const tar = { name: 'make.tar', tree: '.nido-install' };

export async function build(port) {
  if (spawnSync('autoreconf', ['--version']).error !== undefined || spawnSync('autopoint', ['--version']).error !== undefined) {
    throw new PortError('make: its source has no configure; autoreconf makes it: apt-get install autoconf automake autopoint');
  }
  await port.run('autoreconf', ['-f', '-i']);
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--without-guile'], {
    ac_cv_lib_util_getloadavg: 'no',
    /* wasi-libc's pselect ignores its signal mask: make's jobserver would wait with SIGCHLD blocked (see above). */
    ac_cv_func_pselect: 'no',
    CPPFLAGS: [...port.cppflags, '-D_REENTRANT', '-DNO_OUTPUT_SYNC'].join(' '),
  });
  await port.make();
  await port.make(['install', `DESTDIR=${port.path(tar.tree)}`]);
}
