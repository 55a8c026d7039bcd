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
// What the runtime gained for it (wasm/posix, the POSIX layer; src/server/noux):
// a <pthread.h> for one thread (sort's threads: pthread_create answers
// EAGAIN and sort sorts in one), flockfile, tzset (UTC), <mntent.h>,
// <sys/statvfs.h> and <sys/statfs.h> (ENOSYS), DT_SOCK, termios' delay
// values for stty, program_invocation_name (messages name the program),
// and noux compiles a binary reached by several names once.
//
// What does not work, and why (installed, these say so when run): df and
// `stat -f` (WASI and Genode's VFS have no file system statistics: ENOSYS;
// df has no /etc/mtab either), mkfifo and mknod (no special files), chroot,
// nice (no priorities), chcon and runcon (no SELinux), TZ other than UTC
// (no zone tables: wasi-libc's local time is UTC), permission bits (chmod
// succeeds without effect, ls -l shows none; docs/noux.md), owners other
// than root. Not built: stdbuf (no preloading of libraries), who, users,
// pinky and uptime (no <utmp.h>), hostname and arch (Debian's build does
// not install them either).
//
// Also installed: the shell part of coreutils' own test suite in
// share/coreutils/tests, which test/scenarios/coreutils.test.ts runs
// under noux and on the host.

/** The Debian source package. */
export const source = 'coreutils';
export const runtime = 'noux';
export const patches = ['opendirat-name.patch'];
export const tar = { name: 'coreutils.tar', tree: '.nido-install' };
/* wasi-libc's printf, scanf and strtold handle long double only with this library (seq, od, printf, sort -g use it). */
export const libs = ['-lc-printscan-long-double'];

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
  await installTestSuite(port);
  return {};
}

/*
 * The shell part of coreutils' own test suite (tests/init.sh, init.cfg and
 * the .sh tests of the directories below), into share/coreutils/tests, as
 * the source has them: test/scenarios/coreutils.test.ts runs a selection
 * under noux and on the host. Perl tests are left out (no perl on noux).
 */
const TEST_DIRS = ['misc', 'cp', 'mv', 'rm', 'mkdir', 'ln', 'ls', 'touch', 'readlink', 'split', 'fmt', 'tail-2', 'chmod'];

async function installTestSuite(port) {
  const target = '.nido-install/share/coreutils';
  await port.run('mkdir', ['-p', ...TEST_DIRS.map((dir) => `${target}/tests/${dir}`)]);
  await port.run('cp', ['init.cfg', `${target}/`]);
  await port.run('cp', ['tests/init.sh', `${target}/tests/`]);
  for (const dir of TEST_DIRS) await port.run('sh', ['-c', `cp tests/${dir}/*.sh ${target}/tests/${dir}/`]);
}
