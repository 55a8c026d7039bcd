/*
 * Core's screen in the dashboard's page (nido run --ui, docs/gui.md "The
 * screen: core, fb_drv and the browser"), driven by headless Chromium:
 *
 * - test-framebuffer draws its patterns onto core's Framebuffer; the
 *   page's canvas has its pixels at their places (read back with
 *   getImageData), the moving rectangle where the component says it
 *   stopped; keys typed and clicks on the canvas reach test-input, the
 *   pointer in screen pixels although CSS scales the canvas;
 * - on the live channel itself: a page gets the whole screen first (in
 *   bands of rows), then only the rectangles that changed; a page that does not acknowledge
 *   is sent a bounded amount however long the client draws, and when it
 *   acknowledges it gets the newest pixels;
 * - the client's quota comes back to the byte when it closes its session;
 * - the whole path: nitpicker, fb_drv and testnit (test/scenarios/
 *   screen_nitpicker): nitpicker's background and testnit's pixels at its
 *   view's place on the page; a click on the view focuses testnit, a key
 *   typed on the canvas reaches it and its repainted marker reaches the page.
 *
 * Screenshots go to test-artifacts/.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { Page } from 'playwright-core';
import { bootDir, Nido, repoRoot } from '../harness.js';
import { launchChromium, screenshot } from './browser.js';
import { dashboardAddress } from './gui_screen.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
type Pattern = typeof import('../../src/test/test-framebuffer/pattern.js');
const pattern = (await import(new URL('../../test/test-framebuffer/pattern.js', import.meta.url).href)) as Pattern;
const protocol = (await import(new URL('../../dashboard/protocol.js', import.meta.url).href)) as typeof import('../../src/dashboard/protocol.js');

const SCREEN = { width: 1024, height: 768 };

function config(frames: number, close = false): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
    <service name="Framebuffer"/> <service name="Input"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
  <start name="test-framebuffer" ram="8M">
    <binary name="test-framebuffer"/>
    <config frames="${frames}" step="4"${close ? ' close="yes"' : ''}/>
  </start>
  <start name="test-input" ram="2M"> <binary name="test-input"/> </start>
</config>
`;
}

async function withScreen(frames: number, close = false, from?: string): Promise<{ nido: Nido; url: URL; dispose: () => Promise<void> }> {
  const dir = from === undefined ? await bootDir({ config: config(frames, close) }) : await bootDir({}, from);
  const reports = await bootDir({});
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '170']);
  const dispose = async (): Promise<void> => {
    await nido.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  };
  const address = await dashboardAddress(nido).catch(async (error: unknown) => {
    await dispose();
    throw error;
  });
  return { nido, url: new URL(address), dispose };
}

/** The canvas's pixels at `points` as 0xRRGGBB (page code as text: this file is checked without the DOM's types). */
async function canvasPixels(page: Page, points: readonly (readonly [number, number])[]): Promise<number[]> {
  return page.evaluate(`(() => {
    const context = document.querySelector('.screen-canvas').getContext('2d');
    return ${JSON.stringify(points)}.map(([x, y]) => {
      const [r, g, b] = context.getImageData(x, y, 1, 1).data;
      return (r << 16) | (g << 8) | b;
    });
  })()`);
}

const hex = (color: number) => `#${color.toString(16).padStart(6, '0')}`;

