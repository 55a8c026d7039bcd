/*
 * The graphical terminal (src/server/terminal, docs/gui_terminal.md) with
 * noux's bash in it, on the screen of `nido run --ui`: nitpicker, fb_drv,
 * terminal and noux (test/scenarios/gui_terminal/config), headless
 * Chromium on the dashboard's page.
 *
 * - bash's prompt comes up on the screen; a click on the canvas focuses
 *   the terminal, `ls /` typed there runs, and its output is on screen:
 *   the terminal's cells read off the canvas are the font's glyphs of the
 *   expected text, in the palette's default colours (gui_terminal_screen.ts);
 * - a new mode reaches bash: nitpicker's domain is given a size of its own
 *   (Genode's <domain width height>: the screen area its clients are
 *   told), the terminal takes a buffer of the new mode, its view shrinks
 *   to it, and bash's SIGWINCH trap prints the new rows and columns.
 *
 * Screenshots go to test-artifacts/.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bootDir, needPort, Nido, replaceFile, repoRoot } from '../harness.js';
import { launchChromium, screenshot } from './browser.js';
import { font, waitForScreen, type Grid } from './gui_terminal_screen.js';

const SCREEN = { width: 1024, height: 768 };
const PROMPT = 'bash-5.2# ';
/* Genode's default palette: text in index 7 on index 0. */
const FOREGROUND = 0xd0d0d0;
const BACKGROUND = 0x000000;
const NITPICKER_BACKGROUND = 0x334455;

/* The terminal's view is at the screen's origin, its buffer the size nitpicker suggests: whole cells of it. */
function grid(width: number, height: number): Grid {
  return { x: 0, y: 0, columns: Math.floor(width / font.width), rows: Math.floor(height / font.height) };
}

/* A row as text: the cursor (a frame while the terminal has no focus, no glyph) and trailing blanks left out. */
function text(row: string): string {
  return row.replace(/\u25af/g, ' ').trimEnd();
}

/* The rows from the last prompt line with `command` on: the command's output follows it. */
function outputOf(rows: readonly string[], command: string): string[] | undefined {
  const trimmed = rows.map(text);
  const at = trimmed.lastIndexOf(`${PROMPT}${command}`);
  return at < 0 ? undefined : trimmed.slice(at + 1);
}

test('bash in the graphical terminal: `ls /` typed on the page, its output on screen; a new mode reaches bash as SIGWINCH', async () => {
  for (const [tar, port] of [['bash.tar', 'bash'], ['coreutils.tar', 'coreutils']] as const) await needPort(tar, port);
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'gui_terminal'));
  const reports = await bootDir({});
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '250']);
  const browser = await launchChromium();
  try {
    const line = await nido.waitFor(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(line.slice('dashboard: '.length));
    const canvas = page.locator(`.screen-canvas[data-size="${SCREEN.width}x${SCREEN.height}"]`);
    await canvas.waitFor({ state: 'visible' });

    const full = grid(SCREEN.width, SCREEN.height);
    await waitForScreen(page, full, (rows) => rows.some((row) => text(row) === PROMPT.trimEnd()), `bash's prompt "${PROMPT}"`);

    /* A click gives the canvas the page's keyboard and the terminal nitpicker's focus. */
    await canvas.click({ position: { x: 200, y: 200 } });
    await page.keyboard.type('ls /');
    await page.keyboard.press('Enter');
    const shown = await waitForScreen(page, full, (rows) => {
      const output = outputOf(rows, 'ls /');
      return output !== undefined && output.some((row) => /\bbin\b/.test(row)) && output.some((row) => row === PROMPT.trimEnd());
    }, '`ls /` with its output (bin) and the next prompt');
    await screenshot(page, 'gui-terminal-ls');
    /* Every pixel of the command's row and its output's is one of the two default colours: glyphs on background, nothing else. */
    const commandRow = shown.rows.map(text).lastIndexOf(`${PROMPT}ls /`);
    for (const row of [commandRow, commandRow + 1]) {
      assert.deepEqual(shown.colors[row], [BACKGROUND, FOREGROUND], `row ${row} ("${shown.rows[row]?.trimEnd()}") in the default colours`);
    }

    /* A resize: bash traps SIGWINCH and prints the size it gets. */
    await page.keyboard.type('trap \'stty size\' WINCH');
    await page.keyboard.press('Enter');
    await waitForScreen(page, full, (rows) => (outputOf(rows, 'trap \'stty size\' WINCH') ?? []).includes(PROMPT.trimEnd()), 'the trap set');
    const small = { width: 640, height: 480 };
    const config = await readFile(join(dir, 'config'), 'utf8');
    await replaceFile(join(dir, 'config'), config.replace('focus="click" hover="always"/>',
      `focus="click" hover="always" width="${small.width}" height="${small.height}"/>`));
    const resized = grid(small.width, small.height);
    /* The trap runs while readline waits at the prompt: stty's line comes after the prompt. */
    const size = new RegExp(`(^|${PROMPT})${resized.rows} ${resized.columns}$`);
    await waitForScreen(page, resized, (rows) => rows.some((row) => size.test(text(row))),
      `stty's size "${resized.rows} ${resized.columns}" (rows, columns) after the mode of ${small.width}x${small.height}`);
    await screenshot(page, 'gui-terminal-resized');
    /* The terminal's view shrank to its new buffer: beyond it, nitpicker's background. */
    const beyond = await page.evaluate(`(() => {
      const [r, g, b] = document.querySelector('.screen-canvas').getContext('2d').getImageData(${small.width + 10}, ${small.height + 10}, 1, 1).data;
      return (r << 16) | (g << 8) | b;
    })()`);
    assert.equal(beyond, NITPICKER_BACKGROUND);
  } finally {
    await browser.close();
    await nido.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  }
});
