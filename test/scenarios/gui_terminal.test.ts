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
 * - Shift+PageUp shows older lines of the scrollback, Shift+PageDown and
 *   a typed key the newest;
 * - a new mode reaches bash: nitpicker's domain is given a size of its own
 *   (Genode's <domain width height>: the screen area its clients are
 *   told), the terminal takes a buffer of the new mode, its view shrinks
 *   to it, and bash's SIGWINCH trap prints the new rows and columns; a
 *   mode whose buffer the terminal cannot pay for is refused with a
 *   warning, and the terminal stays at its size.
 *
 * - in a window of wm (test/scenarios/gui_terminal_wm/config): dragging
 *   the window's corner is a new mode for the terminal, and bash's trap
 *   prints the new rows and columns; vim comes up full-screen in the
 *   window's rows and columns, takes typed text, and :q! gives bash's
 *   screen back (xterm's alternate screen).
 *
 * Screenshots go to test-artifacts/.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bootDir, needPort, Nido, replaceFile, reportDir, repoRoot, waitForReport } from '../harness.js';
import { ARTIFACTS, launchChromium, screenshot } from './browser.js';
import { clickScreen, dashboardAddress, dragScreen, showScreen } from './gui_screen.js';
import { font, waitForScreen, type Grid } from './gui_terminal_screen.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
const { parseXml } = (await import(new URL('../../util/xml.js', import.meta.url).href)) as typeof import('../../src/util/xml.js');
const decoration = (await import(new URL('../../server/wm/decoration.js', import.meta.url).href)) as typeof import('../../src/server/wm/decoration.js');

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

/*
 * The rows after the last line with `command` typed on it: the command's output. (After a trap's
 * output at the prompt, bash does not print the prompt again: the command is alone on its line.)
 */
function outputOf(rows: readonly string[], command: string): string[] | undefined {
  const trimmed = rows.map(text);
  const at = trimmed.findLastIndex((row) => row === `${PROMPT}${command}` || row === command);
  return at < 0 ? undefined : trimmed.slice(at + 1);
}

test('bash in the graphical terminal: `ls /` typed on the page, its output on screen; a new mode reaches bash as SIGWINCH', async () => {
  for (const [tar, port] of [['bash.tar', 'bash'], ['coreutils.tar', 'coreutils']] as const) await needPort(tar, port);
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'gui_terminal'));
  const reports = await bootDir({});
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '250']);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(await dashboardAddress(nido));
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

    /* Scrollback: Shift+PageUp shows older lines (seq's first numbers), Shift+PageDown and a typed key the newest again. */
    await page.keyboard.type('seq 1 100');
    await page.keyboard.press('Enter');
    const newest = (rows: string[]) => {
      const lines = rows.map(text).filter((row) => row !== '');
      return lines.at(-2) === '100' && lines.at(-1) === PROMPT.trimEnd();
    };
    const older = (rows: string[]) => rows.map(text).includes('10') && !rows.map(text).includes('100');
    await waitForScreen(page, full, newest, 'seq\'s numbers up to 100 and the prompt');
    await page.keyboard.press('Shift+PageUp');
    await waitForScreen(page, full, older, 'older lines (10, not 100) after Shift+PageUp');
    await page.keyboard.press('Shift+PageDown');
    await waitForScreen(page, full, newest, 'the newest lines again after Shift+PageDown');
    await page.keyboard.press('Shift+PageUp');
    await waitForScreen(page, full, older, 'older lines after Shift+PageUp');
    await page.keyboard.type('#');
    await waitForScreen(page, full, (rows) => rows.some((row) => text(row) === `${PROMPT}#`), 'the newest lines and the key typed');
    await page.keyboard.press('Backspace');
    await waitForScreen(page, full, (rows) => text(rows.findLast((row) => text(row) !== '') ?? '') === PROMPT.trimEnd(), 'the key erased');

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

    /*
     * A mode beyond the terminal's means (4096x3072: a 48 MiB buffer, its RAM is 12M): it
     * says so, stays at the size it has, and bash is not told of a change.
     */
    const from = nido.lines.length;
    await replaceFile(join(dir, 'config'), config.replace('focus="click" hover="always"/>', 'focus="click" hover="always" width="4096" height="3072"/>'));
    await nido.waitFor(/^\[init -> terminal\] Warning: a buffer of 4096x3072 \(48M\) failed: .*; staying at 640x480$/, 30_000, from);
    await page.keyboard.type('stty size');
    await page.keyboard.press('Enter');
    await waitForScreen(page, resized, (rows) => (outputOf(rows, 'stty size') ?? []).join('\n').startsWith(`${resized.rows} ${resized.columns}\n${PROMPT.trimEnd()}`),
      `stty's size still "${resized.rows} ${resized.columns}"`);
    assert.ok(!nido.lines.slice(from).some((l) => /\[init -> terminal\] Error/.test(l)), 'no error of the terminal');
  } finally {
    await browser.close();
    await nido.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  }
});

/* The content rectangle of wm's window of the terminal, from its window_layout report. */
function terminalWindow(report: string): Grid & { width: number; height: number } | undefined {
  const window = parseXml(report).children('window')[0];
  if (window === undefined) return undefined;
  const width = window.naturalAttribute('width', 0);
  const height = window.naturalAttribute('height', 0);
  return {
    x: window.integerAttribute('xpos', 0), y: window.integerAttribute('ypos', 0), width, height,
    columns: Math.floor(width / font.width), rows: Math.floor(height / font.height),
  };
}

