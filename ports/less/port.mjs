// less 590 from Debian's source package `less`, for noux, with the
// terminfo library of the ncurses port (`uses = ['ncurses']`, as vim).
// Installed as less.tar: bin/less, lessecho, lesskey, their man pages,
// and the terminfo entries of ncurses' TERMINALS (share/terminfo, where
// the library looks), so that TERM=linux, xterm, screen, tmux and the
// like work without the host's database:
//
//   <fstab> <tar name="less.tar"/> … </fstab>
//   <start name="/bin/less"> <env name="TERM" value="linux"/> <arg value="/some/file"/> </start>
//
// Built unmodified, no patches, by its own configure, make and `make
// install DESTDIR=…`. --with-regex=posix: Debian's build takes glibc's
// GNU regex (--with-regex=gnu); here the POSIX regcomp of wasi-libc
// (musl's), which answers less's searches alike.
//
// What does not work, and why: commands that run other programs (`v`,
// `!`, `|`, LESSOPEN) need a /bin/sh and the programs in the fstab (not
// tested); the history file (~/.lesshst) is written only where HOME is
// writeable; Debian's lesspipe (a script of Debian's packaging) is not
// part of it. Tested in a tmux pane against Debian's less on the same
// file and keys (test/scenarios/gnu_archive_tools.test.ts).

import { cp } from 'node:fs/promises';
import { TERMINALS } from '../ncurses/port.mjs';

/** The Debian source package. */
export const source = 'less';
export const runtime = 'noux';
/** less links ncurses' libncurses.a (its termcap calls) and takes its terminfo entries. */
export const uses = ['ncurses'];
export const tar = { name: 'less.tar', tree: '.nido-install' };

export async function build(port) {
  const ncurses = port.dependency('ncurses');
  await port.configure(['--with-regex=posix'], {
    CPPFLAGS: [...port.cppflags, `-I${ncurses}/include`, `-I${ncurses}/include/ncurses`].join(' '),
    LDFLAGS: [...port.ldflags, `-L${ncurses}/lib`].join(' '),
  });
  await port.make();
  await port.make(['install', `DESTDIR=${port.path(tar.tree)}`]);
  for (const terminal of TERMINALS) {
    const entry = `share/terminfo/${terminal[0]}/${terminal}`;
    await cp(`${ncurses}/${entry}`, port.path(`${tar.tree}/${entry}`), { recursive: true });
  }
}
