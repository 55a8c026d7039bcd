/*
 * The screen in the browser (issue 14; docs/gui.md, "The screen: core,
 * fb_drv and the browser"), in headless Chromium (Debian's, driven by
 * playwright-core). Nido's side is the whole path: `nido run --ui
 * --screen=1280x720` with nitpicker, fb_drv and testnit (a Gui client at
 * the screen's pace), the dashboard's page showing the screen.
 *
 * - full-window updates: testnit repaints and refreshes all of its
 *   1280x720 buffer every frame; the figure is full frames drawn on the
 *   page's canvas per second. Baseline: a bare page (a canvas and the same
 *   few lines that draw a frame) receiving the same frames (1280x720 of
 *   0x00RRGGBB, 60 a second) from the same ScreenStream over a WebSocket,
 *   with no core and no components. Goal ≥ 0.8× and ≥ 60 fps.
 * - bytes on the wire: testnit changing one 64x64 tile a frame against
 *   testnit changing every pixel, WebSocket payload bytes per frame drawn
 *   on the page. Goal ≥ 20× fewer.
 * - key press → client → changed pixels: from the keydown on the canvas to
 *   the page drawing testnit's key marker in the colour of that press
 *   (testnit still, 320x200), a key every KEY_GAP_MS; baseline: the bare
 *   page sends the key over its WebSocket and the bare server answers with
 *   a 64x64 rectangle of the new colour. Goal ≤ 1.5× and ≤ 30 ms.
 *
 * Every figure is the page's own clock (performance.now()), taken in a
 * wrapper of putImageData installed before the page's scripts run, the
 * same on both pages. A full frame arrives in bands of rows
 * (ScreenStream's); it counts when its last band is drawn.
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { chromium, type Browser, type Page } from 'playwright-core';
import { load, repoDir } from './dist.js';
import { median, report, type Row } from './table.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREEN = { width: 1280, height: 720 };
const WARMUP_S = 3;
const WINDOW_S = 5;
const WINDOWS = 3;
const KEYS = 15;
const KEY_GAPS_MS = [250, 1000];
/* testnit's view for the key measurement, and the middle of its key marker (64x64 at the view's top left). */
const KEY_VIEW = { x: 100, y: 100, width: 320, height: 200 };
const MARKER = { x: KEY_VIEW.x + 32, y: KEY_VIEW.y + 40 };

const { ScreenStream } = await load<typeof import('../src/dashboard/screen_stream.js')>('dashboard/screen_stream.js');
type Screen = import('../src/core/screen_service.js').Screen;
type ScreenTap = import('../src/core/screen_service.js').ScreenTap;
const { markerColor } = await load<typeof import('../src/test/testnit/animation.js')>('test/testnit/animation.js');

/*
 * Installed in both pages before their scripts: counts full frames drawn,
 * and times a watched pixel from the keydown to the draw that gives it the
 * watched colour.
 */
const INSTRUMENT = `(() => {
  const bench = globalThis.__screenBench = { full: [], watch: null, hits: [], pixelBytes: 0 };
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (image, dx, dy, ...rest) {
    put.call(this, image, dx, dy, ...rest);
    const now = performance.now();
    bench.pixelBytes += image.width * image.height * 4;
    /* A full frame comes in bands of rows: its last band ends the frame. */
    if (dx === 0 && image.width === ${SCREEN.width} && dy + image.height === ${SCREEN.height}) bench.full.push(now);
    const watch = bench.watch;
    if (watch !== null && watch.since > 0 && watch.x >= dx && watch.y >= dy && watch.x < dx + image.width && watch.y < dy + image.height) {
      const at = ((watch.y - dy) * image.width + (watch.x - dx)) * 4;
      const color = (image.data[at] << 16) | (image.data[at + 1] << 8) | image.data[at + 2];
      if (color === watch.color) {
        bench.hits.push(now - watch.since);
        bench.watch = null;
      }
    }
  };
  addEventListener('keydown', () => {
    if (bench.watch !== null && bench.watch.since === 0) bench.watch.since = performance.now();
  }, true);
})();`;

