// ncurses, the terminal library, from Debian's source package `ncurses`
// (6.4), built as a library for the noux ports that use it (vim:
// `uses = ['ncurses']`): its build installs headers and the static
// libncurses.a into a tree kept with the build in the ports cache, which
// a user's recipe reads through port.dependency('ncurses'). It installs
// nothing into dist/.
//
// Built unmodified with its own configure: static only, narrow characters
// (vim, its user, needs the terminfo calls only and does its own
// multi-byte handling), no programs, tests, C++ or Ada. ncurses' cross
// build compiles its generator tools (make_keys, make_hash) for the host
// (--with-build-cc): with clang, which the ports need anyway and which
// builds native programs too (the noux tests' Linux references).
//
// The terminfo database: the library looks in /share/terminfo (the
// prefix is /, as in every port's tree). The entries are compiled from
// this source's own misc/terminfo.src by the host's tic (Debian's
// ncurses-bin, the same ncurses) into the tree's share/terminfo, for the
// users to put into their tar archives (TERMINALS below); --without-progs
// builds no tic of its own, and one built for wasm32 could not run here.

import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { PortError } from '../lib/port_error.mjs';

/** The Debian source package. */
export const source = 'ncurses';
/** Built with nido cc's toolchain: its objects are linked into noux programs. */
export const runtime = 'noux';
/** A library: build() installs into this tree, which the users' builds read. */
export const library = { tree: '.nido-install' };

/** The terminal types whose entries go into share/terminfo (a user takes all or some). */
export const TERMINALS = [
  'linux', 'xterm', 'xterm-256color', 'xterm-color', 'screen', 'screen-256color', 'tmux', 'tmux-256color',
  'vt100', 'vt102', 'vt220', 'ansi', 'dumb',
];

export async function build(port) {
  if (spawnSync('tic', ['-V']).error !== undefined) {
    throw new PortError('ncurses: the host\'s tic is needed to compile the terminfo entries: apt-get install ncurses-bin');
  }
  await port.configure([
    '--without-shared', '--with-normal', '--without-debug', '--without-profile',
    '--without-cxx', '--without-cxx-binding', '--without-ada',
    '--without-progs', '--without-tests', '--without-manpages', '--without-pkg-config', '--disable-pc-files',
    '--disable-widec', '--disable-db-install', '--disable-stripping', '--disable-home-terminfo',
    '--with-terminfo-dirs=/share/terminfo', '--with-default-terminfo-dir=/share/terminfo',
    '--with-build-cc=clang',
  ]);
  await port.make(['libs']);
  await port.make(['install.libs', `DESTDIR=${port.path(library.tree)}`]);
  /* tic writes into an existing directory only (and says nothing otherwise). */
  await mkdir(port.path(`${library.tree}/share/terminfo`), { recursive: true });
  await port.run('tic', ['-x', '-o', port.path(`${library.tree}/share/terminfo`), '-e', TERMINALS.join(','), 'misc/terminfo.src']);
}
