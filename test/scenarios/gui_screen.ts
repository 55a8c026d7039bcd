/*
 * The screen of `nido run --ui` as a test sees it in the page: its pixels
 * (read from the screen's canvas, 0x00RRGGBB as the components drew them),
 * clicks at screen coordinates (the canvas is scaled by CSS), and text
 * read back from the pixels with the font every Gui client draws with
 * (src/lib/gui/font.ts), so that a test checks what the user reads.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Nido } from '../harness.js';
import { ARTIFACTS } from './browser.js';
import type { Font } from '../../src/lib/gui/font.js';

export interface ScreenPixels {
  readonly width: number;
  readonly height: number;
  /** 0x00RRGGBB, rows without padding. */
  readonly pixels: Uint32Array;
}

export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

const CANVAS = 'canvas.screen-canvas';

/* The parts of a page's <canvas> used here (the tests are compiled without the DOM's types). */
interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly ownerDocument: { createElement(tag: 'canvas'): Canvas };
  toDataURL(type: 'image/png'): string;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, width: number, height: number): { readonly data: ArrayLike<number> & { readonly length: number } };
    drawImage(image: Canvas, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void;
  } | null;
}

/** The dashboard's address, from the line `nido run --ui` prints before any other. */
export async function dashboardAddress(nido: Nido): Promise<string> {
  const line = await nido.waitFor(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
  return line.slice('dashboard: '.length);
}

/** Chooses the page's Screen view and waits until the screen's canvas shows. */
export async function showScreen(page: Page): Promise<void> {
  await page.locator('button[data-view="screen"]').click();
  await page.locator(CANVAS).waitFor({ state: 'visible' });
}

/** The pixels of the screen's `area` (default: all of it). */
export async function screenPixels(page: Page, area?: Box): Promise<ScreenPixels> {
  /* The page packs them as 0x00RRGGBB words in base64: a million numbers as JSON took seconds a read. */
  const { width, height, base64 } = await page.$eval(CANVAS, (element, box) => {
    const canvas = element as unknown as Canvas;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('the screen has no 2D context');
    const r = box ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
    const rgba = context.getImageData(r.x, r.y, r.width, r.height).data;
    const bytes = new Uint8Array((rgba.length / 4) * 4);
    for (let i = 0; i < rgba.length; i += 4) {
      /* Little-endian 0x00RRGGBB: B, G, R, 0. */
      bytes[i] = rgba[i + 2] ?? 0;
      bytes[i + 1] = rgba[i + 1] ?? 0;
      bytes[i + 2] = rgba[i] ?? 0;
    }
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: r.width, height: r.height, base64: btoa(binary) };
  }, area);
  /* A copy: a small Buffer lies at any offset of Node's pool, a Uint32Array needs four-byte alignment. */
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  const pixels = new Uint32Array(width * height);
  pixels.set(new Uint32Array(bytes.buffer, 0, Math.min(pixels.length, Math.floor(bytes.length / 4))));
  return { width, height, pixels };
}

/** The text drawn in `color` in `box` of the screen (see readText), reading only that box. */
export async function screenText(page: Page, box: Box, color: number, font: Font): Promise<string | undefined> {
  return readText(await screenPixels(page, box), { x: 0, y: 0, width: box.width, height: box.height }, color, font);
}

