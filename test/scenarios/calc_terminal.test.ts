/*
 * Adaptable sessions: the Terminal session reports size changes and a
 * client adapts. examples/calc runs calc (wasm/src/calc.c) on core's
 * Terminal in a tmux pane; its line editor keeps a long line on one row,
 * scrolled to the cursor, and when the pane is resized it hears of it
 * through the terminal plugin's `.terminal/info`, which it polls beside
 * its keyboard, and lays the line out for the new width (docs/terminal.md).
 *
 * What a reflowing terminal such as tmux does with the old row is part of
 * the check: after a shrink the editor's row must stand where the old one
 * began, right below the previous result, with nothing of the old row
 * left on the screen.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nidoBin, repoRoot } from '../harness.js';
import { TmuxPane, tmuxInstalled } from './tmux_pane.js';

/* 1 + 2 + ... + 30 = 465, 80 characters: wider than the pane at first. */
const EXPRESSION = Array.from({ length: 30 }, (_, i) => String(i + 1)).join('+');
const PROMPT_CELLS = 2;

/** The editor's row as calc draws it at `columns`: the last column stays free, the window follows the cursor. */
function editorRow(columns: number, shown: string, scrolled: boolean): string {
  assert.ok(shown.length <= columns - PROMPT_CELLS - 1, 'a row of the editor leaves the last column free');
  return `${scrolled ? '<' : '>'} ${shown}`;
}

interface View {
  readonly rows: readonly string[];
  readonly cursor: { readonly row: number; readonly column: number };
}

test('calc on core\'s Terminal (tmux): a long line scrolls within the width and is laid out anew when the pane is resized', async () => {
  assert.ok(tmuxInstalled(), 'tmux is not installed: apt-get install tmux (.ci/run does)');
  const dir = await mkdtemp(join(tmpdir(), 'nido-calc-'));
  const pane = new TmuxPane(join(dir, 'socket'));
  const view = (): View => ({ rows: pane.screen(), cursor: pane.cursor() });
  /*
   * Waits until the cursor's row is `row` with the cursor at `column`, the
   * row above is the last result and nothing is below: the editor's row
   * and nothing else of it on the screen. Answers the view.
   */
  const editorShows = (row: string, column: number): Promise<View> => pane.waitUntil(view,
    (seen) => seen.rows[seen.cursor.row] === row && seen.cursor.column === column
      && seen.rows[seen.cursor.row - 1] === 'x = 42'
      && seen.rows.slice(seen.cursor.row + 1).every((below) => below.trim() === ''),
    `the editor's row ${JSON.stringify(row)} below "x = 42", the cursor at column ${column}, nothing below`, 60_000,
    (seen) => `${seen.rows.join('\n')}\n(the cursor at row ${seen.cursor.row}, column ${seen.cursor.column})`);
  try {
    const script = '"$0" "$1" run "$2" --until \'child "calc" exited\' --timeout 180; echo "nido exited with $?"; exec sleep 600';
    pane.start(60, 20, ['sh', '-c', script, process.execPath, nidoBin, join(repoRoot, 'examples', 'calc')]);
    await pane.waitFor(/^calc: type an expression, "vars" or "quit"$/m);

    pane.type('x = 6 * 7');
    pane.key('Enter');
    await pane.waitFor(/^x = 42$/m);

    /* 60 columns: 57 cells for the text, the start of it scrolled out on the left */
    pane.type(EXPRESSION);
    await editorShows(editorRow(60, EXPRESSION.slice(-57), true), 59);

    /* 100 columns: all of it */
    pane.resize(100, 20);
    await editorShows(editorRow(100, EXPRESSION, false), PROMPT_CELLS + EXPRESSION.length);

    /*
     * 40 columns: tmux rewraps the 82 cells into three rows and leaves the
     * cursor in the last; the editor goes back up to the first (right below
     * the result), draws the row for 40 columns there and clears what was
     * below.
     */
    pane.resize(40, 20);
    const shrunk = await editorShows(editorRow(40, EXPRESSION.slice(-37), true), 39);
    assert.equal(shrunk.rows.filter((row) => row.includes('+29+30')).length, 1, 'the end of the line shows once');

    /* Home: the window moves to the start; a resize keeps the cursor there */
    pane.key('Home');
    await editorShows(editorRow(40, EXPRESSION.slice(0, 37), false), PROMPT_CELLS);
    pane.resize(70, 20);
    await editorShows(editorRow(70, EXPRESSION.slice(0, 67), false), PROMPT_CELLS);

    pane.key('Enter');
    await pane.waitFor(/^= 465$/m);
    pane.key('C-d');
    await pane.waitFor(/^bye$/m);
    const end = await pane.waitFor(/^nido exited with \d+$/m);
    assert.match(end, /^\[init\] child "calc" exited with exit value 0$/m);
    assert.match(end, /^nido exited with 0$/m);
  } finally {
    pane.kill();
    await rm(dir, { recursive: true, force: true });
  }
});
