/*
 * Reading the graphical terminal's text off the page's screen canvas: each
 * cell of the terminal's grid is compared, pixel by pixel, with the
 * glyphs of the terminal's font (Terminus 8x16, as src/lib/gui/font.ts
 * has it): a cell reads as a character only if its pixels are exactly
 * that glyph, in one colour on another. So a row that reads as the
 * expected text is the expected text as the font renders it.
 */

import type { Page } from 'playwright-core';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
type FontModule = typeof import('../../src/lib/gui/font.js');
const { defaultFont } = (await import(new URL('../../lib/gui/font.js', import.meta.url).href)) as FontModule;

export const font = defaultFont();

/*
 * A glyph's rows as the key the page computes for a cell: each row's bits,
 * the leftmost pixel highest; bold as the terminal draws it (each stroke a
 * pixel wider to the right).
 */
function glyphKey(codepoint: number, bold: boolean): string {
  const index = font.glyphIndex(codepoint);
  return Array.from({ length: font.height }, (_, row) => {
    const bits = font.row(index, row);
    return bold ? bits | (bits >> 1) : bits;
  }).join(',');
}

/* Printable ASCII, plain and bold: what the test types and what bash, ls and vim answer. The first of equal glyphs wins. */
const GLYPHS: [string, string][] = [];
const seen = new Set<string>();
for (const bold of [false, true]) {
  for (let codepoint = 0x20; codepoint < 0x7f; codepoint++) {
    const key = glyphKey(codepoint, bold);
    if (seen.has(key)) continue;
    seen.add(key);
    GLYPHS.push([key, String.fromCodePoint(codepoint)]);
  }
}

/** Where the terminal's grid is on the screen. */
export interface Grid {
  readonly x: number;
  readonly y: number;
  readonly columns: number;
  readonly rows: number;
}

/** What the page reads of a grid: text rows ("\u25af" for a cell that is no glyph) and the colours of each row. */
export interface ScreenText {
  readonly rows: string[];
  /** Per row, the colours its pixels have (0xRRGGBB), sorted. */
  readonly colors: number[][];
}

/** Reads the grid's cells off the canvas (page code as text: this file is checked without the DOM's types). */
export async function readScreen(page: Page, grid: Grid): Promise<ScreenText> {
  return page.evaluate(`(() => {
    const grid = ${JSON.stringify(grid)};
    const glyphs = new Map(${JSON.stringify(GLYPHS)});
    const width = ${font.width}, height = ${font.height};
    const canvas = document.querySelector('.screen-canvas');
    const { data } = canvas.getContext('2d').getImageData(grid.x, grid.y, grid.columns * width, grid.rows * height);
    const stride = grid.columns * width;
    const pixel = (x, y) => { const at = (y * stride + x) * 4; return (data[at] << 16) | (data[at + 1] << 8) | data[at + 2]; };
    const rows = [], colors = [];
    for (let row = 0; row < grid.rows; row++) {
      let text = '';
      const rowColors = new Set();
      for (let column = 0; column < grid.columns; column++) {
        const x0 = column * width, y0 = row * height;
        /* A glyph's top-left pixel is background (in Terminus, for every printable ASCII character). */
        const background = pixel(x0, y0);
        let foreground, single = true;
        const keys = [];
        for (let y = 0; y < height; y++) {
          let bits = 0;
          for (let x = 0; x < width; x++) {
            const color = pixel(x0 + x, y0 + y);
            rowColors.add(color);
            const set = color !== background;
            if (set && foreground === undefined) foreground = color;
            if (set && color !== foreground) single = false;
            bits = (bits << 1) | (set ? 1 : 0);
          }
          keys.push(bits);
        }
        text += (single && glyphs.get(keys.join(','))) || '\\u25af';
      }
      rows.push(text);
      colors.push([...rowColors].sort((a, b) => a - b));
    }
    return { rows, colors };
  })()`);
}

/** Waits until the screen's text satisfies `done`; fails with what the screen showed last. */
export async function waitForScreen(page: Page, grid: Grid, done: (rows: string[]) => boolean, what: string, timeoutMs = 60_000): Promise<ScreenText> {
  const deadline = Date.now() + timeoutMs;
  let last: ScreenText = { rows: [], colors: [] };
  while (Date.now() < deadline) {
    last = await readScreen(page, grid);
    if (done(last.rows)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the screen does not show ${what}; it shows:\n${last.rows.map((row) => row.trimEnd()).join('\n')}`);
}