/* The bare page: a canvas, a WebSocket, the dashboard page's way of drawing a frame (screen_canvas.ts) and of acknowledging it. */
function barePage(cssWidth: number, cssHeight: number): string {
  return `<!doctype html><html><body style="margin:0;background:#000">
<canvas id="screen" width="${SCREEN.width}" height="${SCREEN.height}" tabindex="0"
  style="width:${cssWidth}px;height:${cssHeight}px;image-rendering:pixelated"></canvas>
<script>
const canvas = document.getElementById('screen');
const context = canvas.getContext('2d', { alpha: false });
const socket = new WebSocket('ws://' + location.host + '/live');
socket.binaryType = 'arraybuffer';
socket.onmessage = (event) => {
  const [kind, seq, x, y, width, height] = new Uint32Array(event.data, 0, 6);
  const words = new Uint32Array(event.data, 24);
  const image = new ImageData(width, height);
  const rgba = new Uint32Array(image.data.buffer);
  const opaque = (pixel) => 0xff000000 | ((pixel & 0xff) << 16) | (pixel & 0xff00) | ((pixel >>> 16) & 0xff);
  if (kind === 1) {
    for (let i = 0; i < words.length; i++) rgba[i] = opaque(words[i]);
  } else {
    let at = 0;
    for (let i = 0; i + 1 < words.length; i += 2) {
      rgba.fill(opaque(words[i + 1]), at, at + words[i]);
      at += words[i];
    }
  }
  context.putImageData(image, x, y);
  socket.send(JSON.stringify({ t: 'screen-ack', seq }));
};
canvas.addEventListener('mousedown', () => canvas.focus());
canvas.addEventListener('keydown', (event) => {
  event.preventDefault();
  socket.send(JSON.stringify({ t: 'key', code: event.code }));
});
</script></body></html>`;
}

/**
 * The baseline's server: the dashboard's ScreenStream on a screen that is
 * a buffer of this process, full frames at 60 Hz (every pixel changes) or
 * a 64x64 repaint per key.
 */
class BareServer {
  readonly #http: Server;
  readonly #live = new WebSocketServer({ noServer: true });
  readonly #pixels = new Uint32Array(SCREEN.width * SCREEN.height);
  readonly #taps = new Set<ScreenTap>();
  readonly #screen: Screen;
  #animation: NodeJS.Timeout | undefined;
  #frame = 0;
  #keys = 0;
  page = '';

