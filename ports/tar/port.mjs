// GNU tar 1.34 from Debian's source package `tar`, built for noux with
// nido cc's toolchain by its own configure and make, and installed by its
// own `make install` into tar.tar (bin/tar). -z, -j, -J and the like run
// gzip, bzip2, xz by PATH (fork and exec): gzip.tar is the port of gzip.
//
// Patch: opendirat-name.patch, gnulib's opendirat takes another name:
// wasi-libc has an opendirat of its own (as for coreutils, grep and
// findutils). Besides:
//
// - --build (a cross build), --disable-nls, --without-selinux,
//   --without-posix-acls, --without-xattrs (none on noux), --with-lzma=xz
//   as Debian's rules give it; -D_REENTRANT (wasi-libc declares flockfile,
//   which gnulib's getopt calls, only so).
// - gl_cv_func_setlocale_null_*_mtsafe=yes: one thread per process.
// - The directories gnu, lib and src are made one by one: gnu/ (gnulib)
//   has a SUBDIRS of its own, which one given on make's command line would
//   override. Not doc (tar.1 and rmt.8 only: Debian removed the manual), rmt
//   (the remote tape server: no network), scripts, po, tests.
// - no-resolver.h, included before every source: noux has no network and
//   wasi-libc no resolver (<netdb.h>), so the host of a remote archive
//   (`-f host:file`) never resolves, as on a machine without a network:
//   tar says "Cannot connect to HOST: resolve failed" (exit 128).
//
// What tar needed of the runtime, added there: O_NONBLOCK usable in #if
// (include/fcntl.h), sigwait (--checkpoint-action=wait, src/signal.c) and
// initgroups (grp.h; tar resets a child's groups before it runs rsh).
//
// What does not work, and why: remote archives (no network); owners
// other than root and permission bits (noux has one user and no modes:
// tar stores mode 0 for noux's files, --mode sets them; extraction sets
// none); ACLs, SELinux contexts, extended attributes (not built). Time
// stamps are kept as the archive has them (tar sets them explicitly).
// Tested against Debian's tar (the same archive bytes, listing, gzip
// through a pipe, extraction, append, delete, compare):
// test/scenarios/gnu_archive_tools.test.ts.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The Debian source package. */
export const source = 'tar';
export const runtime = 'noux';
export const patches = ['opendirat-name.patch'];
export const tar = { name: 'tar.tar', tree: '.nido-install' };

/* gnulib, tar's own library, the program; each made by itself (see above). */
const DIRECTORIES = ['gnu', 'lib', 'src'];

export async function build(port) {
  const machine = execFileSync('sh', [port.path('build-aux/config.guess')], { encoding: 'utf8' }).trim();
  await port.configure([`--build=${machine}`, '--disable-nls', '--without-selinux', '--without-posix-acls', '--without-xattrs', '--with-lzma=xz'], {
    /* One thread per process: setlocale(NULL) cannot race (else gnulib locks with C11 mtx_*, which wasi-libc declares but has not). */
    gl_cv_func_setlocale_null_all_mtsafe: 'yes',
    gl_cv_func_setlocale_null_one_mtsafe: 'yes',
    CPPFLAGS: [...port.cppflags, '-D_REENTRANT', '-include', fileURLToPath(new URL('no-resolver.h', import.meta.url))].join(' '),
  });
  for (const directory of DIRECTORIES) await port.make(['-C', directory]);
  for (const directory of DIRECTORIES) await port.make(['-C', directory, 'install', `DESTDIR=${port.path(tar.tree)}`]);
}
