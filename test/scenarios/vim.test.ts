/*
 * The talk's "Noux: VIM": Debian's vim (ports/vim, with ncurses from
 * ports/ncurses), built by `npm run ports` into dist/wasm/vim.tar, runs
 * under noux on core's Terminal in a tmux pane, as a user runs it:
 *
 * - the seed's noux start node unchanged (TERM=linux, --noplugin -n -N):
 *   vim comes up full-screen with its intro, and when the pane is resized
 *   it hears of it (SIGWINCH from noux on the Terminal session's size
 *   change) and draws the screen anew for the new size;
 * - editing a file in a RAM directory: insert, search, substitute, :wq;
 *   then cat (tools.tar), run by the same shell, shows what vim wrote.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootDir, nidoBin, repoRoot } from '../harness.js';
import { TmuxPane, tmuxInstalled } from './tmux_pane.js';

const VIM_TAR = join(repoRoot, 'dist', 'wasm', 'vim.tar');

function requirements(): void {
  assert.ok(tmuxInstalled(), 'tmux is not installed: apt-get install tmux (.ci/run does)');
  assert.ok(existsSync(VIM_TAR), 'dist/wasm/vim.tar is missing: run "npm run ports" (fetches Debian\'s ncurses and vim sources with '
    + 'apt-get source and builds them with nido cc, see ports/README.md), then run the tests again');
}

/* init's config around a noux start node: everything routed to the parent (core's Terminal, Timer). */
function config(noux: string): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/>
    <service name="Timer"/> <service name="Terminal"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
  ${noux}
</config>
`;
}

/* The seed's start node, as the talk has it. */
const SEED = `<start name="noux" caps="500" ram="64M">
    <config>
      <fstab> <tar name="vim.tar"/> </fstab>
      <start name="/bin/vim">
        <env name="TERM" value="linux"/>
        <arg value="--noplugin"/> <arg value="-n"/> <arg value="-N"/>
      </start>
    </config>
  </start>`;

/*
 * vim on a file of a RAM directory, then cat of that file, from nsh
 * (tools.tar's cat): nsh's PD, forked, execs vim, a program of 5 MB, and
 * noux gives it room for that by what the PD has available (docs/noux.md).
 */
const EDIT = `<start name="noux" caps="500" ram="160M">
    <exit propagate="yes"/>
    <config>
      <fstab>
        <tar name="vim.tar"/> <tar name="nsh.tar"/> <tar name="tools.tar"/>
        <dir name="home"> <ram/> </dir>
      </fstab>
      <start name="/bin/sh">
        <env name="TERM" value="screen-256color"/> <env name="HOME" value="/home"/> <env name="PATH" value="/bin"/>
        <arg value="-c"/>
        <arg value="vim --noplugin -n -N /home/notes.txt; echo '--- notes.txt'; cat /home/notes.txt; echo '--- end'"/>
      </start>
    </config>
  </start>`;

/*
 * A tmux pane of `columns` x `rows` running `nido run` on a boot directory
 * with `config`, then its exit status. The seed's noux has no <exit
 * propagate>: that run ends at noux's exit line (--until); with
 * propagation, init ends with noux's status.
 */
async function vimIn(configText: string, columns: number, rows: number): Promise<{ pane: TmuxPane; dispose: () => Promise<void> }> {
  const boot = await bootDir({ config: configText });
  const dir = await mkdtemp(join(tmpdir(), 'nido-vim-'));
  const pane = new TmuxPane(join(dir, 'socket'));
  const until = configText.includes('<exit propagate="yes"/>') ? '' : ' --until \'child "noux" exited\'';
  const script = `"$0" "$1" run "$2"${until} --timeout 110; echo "nido exited with $?"; exec sleep 600`;
  pane.start(columns, rows, ['sh', '-c', script, process.execPath, nidoBin, boot]);
  const dispose = async (): Promise<void> => {
    pane.kill();
    await rm(dir, { recursive: true, force: true });
    await rm(boot, { recursive: true, force: true });
  };
  return { pane, dispose };
}

/* vim's screen on an empty buffer: the first row is the (empty) line, the rows below it to the command line are "~". */
function emptyBufferScreen(rows: readonly string[], height: number): boolean {
  return rows.length === height && rows.slice(1, height - 1).every((row) => row.startsWith('~'));
}

test('vim: the seed\'s config comes up full-screen with TERM=linux, and draws anew when the terminal is resized', async () => {
  requirements();
  const { pane, dispose } = await vimIn(config(SEED), 80, 24);
  try {
    /* The intro is drawn a row at a time: wait for all of it that is checked. */
    await pane.waitForScreen((rows) => emptyBufferScreen(rows, 24) && rows.some((row) => /VIM - Vi IMproved/.test(row))
      && rows.some((row) => /version 9\.0/.test(row)), 'vim\'s intro on 24 rows ("~" lines, "VIM - Vi IMproved", "version 9.0")');

    /* Larger, then smaller: the "~" lines fill the new height, and vim's own idea of the size follows. */
    for (const [columns, lines] of [[100, 30], [60, 16]] as const) {
      pane.resize(columns, lines);
      await pane.waitForScreen((rows) => emptyBufferScreen(rows, lines), `vim's "~" lines on ${lines} rows`);
      pane.type(':echo "size" &columns &lines');
      pane.key('Enter');
      /* The message, then the ruler further right. */
      await pane.waitForScreen((rows) => (rows.at(-1) ?? '').startsWith(`size ${columns} ${lines} `), `vim telling its size ${columns}x${lines}`);
    }
    pane.type(':q');
    pane.key('Enter');
    await pane.waitFor(/^nido exited with 0$/m);
  } finally {
    await dispose();
  }
});

test('vim: insert, search, substitute and :wq write a file that cat then shows', async () => {
  requirements();
  const { pane, dispose } = await vimIn(config(EDIT), 80, 24);
  try {
    await pane.waitForScreen((rows) => /"~\/notes\.txt" \[New\]/.test(rows.at(-1) ?? ''), 'vim on the new file ~/notes.txt (HOME is /home)');
    pane.type('ialpha banana');
    pane.key('Enter');
    pane.type('cherry apple');
    pane.key('Enter');
    pane.type('date');
    pane.key('Escape');
    await pane.waitForScreen((rows) => rows[0] === 'alpha banana' && rows[1] === 'cherry apple' && rows[2] === 'date', 'the text inserted');

    /* A search from the end wraps to the first line; "D" there cuts the line from the match. */
    pane.type('/nana');
    pane.key('Enter');
    await pane.waitUntil(() => pane.cursor(), (cursor) => cursor.row === 0 && cursor.column === 'alpha ba'.length,
      'the cursor on the match in the first line', 60_000, (cursor) => `${pane.screen().join('\n')}\n(the cursor at ${cursor.row}:${cursor.column})`);
    pane.type('D');
    await pane.waitForScreen((rows) => rows[0] === 'alpha ba', 'the first line cut at the match');

    pane.type(':%s/a/o/g');
    pane.key('Enter');
    await pane.waitForScreen((rows) => rows[0] === 'olpho bo' && rows[1] === 'cherry opple' && rows[2] === 'dote', 'the substitution on every line');

    pane.type(':wq');
    pane.key('Enter');
    const end = await pane.waitFor(/^nido exited with \d+$/m);
    assert.match(end, /^--- notes\.txt\nolpho bo\ncherry opple\ndote\n--- end$/m, 'cat shows the file as vim wrote it');
    assert.match(end, /^nido exited with 0$/m);
  } finally {
    await dispose();
  }
});