/** Waits until the canvas shows `expected` at every point; fails with the differences. */
async function waitForPixels(page: Page, expected: ReadonlyMap<string, number>): Promise<void> {
  const points = [...expected.keys()].map((key) => key.split(',').map(Number) as [number, number]);
  const deadline = Date.now() + 30_000;
  let differences: string[] = [];
  while (Date.now() < deadline) {
    const shown = await canvasPixels(page, points);
    differences = points.flatMap(([x, y], index) => {
      const want = expected.get(`${x},${y}`) as number;
      return shown[index] === want ? [] : [`${x},${y}: ${hex(shown[index] ?? -1)} instead of ${hex(want)}`];
    });
    if (differences.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the canvas does not show the screen:\n${differences.join('\n')}`);
}

test('test-framebuffer\'s pixels are on the page\'s canvas; keys and clicks on it reach test-input', async () => {
  const { nido, url, dispose } = await withScreen(120);
  const browser = await launchChromium();
  try {
    const stopped = await nido.waitFor(/^\[init -> test-framebuffer\] rectangle stopped at (\d+),(\d+) after 120 frames$/);
    const [, stopX, stopY] = /at (\d+),(\d+)/.exec(stopped) as unknown as [string, string, string];
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url.href);
    /* With a Framebuffer client at core, the page opens on the screen. */
    const canvas = page.locator('.screen-canvas[data-size="1024x768"]');
    await canvas.waitFor({ state: 'visible' });
    await page.locator('.screen-bar', { hasText: 'on screen: init -> test-framebuffer' }).waitFor();
    await page.locator('.screen-bar', { hasText: 'input to: init -> test-input' }).waitFor();

    /* The bars, the band, the gradients, each in the middle of where it is, and the rectangle where it stopped. */
    const expected = new Map<string, number>();
    const { bars, middle, gradients } = pattern.bands(SCREEN);
    for (let bar = 0; bar < pattern.BARS.length; bar++) {
      const x = Math.floor((bar + 0.5) * SCREEN.width / pattern.BARS.length);
      expected.set(`${x},${bars.y + 10}`, pattern.BARS[bar]?.color as number);
    }
    for (let row = 0; row < pattern.GRADIENTS.length; row++) {
      const y = gradients.y + Math.floor((row + 0.5) * gradients.height / pattern.GRADIENTS.length);
      for (const x of [0, 300, 700, SCREEN.width - 1]) expected.set(`${x},${y}`, pattern.patternPixel(SCREEN, x, y));
    }
    const rectangle = { x: Number(stopX), y: Number(stopY), width: pattern.RECTANGLE_SIZE, height: pattern.RECTANGLE_SIZE };
    expected.set(`${rectangle.x},${rectangle.y}`, pattern.RECTANGLE);
    expected.set(`${rectangle.x + 63},${rectangle.y + 63}`, pattern.RECTANGLE);
    expected.set(`${rectangle.x + 64},${rectangle.y + 32}`, pattern.BACKGROUND);
    expected.set(`${rectangle.x - 1},${rectangle.y + 32}`, pattern.BACKGROUND);
    /* Where the rectangle was on its way: grey again. */
    expected.set(`${rectangle.x - 200},${rectangle.y + 32}`, pattern.BACKGROUND);
    expected.set(`10,${middle.y + 1}`, pattern.BACKGROUND);
    await waitForPixels(page, expected);
    await screenshot(page, 'screen-test-framebuffer');

    /* A click in the middle of screen pixel (300, 200): the canvas is scaled, the event is in screen pixels. */
    const box = await canvas.boundingBox();
    assert.ok(box !== null);
    assert.ok(box.width < SCREEN.width, `the canvas is scaled to fit (${box.width} px wide)`);
    const at = (x: number, y: number) => [box.x + (x + 0.5) * box.width / SCREEN.width, box.y + (y + 0.5) * box.height / SCREEN.height] as const;
    const from = nido.lines.length;
    await page.mouse.click(...at(300, 200));
    await nido.waitFor(/^\[init -> test-input\] input event #\d+: motion 300,200$/, 30_000, from);
    await nido.waitFor(/^\[init -> test-input\] input event #\d+: press BTN_LEFT \(keys held: 1\)$/, 30_000, from);
    await nido.waitFor(/^\[init -> test-input\] input event #\d+: release BTN_LEFT \(keys held: 0\)$/, 30_000, from);
    await page.mouse.click(...at(1023, 767), { button: 'right' });
    await nido.waitFor(/^\[init -> test-input\] input event #\d+: motion 1023,767$/, 30_000, from);
    await nido.waitFor(/^\[init -> test-input\] input event #\d+: press BTN_RIGHT/, 30_000, from);

    /* The canvas has the keyboard since the click. */
    await page.keyboard.type('hi');
    await page.keyboard.press('Shift+A');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowLeft');
    for (const pattern of [
      /press KEY_H 'h' \(keys held: 1\)$/, /release KEY_H \(keys held: 0\)$/, /press KEY_I 'i'/, /release KEY_I/,
      /press KEY_LEFTSHIFT \(keys held: 1\)$/, /press KEY_A 'A' \(keys held: 2\)$/, /release KEY_LEFTSHIFT/,
      /press KEY_ENTER \(keys held: 1\)$/, /press KEY_LEFT \(keys held: 1\)$/,
    ]) {
      await nido.waitFor(new RegExp(`^\\[init -> test-input\\] input event #\\d+: ${pattern.source}`), 30_000, from);
    }
    await page.mouse.move(...at(512, 384));
    await page.mouse.wheel(0, 100);
    await nido.waitFor(/^\[init -> test-input\] input event #\d+: wheel 0,-1$/, 30_000, from);
    await screenshot(page, 'screen-input');
  } finally {
    await browser.close();
    await dispose();
  }
});