/** Saves the screen's `area` (default: all of it) at its own pixels as test-artifacts/NAME.png, as the user's screen shows it unscaled. */
export async function saveScreen(page: Page, name: string, area?: Box): Promise<void> {
  const url = await page.$eval(CANVAS, (element, box) => {
    const canvas = element as unknown as Canvas;
    const r = box ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
    const copy = canvas.ownerDocument.createElement('canvas') as Canvas & { width: number; height: number };
    copy.width = r.width;
    copy.height = r.height;
    copy.getContext('2d')?.drawImage(canvas, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
    return copy.toDataURL('image/png');
  }, area);
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(join(ARTIFACTS, `${name}.png`), Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

/** One pixel of the screen. */
export async function screenPixel(page: Page, x: number, y: number): Promise<number> {
  return (await screenPixels(page, { x, y, width: 1, height: 1 })).pixels[0] ?? 0;
}

/** Where screen pixel (x, y) is on the page (the middle of it). */
export async function pagePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const canvas = page.locator(CANVAS);
  const box = await canvas.boundingBox();
  if (box === null) throw new Error('the screen is not shown');
  const size = await canvas.evaluate((element) => ({ width: (element as unknown as Canvas).width, height: (element as unknown as Canvas).height }));
  return { x: box.x + ((x + 0.5) * box.width) / size.width, y: box.y + ((y + 0.5) * box.height) / size.height };
}

/** Clicks (left button) at screen pixel (x, y), after moving there, as a user does. */
export async function clickScreen(page: Page, x: number, y: number): Promise<void> {
  const point = await pagePoint(page, x, y);
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  await page.mouse.up();
}

/** Presses the left button at screen pixel `from`, moves to `to` in steps and releases there, as a user drags. */
export async function dragScreen(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const start = await pagePoint(page, from.x, from.y);
  const end = await pagePoint(page, to.x, to.y);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

/** Polls the screen until `predicate` holds for its pixels of `area`; rejects with what it saw last after `timeoutMs`. */
export async function waitForScreen(page: Page, area: Box, predicate: (pixels: ScreenPixels) => boolean, what: string, timeoutMs = 30_000): Promise<ScreenPixels> {
  const deadline = Date.now() + timeoutMs;
  let last: ScreenPixels | undefined;
  while (Date.now() < deadline) {
    last = await screenPixels(page, area);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the screen did not show ${what} within ${timeoutMs} ms`);
}

/** How many pixels of `pixels` have `color`. */
export function count(pixels: ScreenPixels, color: number): number {
  let n = 0;
  for (const pixel of pixels.pixels) if (pixel === color) n++;
  return n;
}

/** The printable ASCII glyphs of `font`, by their bits (one string per glyph). */
function glyphTable(font: Font): Map<string, string> {
  const table = new Map<string, string>();
  for (let codepoint = 0x20; codepoint < 0x7f; codepoint++) {
    const index = font.glyphIndex(codepoint);
    const bits: number[] = [];
    for (let row = 0; row < font.height; row++) bits.push(font.row(index, row));
    if (!table.has(bits.join(','))) table.set(bits.join(','), String.fromCharCode(codepoint));
  }
  return table;
}

/**
 * The text drawn in `color` in one line of `box` (screen pixels, as
 * `screenPixels` read them), where the text's cells start at `box.y`: each
 * cell of the font's width is looked up by its bits. The line's start is
 * the first column with a pixel of `color` less the glyph's left margin,
 * tried for each margin the font has. Undefined if no start reads every
 * cell as a glyph.
 */
export function readText(pixels: ScreenPixels, box: Box, color: number, font: Font): string | undefined {
  const table = glyphTable(font);
  const at = (x: number, y: number) => pixels.pixels[(box.y + y) * pixels.width + box.x + x] === color;
  let first = -1;
  let last = -1;
  for (let x = 0; x < box.width; x++) {
    for (let y = 0; y < font.height; y++) {
      if (!at(x, y)) continue;
      if (first < 0) first = x;
      last = x;
    }
  }
  if (first < 0) return '';
  for (let margin = 0; margin < font.width; margin++) {
    const start = first - margin;
    if (start < 0) break;
    let text = '';
    for (let cell = start; cell <= last; cell += font.width) {
      const rows: number[] = [];
      for (let y = 0; y < font.height; y++) {
        let bits = 0;
        for (let x = 0; x < font.width; x++) bits = (bits << 1) | (cell + x < box.width && at(cell + x, y) ? 1 : 0);
        rows.push(bits);
      }
      const char = table.get(rows.join(','));
      if (char === undefined) break;
      text += char;
    }
    if (text.length === Math.floor((last - start) / font.width) + 1) return text;
  }
  return undefined;
}