  constructor() {
    this.#screen = {
      mode: SCREEN,
      pixels: () => this.#pixels,
      input: () => undefined,
      tap: (tap) => {
        this.#taps.add(tap);
        return () => this.#taps.delete(tap);
      },
    };
    this.#http = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(this.page));
    this.#http.on('upgrade', (request, socket, head) => this.#live.handleUpgrade(request, socket, head, (ws) => this.#connected(ws)));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#http.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.#http.address() as AddressInfo).port}/`;
  }

  #connected(socket: WebSocket): void {
    /* Each page counts its presses from 1, as testnit does. */
    this.#keys = 0;
    const stream = new ScreenStream(socket, this.#screen);
    const tap: ScreenTap = { damaged: (rect) => stream.damaged(rect) };
    this.#taps.add(tap);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { t: string; seq?: number };
      if (message.t === 'screen-ack') stream.acked(message.seq);
      if (message.t === 'key') this.#key();
    });
    socket.on('close', () => {
      this.#taps.delete(tap);
      stream.close();
    });
    stream.damaged({ x: 0, y: 0, ...SCREEN });
  }

  #damaged(rect: { x: number; y: number; width: number; height: number }): void {
    for (const tap of this.#taps) tap.damaged(rect);
  }

  /*
   * Stripes that move a step a frame, as testnit's: every pixel changes.
   * `noise`: every pixel a random colour each frame, which no run shortens.
   */
  animate(on: boolean, noise = false): void {
    clearInterval(this.#animation);
    let seed = 0x9e3779b9;
    this.#animation = !on ? undefined : setInterval(() => {
      this.#frame++;
      for (let y = 0; y < SCREEN.height; y++) {
        const row = y * SCREEN.width;
        for (let x = 0; x < SCREEN.width; x++) {
          if (noise) {
            seed ^= seed << 13;
            seed ^= seed >>> 17;
            seed ^= seed << 5;
            this.#pixels[row + x] = seed & 0xffffff;
          } else {
            this.#pixels[row + x] = ((x + y + this.#frame * 16) & 63) < 32 ? 0x457b9d : 0xf1faee;
          }
        }
      }
      this.#damaged({ x: 0, y: 0, ...SCREEN });
    }, 1000 / 60);
  }

  #key(): void {
    const color = markerColor(++this.#keys);
    for (let y = KEY_VIEW.y; y < KEY_VIEW.y + 64; y++) this.#pixels.fill(color, y * SCREEN.width + KEY_VIEW.x, y * SCREEN.width + KEY_VIEW.x + 64);
    this.#damaged({ x: KEY_VIEW.x, y: KEY_VIEW.y, width: 64, height: 64 });
  }

  async close(): Promise<void> {
    this.animate(false);
    for (const client of this.#live.clients) client.terminate();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }
}

function config(testnit: string): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
    <service name="Framebuffer"/> <service name="Input"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
  <start name="nitpicker" caps="200" ram="8M">
    <provides> <service name="Gui"/> <service name="Capture"/> <service name="Event"/> </provides>
    <config>
      <capture/> <event/>
      <domain name="default" layer="2" label="yes" content="client" focus="click" hover="always"/>
      <default-policy domain="default"/>
      <background color="#334455"/>
    </config>
  </start>
  <start name="fb_drv" caps="100" ram="12M">
    <config width="${SCREEN.width}" height="${SCREEN.height}"/>
    <route>
      <service name="Capture"> <child name="nitpicker"/> </service> <service name="Event"> <child name="nitpicker"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
  <start name="testnit" caps="100" ram="12M">
    ${testnit}
    <route> <service name="Gui"> <child name="nitpicker"/> </service> <any-service> <parent/> </any-service> </route>
  </start>
</config>
`;
}

/** A `nido run --ui` of a generated boot directory; waits for lines. */
class Run {
  readonly #process: ChildProcessWithoutNullStreams;
  readonly #waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  readonly lines: { at: number; line: string }[] = [];
  #partial = '';

  private constructor(readonly dir: string) {
    this.#process = spawn(process.execPath, [join(repoDir, 'bin', 'nido.js'), 'run', dir, '--ui', `--screen=${SCREEN.width}x${SCREEN.height}`,
      '--report-dir', join(dir, 'reports')], { cwd: repoDir, stdio: 'pipe' });
    this.#process.stdout.setEncoding('utf8');
    this.#process.stdout.on('data', (chunk: string) => {
      const parts = (this.#partial + chunk).split('\n');
      this.#partial = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push({ at: performance.now(), line });
        for (const waiter of [...this.#waiters]) {
          if (!waiter.pattern.test(line)) continue;
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
    this.#process.stderr.resume();
  }

  static async start(testnit: string): Promise<Run> {
    const dir = await mkdtemp(join(tmpdir(), 'nido-bench-gui-'));
    await writeFile(join(dir, 'config'), config(testnit));
    return new Run(dir);
  }

  next(pattern: RegExp): Promise<string> {
    const seen = this.lines.find(({ line }) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen.line);
    return new Promise((resolve) => this.#waiters.push({ pattern, resolve }));
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.#process.once('close', resolve));
    this.#process.kill('SIGTERM');
    await exited;
    await rm(this.dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(INSTRUMENT);
  await page.goto(url);
  return page;
}

/** Full frames drawn per second in each of WINDOWS windows, after the warm-up; and the WebSocket payload bytes in them. */
async function framesPerSecond(page: Page, payload: { bytes: number }): Promise<{ fps: number[]; bytesPerFrame: number[]; pixelBytesPerFrame: number[] }> {
  await sleep(WARMUP_S * 1000);
  const fps: number[] = [];
  const bytesPerFrame: number[] = [];
  const pixelBytesPerFrame: number[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    await page.evaluate('globalThis.__screenBench.full.length = 0, globalThis.__screenBench.pixelBytes = 0');
    payload.bytes = 0;
    await sleep(WINDOW_S * 1000);
    const [stamps, pixelBytes] = (await page.evaluate('[globalThis.__screenBench.full.slice(), globalThis.__screenBench.pixelBytes]')) as [number[], number];
    const frames = stamps.length;
    fps.push(frames < 2 ? 0 : (frames - 1) * 1000 / ((stamps.at(-1) as number) - (stamps[0] as number)));
    bytesPerFrame.push(frames === 0 ? 0 : payload.bytes / frames);
    pixelBytesPerFrame.push(frames === 0 ? 0 : pixelBytes / frames);
  }
  return { fps, bytesPerFrame, pixelBytesPerFrame };
}

/** Counts the payload bytes of the binary WebSocket frames the page receives. */
function countPayload(page: Page): { bytes: number } {
  const payload = { bytes: 0 };
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload: data }) => {
    if (typeof data !== 'string') payload.bytes += data.byteLength;
  }));
  return payload;
}

/** Frames drawn per second on the page while testnit refreshes `animate` ('full' or 'damage'), and the bytes per frame drawn. */
async function nidoAnimation(browser: Browser, animate: 'full' | 'damage'): Promise<{
  fps: number[]; bytesPerFrame: number[]; pixelBytesPerFrame: number[]; clientFps: number; box: { width: number; height: number };
}> {
  const run = await Run.start(`<config xpos="0" ypos="0" width="${SCREEN.width}" height="${SCREEN.height}" animate="${animate}" log_every="60"/>`);
  try {
    const url = (await run.next(/^dashboard: /)).slice('dashboard: '.length);
    await run.next(/^\[init -> testnit\] testnit: /);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const payload = countPayload(page);
    await page.addInitScript(INSTRUMENT);
    await page.goto(url);
    const canvas = page.locator('.screen-canvas');
    await canvas.waitFor({ state: 'visible' });
    const box = await canvas.boundingBox();
    if (animate === 'damage') {
      /* Frames of one tile are no full frames: count every draw instead. */
      await page.evaluate(`(() => {
        const bench = globalThis.__screenBench;
        const put = CanvasRenderingContext2D.prototype.putImageData;
        CanvasRenderingContext2D.prototype.putImageData = function (...args) { put.apply(this, args); bench.full.push(performance.now()); };
      })()`);
    }
    const from = run.lines.length;
    const measured = await framesPerSecond(page, payload);
    /* testnit's own pace over the same time: its "frame N" lines. */
    const frames = run.lines.slice(from).filter(({ line }) => /^\[init -> testnit\] frame \d+$/.test(line));
    const first = frames[0];
    const last = frames.at(-1);
    const clientFps = first === undefined || last === undefined || first === last ? 0
      : (Number(/frame (\d+)/.exec(last.line)?.[1]) - Number(/frame (\d+)/.exec(first.line)?.[1])) * 1000 / (last.at - first.at);
    await page.close();
    return { ...measured, clientFps, box: { width: box?.width ?? SCREEN.width, height: box?.height ?? SCREEN.height } };
  } finally {
    await run.stop();
  }
}

/** Milliseconds from each keydown to the draw of the marker in that key's colour, a key every `gap` ms. */
async function keyLatencies(page: Page, gap: number, focus: () => Promise<void>): Promise<number[]> {
  await focus();
  await sleep(1500);
  const latencies: number[] = [];
  for (let press = 1; press <= KEYS; press++) {
    await page.evaluate(`globalThis.__screenBench.watch = { x: ${MARKER.x}, y: ${MARKER.y}, color: ${markerColor(press)}, since: 0 }`);
    await page.keyboard.press('KeyK');
    /* A function, not text: the dashboard's CSP forbids the page to evaluate text. */
    await page.waitForFunction(() => (globalThis as unknown as { __screenBench: { watch: unknown } }).__screenBench.watch === null, undefined, { timeout: 10_000 });
    latencies.push(Number(await page.evaluate('globalThis.__screenBench.hits.at(-1)')));
    await sleep(gap);
  }
  return latencies;
}

async function nidoKeys(browser: Browser, gap: number): Promise<number[]> {
  const { width, height } = KEY_VIEW;
  const run = await Run.start(`<config xpos="${KEY_VIEW.x}" ypos="${KEY_VIEW.y}" width="${width}" height="${height}" animate="none"/>`);
  try {
    const url = (await run.next(/^dashboard: /)).slice('dashboard: '.length);
    await run.next(/^\[init -> testnit\] testnit: /);
    const page = await openPage(browser, url);
    const canvas = page.locator('.screen-canvas');
    await canvas.waitFor({ state: 'visible' });
    /* A click into the view: the canvas has the keyboard, nitpicker gives testnit the focus. */
    const latencies = await keyLatencies(page, gap, async () => {
      const box = await canvas.boundingBox();
      if (box === null) throw new Error('the screen is not shown');
      await page.mouse.click(box.x + (KEY_VIEW.x + 200) * box.width / SCREEN.width, box.y + (KEY_VIEW.y + 150) * box.height / SCREEN.height);
    });
    await page.close();
    return latencies;
  } finally {
    await run.stop();
  }
}

export async function run(): Promise<Row[]> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const bare = new BareServer();
  const bareUrl = await bare.listen();
  const result: Row[] = [];
  try {
    /* (a) Full frames: Nido's page, then the bare page at the canvas's size on Nido's page. */
    const full = await nidoAnimation(browser, 'full');
    bare.page = barePage(full.box.width, full.box.height);
    const barePageFull = await openPage(browser, bareUrl);
    const barePayload = countPayload(barePageFull);
    await barePageFull.reload();
    bare.animate(true);
    const bareFull = await framesPerSecond(barePageFull, barePayload);
    bare.animate(false);
    await barePageFull.close();
    /* For comparison: frames that do not shorten into runs, as a photograph or a video would be. */
    const barePageNoise = await openPage(browser, bareUrl);
    bare.animate(true, true);
    const bareNoise = await framesPerSecond(barePageNoise, countPayload(barePageNoise));
    bare.animate(false);
    await barePageNoise.close();
    const fps = median(full.fps);
    const bareFps = median(bareFull.fps);
    result.push({
      name: `full-window updates of a ${SCREEN.width}x${SCREEN.height} client (testnit through nitpicker and fb_drv) drawn on the page's canvas (the client drew ${full.clientFps.toFixed(1)} frames/s)`,
      value: fps, unit: 'frames/s', baseline: bareFps, baselineName: 'a bare page receiving the same frames from the same ScreenStream',
      goal: '≥ 0.8× and ≥ 60 fps', met: fps >= 0.8 * bareFps && fps >= 60, samples: full.fps, baselineSamples: bareFull.fps,
    });

    result.push({
      name: 'for comparison: the bare page with frames of noise (every pixel a random colour: no runs, each frame its 3.5 MiB)',
      value: median(bareNoise.fps), unit: 'frames/s', samples: bareNoise.fps,
    });

    /* (b) Bytes on the wire per frame drawn: a 64x64 tile a frame against every pixel. */
    const damage = await nidoAnimation(browser, 'damage');
    const tileBytes = median(damage.bytesPerFrame);
    const fullBytes = median(full.bytesPerFrame);
    result.push({
      name: `WebSocket payload per frame drawn, a 64x64 damage rectangle a frame: ${(fullBytes / Math.max(1, tileBytes)).toFixed(0)}× fewer `
        + `(${median(damage.fps).toFixed(1)} frames/s drawn, the client ${damage.clientFps.toFixed(1)}); as pixels before runs `
        + `${median(damage.pixelBytesPerFrame).toFixed(0)} against ${median(full.pixelBytesPerFrame).toFixed(0)} bytes, `
        + `${(median(full.pixelBytesPerFrame) / Math.max(1, median(damage.pixelBytesPerFrame))).toFixed(0)}× fewer`,
      value: tileBytes, unit: 'bytes', baseline: fullBytes, baselineName: 'full-frame updates',
      goal: '≥ 20× fewer', met: fullBytes >= 20 * tileBytes, samples: damage.bytesPerFrame, baselineSamples: full.bytesPerFrame,
    });

    /* (c) Key → client → pixels: Nido's page and the bare page's round trip, a key every gap. */
    for (const gap of KEY_GAPS_MS) {
      const keys = await nidoKeys(browser, gap);
      const barePageKeys = await openPage(browser, bareUrl);
      const bareKeys = await keyLatencies(barePageKeys, gap, () => barePageKeys.click('#screen'));
      await barePageKeys.close();
      const value = median(keys);
      const baselineValue = median(bareKeys);
      result.push({
        name: `key press → testnit → its changed pixels drawn on the page, a key every ${gap} ms (longest ${Math.max(...keys).toFixed(1)} ms)`,
        value, unit: 'ms', baseline: baselineValue, baselineName: 'the bare page\'s round trip',
        goal: '≤ 1.5× and ≤ 30 ms', met: value <= 1.5 * baselineValue && value <= 30, samples: keys, baselineSamples: bareKeys,
      });
    }
  } finally {
    await bare.close();
    await browser.close();
  }
  await report('gui', result);
  return result;
}
