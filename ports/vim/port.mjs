// vim, from Debian's source package `vim` (9.0), for noux: the normal
// feature set on a terminal (no GUI, X11, interpreters, gpm, ACLs,
// SELinux, NLS, sound or libsodium), with the terminfo library of the
// ncurses port (`uses = ['ncurses']`). Installed as `vim.tar`: bin/vim
// (ex, view, rvim, rview, vimdiff → vim; xxd, vimtutor), its runtime
// files (share/vim/vim90) and the terminfo entries of ncurses' TERMINALS
// (share/terminfo), so that TERM=linux, xterm, xterm-256color, screen or
// tmux work without the host's database. The talk's scenario:
//
//   <fstab> <tar name="vim.tar"/> </fstab>
//   <start name="/bin/vim"> <env name="TERM" value="linux"/> <arg value="--noplugin"/> <arg value="-n"/> <arg value="-N"/> </start>
//
// Built unmodified, no patches, with vim's own configure, make and `make
// install DESTDIR=…` (STRIP=true: binutils' strip knows no WebAssembly).
// A cross build cannot run configure's test programs, so the answers
// vim's configure asks for when cross compiling (vim_cv_*) are given as
// they are for wasm32-wasi with Nido's POSIX layer.
//
// What vim needed of Nido's runtime, added there rather than cut out of
// vim: setitimer (its regexp and redraw timeouts), sync (swap files),
// select with an exception set (its terminal input), poll/select ending
// with EINTR after a handler with SA_RESTART (SIGWINCH redraws at once),
// and HOME=/ for noux's first process (its 'runtimepath' starts with
// $HOME/.vim).
//
// What does not work, and why:
// - the channel, jobs and netbeans: noux has no sockets (--disable-channel);
// - the terminal window (:terminal): the huge feature set only, and ptys;
// - timeouts are whole seconds (setitimer on noux's alarm), and a regexp
//   timeout takes effect only at vim's next system call (noux delivers
//   signals there);
// - `:!cmd` and filters need a /bin/sh and a writable /tmp in the fstab
//   (e.g. dash.tar, <dir name="tmp"> <ram/> </dir>), which vim.tar does
//   not bring (not tested yet);
// - a shell that execs vim: its PD's JavaScript heap was sized for the
//   shell when it started, too small to compile vim (ENOMEM): give noux's
//   <config process_ram="24M"> (test/scenarios/vim.test.ts does);
// - vim writes ~/.viminfo at exit: with the seed's fstab (HOME=/, a tar)
//   it cannot; :q still ends it with status 0 (tested).

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