test('the terminal in a window of wm: a resize by dragging reaches bash; vim runs full-screen in it', async () => {
  for (const [tar, port] of [['bash.tar', 'bash'], ['coreutils.tar', 'coreutils'], ['vim.tar', 'vim']] as const) await needPort(tar, port);
  const reports = await reportDir();
  const nido = new Nido(join(repoRoot, 'test', 'scenarios', 'gui_terminal_wm'), ['--ui', '--report-dir', reports, '--timeout', '250']);
  const browser = await launchChromium();
  const layout = async (predicate: (window: NonNullable<ReturnType<typeof terminalWindow>>) => boolean) => {
    const report = await waitForReport(reports, 'init/wm/window_layout', (text) => {
      const window = terminalWindow(text);
      return window !== undefined && predicate(window);
    }, 60_000);
    return terminalWindow(report) as NonNullable<ReturnType<typeof terminalWindow>>;
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(await dashboardAddress(nido));
    await showScreen(page);

    /* The window has the terminal's <initial> size. */
    const window = await layout((w) => w.width === 640 && w.height === 400);
    await waitForScreen(page, window, (rows) => rows.some((row) => text(row) === PROMPT.trimEnd()), 'bash\'s prompt in the window');
    await clickScreen(page, window.x + 100, window.y + 100);
    await page.keyboard.type('trap \'stty size\' WINCH');
    await page.keyboard.press('Enter');
    await waitForScreen(page, window, (rows) => (outputOf(rows, 'trap \'stty size\' WINCH') ?? []).includes(PROMPT.trimEnd()), 'the trap set');

    /* Ten columns and three rows more by the bottom-right corner. */
    const outer = decoration.outerGeometry(window);
    const corner = { x: outer.x + outer.width - 2, y: outer.y + outer.height - 2 };
    await dragScreen(page, corner, { x: corner.x + 10 * font.width, y: corner.y + 3 * font.height });
    const grown = await layout((w) => w.width === window.width + 10 * font.width && w.height === window.height + 3 * font.height);
    assert.deepEqual([grown.columns, grown.rows], [window.columns + 10, window.rows + 3]);
    /*
     * wm resizes the window as the pointer moves: the terminal gets several modes, bash a
     * SIGWINCH for each. One arriving while the trap's stty runs goes to stty (the
     * foreground process group then), as on Linux: the trap shows a new size, stty the last.
     */
    const trapped = new RegExp(`^(${PROMPT})?(\\d+) (\\d+)$`);
    await waitForScreen(page, grown, (rows) => rows.some((row) => {
      const [, , lines, columns] = trapped.exec(text(row)) ?? [];
      return lines !== undefined && Number(columns) > window.columns && Number(lines) >= window.rows;
    }), 'the trap\'s stty with more columns than before');
    await page.keyboard.type('stty size');
    await page.keyboard.press('Enter');
    await waitForScreen(page, grown, (rows) => (outputOf(rows, 'stty size') ?? [])[0] === `${grown.rows} ${grown.columns}`,
      `stty's size "${grown.rows} ${grown.columns}" after the window grew to ${grown.width}x${grown.height}`);
    await screenshot(page, 'gui-terminal-wm-resized');

    /* vim, full-screen in the window: its "~" rows down to the last but one, its intro. */
    await page.keyboard.type('vim');
    await page.keyboard.press('Enter');
    const vimScreen = (rows: string[]) => rows.length === grown.rows && rows.slice(1, grown.rows - 1).every((row) => text(row).startsWith('~'));
    await waitForScreen(page, grown, (rows) => vimScreen(rows) && rows.some((row) => /VIM - Vi IMproved/.test(row)),
      'vim\'s intro and its "~" rows filling the window');
    await page.keyboard.type('ihello from vim');
    await page.keyboard.press('Escape');
    await waitForScreen(page, grown, (rows) => text(rows[0] ?? '') === 'hello from vim' && vimScreen(rows), 'the text typed into vim');
    await screenshot(page, 'gui-terminal-vim');
    /* The screen at its own size, pixel for pixel (the page scales it to fit). */
    const png = await page.evaluate(`document.querySelector('.screen-canvas').toDataURL('image/png')`) as string;
    await writeFile(join(ARTIFACTS, 'gui-terminal-vim-screen.png'), Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'));
    await page.keyboard.type(':q!');
    await page.keyboard.press('Enter');
    /* Back on bash's screen (vim's was xterm's alternate one): the lines before vim, the command, and a prompt. */
    await waitForScreen(page, grown, (rows) => {
      const lines = rows.map(text).filter((row) => row !== '');
      return lines.at(-1) === PROMPT.trimEnd() && (lines.at(-2) ?? '').endsWith('vim') && lines.includes(`${PROMPT}trap 'stty size' WINCH`);
    }, 'bash\'s screen again after :q!');
    await screenshot(page, 'gui-terminal-vim-done');
  } finally {
    await browser.close();
    await nido.stop();
    await rm(reports, { recursive: true, force: true });
  }
});
