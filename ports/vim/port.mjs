// vim, from Debian's source package `vim` (9.0), for noux: the normal
// feature set on a terminal (no GUI, X11, interpreters, gpm, ACLs,
// SELinux, NLS, sound or libsodium), with the terminfo library of the
// ncurses port (`uses = ['ncurses']`). Installed as `vim.tar`: bin/vim,
// its runtime files (share/vim/vim90) and the terminfo entries of
// ncurses' TERMINALS (share/terminfo), so that TERM=linux, xterm,
// xterm-256color, screen or tmux work without the host's database:
//
//   <fstab> <tar name="vim.tar"/> </fstab>
//   <start name="/bin/vim"> <env name="TERM" value="linux"/> <arg value="-N"/> </start>
//
// Built with vim's own configure, make and `make install DESTDIR=…`. A
// cross build cannot run configure's test programs, so the answers
// vim's configure asks for when cross compiling (vim_cv_*) are given as
// they are for wasm32-wasi with Nido's POSIX layer.
//
// Not built in, and why: the channel and netbeans (sockets, which noux
// has not), the X11 clipboard and server, the terminal window (+terminal
// is in the huge feature set only, and needs ptys).

import { cp, rm } from 'node:fs/promises';
import { TERMINALS } from '../ncurses/port.mjs';

/** The Debian source package. */
export const source = 'vim';
export const runtime = 'noux';
/** vim links ncurses' libncurses.a and takes its terminfo entries. */
export const uses = ['ncurses'];
export const tar = { name: 'vim.tar', tree: '.nido-install' };

/* The answers vim's configure cannot find out when cross compiling. */
const CROSS_ANSWERS = {
  vim_cv_toupper_broken: 'no',
  vim_cv_terminfo: 'yes',
  vim_cv_tgetent: 'zero',
  vim_cv_tgent: 'zero',
  vim_cv_getcwd_broken: 'no',
  vim_cv_stat_ignores_slash: 'no',
  vim_cv_memmove_handles_overlap: 'yes',
  vim_cv_bcopy_handles_overlap: 'yes',
  vim_cv_memcpy_handles_overlap: 'yes',
  vim_cv_timer_create: 'no',
  vim_cv_timer_create_with_lrt: 'no',
  vim_cv_uname_output: 'Nido',
  vim_cv_uname_r_output: '1',
  vim_cv_uname_m_output: 'wasm32',
};

export async function build(port) {
  const ncurses = port.dependency('ncurses');
  await port.configure([
    '--datarootdir=/share',
    '--with-features=normal', '--disable-gui', '--without-x', '--disable-nls', '--disable-selinux', '--disable-smack',
    '--disable-acl', '--disable-gpm', '--disable-sysmouse', '--disable-canberra', '--disable-libsodium',
    '--disable-channel', '--disable-netbeans', '--disable-xsmp', '--disable-xsmp-interact', '--disable-terminal',
    '--disable-icon-cache-update', '--disable-desktop-database-update', '--without-local-dir',
    '--with-tlib=ncurses',
  ], {
    ...CROSS_ANSWERS,
    CPPFLAGS: [...port.cppflags, `-I${ncurses}/include`, `-I${ncurses}/include/ncurses`].join(' '),
    LDFLAGS: [...port.ldflags, `-L${ncurses}/lib`].join(' '),
  });
  await port.make();
  /* STRIP: binutils' strip knows no WebAssembly (and the name section names a trap's function). */
  await port.make(['install', 'STRIP=true', `DESTDIR=${port.path(tar.tree)}`]);
  for (const terminal of TERMINALS) {
    const entry = `share/terminfo/${terminal[0]}/${terminal}`;
    await cp(`${ncurses}/${entry}`, port.path(`${tar.tree}/${entry}`), { recursive: true });
  }
  /* What a desktop and man want, not noux. */
  for (const unused of ['man', 'icons', 'applications']) await rm(port.path(`${tar.tree}/share/${unused}`), { recursive: true, force: true });
}
