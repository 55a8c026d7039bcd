// dash, the Debian Almquist shell (Debian's /bin/sh), from Debian's source
// package `dash`, built unmodified for noux with nido cc's toolchain: its
// fork, exec, pipes, signals, job control and setjmp are noux's and the
// POSIX layer's. Installed as the ROM module `dash` and as `dash.tar`
// (bin/dash, bin/sh → dash) for an fstab's <tar name="dash.tar"/>.
//
// One step is the recipe's own: Debian's patches add src/priv.c (the
// privileged mode, `set -p`) and name it in src/Makefile.am; Debian's
// build regenerates src/Makefile.in with autoreconf, which ports do not
// run, so the recipe compiles priv.o and links it as the regenerated
// Makefile would.

/** The Debian source package. */
export const source = 'dash';
export const runtime = 'noux';
export const tar = {
  name: 'dash.tar',
  entries: [
    { path: 'bin/dash', module: 'dash' },
    { path: 'bin/sh', symlink: 'dash' },
  ],
};

/* src/Makefile.in's dash_LDADD, with Debian's priv.o. */
const LDADD = ['builtins.o', 'init.o', 'nodes.o', 'signames.o', 'syntax.o', 'priv.o'];

export async function build(port) {
  await port.configure();
  await port.make(['-C', 'src', 'priv.o']);
  await port.make([`dash_LDADD=${LDADD.join(' ')}`]);
  return { dash: 'src/dash' };
}
