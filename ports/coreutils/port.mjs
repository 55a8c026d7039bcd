// GNU coreutils 9.1 from Debian's source package `coreutils`, built for
// noux with nido cc's toolchain by its own build system (configure, make,
// make install-exec into the tree that becomes coreutils.tar).
//
// One program, many names: configured with --enable-single-binary=symlinks,
// the build links every program into bin/coreutils, which runs the one
// its argv[0] names, and installs bin/ls, bin/cat, … as symlinks to it.
// Built one program each, ~100 programs of 0.4 to 0.6 MB each took
// asyncify ~10 s apiece (a quarter of an hour of a cold CI build, ~40 MB
// in the archive); the single binary takes it once.
//
// Cross-build answers: gnulib's getaddrinfo replacement does not compile
// without <netdb.h>, and only who and pinky (not built: no utmp) need it,
// so configure is told getaddrinfo is there. NLS, SELinux, ACLs, xattrs,
// OpenSSL, libcap and GMP are off (noux has none of them).
//
// Patches (files beside this one, each says why in its header):
//   opendirat-name.patch  gnulib's opendirat takes another name: wasi-libc
//                         has one of its own in the member with openat.
//
// What noux lacks, so that these do not work (they are installed, and
// say why when run): df and `stat -f` (no file system statistics in WASI
// or Genode's VFS: ENOSYS), mkfifo and mknod (no special files), chroot,
// nice (no priorities), stdbuf (no preloading), who, users, pinky, uptime
// (no utmp: not built), sort --parallel (one thread per process: sorts in
// one), chcon and runcon (no SELinux), date with a TZ other than UTC
// (no zone tables: wasi-libc's local time is UTC), and permission bits
// (chmod succeeds without effect, ls -l shows none; docs/noux.md).

/** The Debian source package. */
export const source = 'coreutils';
export const runtime = 'noux';
export const patches = ['opendirat-name.patch'];
export const tar = { name: 'coreutils.tar', tree: '.nido-install' };

const CONFIGURE = [
  '--enable-single-binary=symlinks',
  '--disable-nls', '--without-selinux', '--disable-acl', '--disable-xattr', '--without-openssl',
  '--disable-libcap', '--without-libintl-prefix', '--without-libgmp', '--disable-threads',
  /* gnulib's replacement needs <netdb.h>; who and pinky, its only users, are not built (no utmp). */
  'gl_cv_func_getaddrinfo=yes',
];

export async function build(port) {
  await port.configure(CONFIGURE);
  /*
   * Not `make all`: with a single binary it compiles every program into a
   * library of its own, those it will not install too (who, pinky, users
   * and uptime, which need <utmp.h>); install-exec builds what it installs.
   */
  await port.make(['install-exec', `DESTDIR=${port.path('.nido-install')}`]);
  return {};
}