/** A client of the live channel as a page is, reading the screen's frames; it acknowledges them only when told to. */
class ScreenReader {
  readonly socket: WebSocket;
  readonly frames: { seq: number; x: number; y: number; width: number; height: number; bytes: number }[] = [];
  readonly pixels = new Uint32Array(SCREEN.width * SCREEN.height);
  acknowledging: boolean;
  #waiters: (() => void)[] = [];

  constructor(url: URL, acknowledging: boolean) {
    this.acknowledging = acknowledging;
    this.socket = new WebSocket(`ws://127.0.0.1:${url.port}/live?${url.searchParams.toString()}`, { headers: { origin: `http://127.0.0.1:${url.port}` } });
    this.socket.on('message', (data: Buffer, binary: boolean) => {
      if (!binary) return;
      const words = new Uint32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      const [kind, seq, x, y, width, height] = words as unknown as number[] as [number, number, number, number, number, number];
      /* The rectangle's pixels: each of them, or runs of equal ones. */
      let rectangle = words.subarray(protocol.SCREEN_HEADER_WORDS);
      if (kind === protocol.SCREEN_RUNS) {
        const runs = rectangle;
        rectangle = new Uint32Array(width * height);
        let at = 0;
        for (let i = 0; i < runs.length; i += 2) {
          rectangle.fill(runs[i + 1] as number, at, at + (runs[i] as number));
          at += runs[i] as number;
        }
        assert.equal(at, width * height, 'the runs fill the rectangle');
      } else {
        assert.equal(kind, protocol.SCREEN_RECT);
      }
      assert.equal(rectangle.length, width * height, 'a frame is its header and its rectangle');
      for (let row = 0; row < height; row++) this.pixels.set(rectangle.subarray(row * width, (row + 1) * width), (y + row) * SCREEN.width + x);
      this.frames.push({ seq, x, y, width, height, bytes: data.byteLength });
      if (this.acknowledging) this.ack();
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  ack(): void {
    const last = this.frames.at(-1);
    if (last !== undefined) this.socket.send(JSON.stringify({ t: 'screen-ack', seq: last.seq }));
  }

  /** Resolves when `predicate` holds, checked at each frame. */
  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  get bytes(): number {
    return this.frames.reduce((sum, frame) => sum + frame.bytes, 0);
  }
}

test('the live channel sends the whole screen first, then only what changed; a page that does not acknowledge gets a bounded amount, then the newest pixels', async () => {
  const { nido, url, dispose } = await withScreen(300, true);
  const frameBytes = SCREEN.width * SCREEN.height * 4;
  try {
    await nido.waitFor(/^\[init -> test-framebuffer\] moving a 64x64 rectangle/);
    const quick = new ScreenReader(url, true);
    const slow = new ScreenReader(url, false);
    /* The whole screen first, in bands of rows; then the rectangle's moves, each the two places it left and took. */
    const whole: typeof quick.frames = [];
    await quick.until(() => {
      while (whole.reduce((rows, band) => rows + band.height, 0) < SCREEN.height && quick.frames.length > whole.length) {
        whole.push(quick.frames[whole.length] as (typeof quick.frames)[number]);
      }
      return quick.frames.length >= whole.length + 30;
    });
    let row = 0;
    for (const band of whole) {
      assert.deepEqual({ x: band.x, y: band.y, width: band.width }, { x: 0, y: row, width: SCREEN.width }, 'the screen, band after band');
      assert.ok(band.bytes <= protocol.SCREEN_HEADER_BYTES + 256 * 1024);
      row += band.height;
    }
    assert.equal(row, SCREEN.height);
    for (const frame of quick.frames.slice(whole.length)) {
      assert.ok(frame.width * frame.height <= 256 * 64, `a move is sent as its rectangle, not the screen: ${frame.width}x${frame.height}`);
    }
    const stopped = await nido.waitFor(/^\[init -> test-framebuffer\] rectangle stopped at (\d+),(\d+) after 300 frames$/, 60_000);
    const [, x, y] = /at (\d+),(\d+)/.exec(stopped) as unknown as [string, string, string];
    const stop = { x: Number(x), y: Number(y) };
    /* The closed session leaves the screen black: the last frames every page gets. */
    await nido.waitFor(/^\[init -> test-framebuffer\] session closed/);
    await quick.until(() => quick.pixels[stop.y * SCREEN.width + stop.x] === 0 && quick.pixels[0] === 0);

    /* 300 frames were drawn: the page that never acknowledged got at most two screens' worth. */
    assert.ok(slow.frames.length >= 1);
    assert.ok(slow.bytes <= 2 * (frameBytes + protocol.SCREEN_HEADER_BYTES), `${slow.bytes} bytes unacknowledged`);
    /* Once it acknowledges, it gets what changed meanwhile, as a few rectangles, and has the screen as it is. */
    const held = slow.frames.length;
    slow.acknowledging = true;
    slow.ack();
    await slow.until(() => slow.pixels.every((pixel) => pixel === 0));
    const after = slow.frames.slice(held).reduce((pixels, frame) => pixels + frame.width * frame.height, 0);
    assert.ok(after <= SCREEN.width * SCREEN.height, `${after} pixels after the acknowledgement: the dirty region, not a queue`);
    quick.socket.close();
    slow.socket.close();
  } finally {
    await dispose();
  }
});

test('a Framebuffer client gets its quota back to the byte when it closes the session', async () => {
  const { nido, dispose } = await withScreen(10, true);
  try {
    const line = await nido.waitFor(/^\[init -> test-framebuffer\] session closed: RAM quota (\d+) before it, (\d+) after$/);
    const [, before, after] = /quota (\d+) before it, (\d+) after/.exec(line) as unknown as [string, string, string];
    assert.equal(after, before);
  } finally {
    await dispose();
  }
});

/* The screen's mode is checked before anything boots. */
test('nido run --screen: a malformed or huge mode is a usage error naming it', async () => {
  const dir = await bootDir({ config: config(1) });
  try {
    for (const [mode, message] of [['12x', /--screen: "12x" is not WIDTHxHEIGHT/], ['9000x600', /--screen: "9000x600": width 9000 exceeds 8192/]] as const) {
      const result = await new Nido(dir, [`--screen=${mode}`]).exited;
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
    }
    const small = await new Nido(dir, ['--screen=320x200', '--until', 'rectangle stopped', '--timeout', '60']).exited;
    assert.equal(small.code, 0);
    assert.ok(small.lines.includes('[init -> test-framebuffer] framebuffer is 320x200'), small.lines.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('nitpicker, fb_drv and testnit: the client\'s pixels at its view\'s place on the page; a click focuses it, a key reaches it and its repaint reaches the page', async () => {
  const { nido, url, dispose } = await withScreen(0, false, join(repoRoot, 'test', 'scenarios', 'screen_nitpicker'));
  const browser = await launchChromium();
  try {
    await nido.waitFor(/^\[init -> fb_drv\] screen 1024x768: nitpicker's capture to core's framebuffer/);
    await nido.waitFor(/^\[init -> testnit\] testnit: 320x200 at 100,120, animate=none$/);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url.href);
    const canvas = page.locator('.screen-canvas[data-size="1024x768"]');
    await canvas.waitFor({ state: 'visible' });
    await page.locator('.screen-bar', { hasText: 'on screen: init -> fb_drv' }).waitFor();
    /* The view is at 100,120 (320x200): testnit's fill below its marker and label, its marker (blue before a key), nitpicker's background around. */
    const view = { x: 100, y: 120, width: 320, height: 200 };
    const BLUE = 0x0000ff;
    const FILL = 0x208040;
    const BACKGROUND = 0x334455;
    const marker = `${view.x + 32},${view.y + 56}`;
    await waitForPixels(page, new Map([
      ['10,10', BACKGROUND], ['1000,700', BACKGROUND], [`${view.x + 250},${view.y + 150}`, FILL], [`${view.x + 160},${view.y + 190}`, FILL],
      [marker, BLUE], [`${view.x + view.width + 20},${view.y + 100}`, BACKGROUND],
    ]));
    await screenshot(page, 'screen-nitpicker');

    /* A click on the view focuses testnit (focus="click"); a key typed on the canvas reaches it, and its marker turns 0x01ff00. */
    const box = await canvas.boundingBox();
    assert.ok(box !== null);
    const from = nido.lines.length;
    await page.mouse.click(box.x + (view.x + 200.5) * box.width / SCREEN.width, box.y + (view.y + 100.5) * box.height / SCREEN.height);
    await page.keyboard.press('KeyX');
    await nido.waitFor(/^\[init -> testnit\] key 1$/, 30_000, from);
    await waitForPixels(page, new Map([[marker, 0x01ff00]]));
    await page.keyboard.press('KeyY');
    await nido.waitFor(/^\[init -> testnit\] key 2$/, 30_000, from);
    await waitForPixels(page, new Map([[marker, 0x02ff00]]));
    await screenshot(page, 'screen-nitpicker-keys');
  } finally {
    await browser.close();
    await dispose();
  }
});
