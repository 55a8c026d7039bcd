/*
 * The screen's pixels to one page (docs/dashboard.md, "Screen"): every
 * damaged rectangle core's screen reports goes into the page's dirty
 * region; whenever the page has acknowledged enough of what it was sent,
 * the region's rectangles go out as binary frames with the pixels they
 * hold at that moment (protocol.ts: header, then 0x00RRGGBB words, as
 * runs of equal pixels where that is smaller), a large one in bands of
 * rows.
 *
 * A slow page therefore costs a bounded amount: at most WINDOW_SCREENS
 * screens' worth of bytes unacknowledged and a region of a few rectangles,
 * never a queue of every refresh; it sees the newest pixels, skipping
 * frames it could not keep up with. A small damage sends only its
 * rectangle.
 */

import type { WebSocket } from 'ws';
import type { Screen } from '../core/screen_service.js';
import type { Rect } from '../util/rect.js';
import { DirtyRegion } from '../util/dirty_region.js';
import { SCREEN_HEADER_BYTES, SCREEN_HEADER_WORDS, SCREEN_RECT, SCREEN_RUNS } from './protocol.js';

/* Rectangles a page's dirty region keeps apart: a slow page's bookkeeping stays this small. */
const MAX_DIRTY_RECTS = 8;
/* Screens' worth of bytes a page may have unacknowledged: one drawn while the next travels. */
const WINDOW_SCREENS = 2;
/*
 * A large rectangle goes out in bands of rows of about this many bytes:
 * the page draws the first while the next travel, and allocates no
 * buffers of megabytes.
 */
export const BAND_BYTES = 256 * 1024;

/** `rect` as horizontal bands of at most BAND_BYTES of pixels each (at least one row). */
export function bands(rect: Rect): Rect[] {
  const rows = Math.max(1, Math.floor(BAND_BYTES / (rect.width * 4)));
  const result: Rect[] = [];
  for (let y = rect.y; y < rect.y + rect.height; y += rows) {
    result.push({ x: rect.x, y, width: rect.width, height: Math.min(rows, rect.y + rect.height - y) });
  }
  return result;
}

/* Where runs are gathered before they are known to be smaller than the pixels (grown as needed). */
let scratch = new Uint32Array(BAND_BYTES / 4);

/*
 * The rectangle's pixels as runs of equal pixels (count, pixel), or
 * undefined as soon as the runs would take as many words as the pixels:
 * screen content (windows, text, fills) mostly shrinks, a photograph goes
 * as it is.
 */
function runs(rect: Rect, pixels: Uint32Array, screenWidth: number): Uint32Array | undefined {
  const total = rect.width * rect.height;
  if (scratch.length < total) scratch = new Uint32Array(total);
  const out = scratch;
  let words = 0;
  let value = pixels[rect.y * screenWidth + rect.x] as number;
  let count = 0;
  for (let row = 0; row < rect.height; row++) {
    const from = (rect.y + row) * screenWidth + rect.x;
    for (let at = from; at < from + rect.width; at++) {
      const pixel = pixels[at] as number;
      if (pixel === value) {
        count++;
        continue;
      }
      if (words + 2 >= total) return undefined;
      out[words++] = count;
      out[words++] = value;
      value = pixel;
      count = 1;
    }
  }
  if (words + 2 >= total) return undefined;
  out[words++] = count;
  out[words++] = value;
  return out.subarray(0, words);
}

/** One rectangle of `pixels` (rows of `screenWidth`; undefined: black) as a binary frame: runs where they are smaller, else each pixel. */
export function encodeScreenRect(seq: number, rect: Rect, pixels: Uint32Array | undefined, screenWidth: number): Uint8Array {
  const total = rect.width * rect.height;
  const encoded = pixels === undefined ? Uint32Array.of(total, 0) : runs(rect, pixels, screenWidth);
  if (encoded !== undefined && total > 0) {
    const frame = new Uint32Array(SCREEN_HEADER_WORDS + encoded.length);
    frame.set([SCREEN_RUNS, seq, rect.x, rect.y, rect.width, rect.height]);
    frame.set(encoded, SCREEN_HEADER_WORDS);
    return new Uint8Array(frame.buffer);
  }
  const frame = new Uint32Array(SCREEN_HEADER_WORDS + total);
  frame.set([SCREEN_RECT, seq, rect.x, rect.y, rect.width, rect.height]);
  if (pixels !== undefined) {
    for (let row = 0; row < rect.height; row++) {
      const from = (rect.y + row) * screenWidth + rect.x;
      frame.set(pixels.subarray(from, from + rect.width), SCREEN_HEADER_WORDS + row * rect.width);
    }
  }
  return new Uint8Array(frame.buffer);
}

export class ScreenStream {
  readonly #socket: WebSocket;
  readonly #screen: Screen;
  readonly #dirty = new DirtyRegion(MAX_DIRTY_RECTS);
  readonly #window: number;
  /* Frames sent and not acknowledged, oldest first: [sequence number, bytes of their pixels]. */
  readonly #unacked: [number, number][] = [];
  #unackedBytes = 0;
  #seq = 0;
  #scheduled = false;
  #closed = false;

  constructor(socket: WebSocket, screen: Screen) {
    this.#socket = socket;
    this.#screen = screen;
    this.#window = WINDOW_SCREENS * (SCREEN_HEADER_BYTES + screen.mode.width * screen.mode.height * 4);
  }

  /** Bytes of pixels sent to the page that it has not acknowledged (what a slow page has yet to draw; fewer travel when they run). */
  get unacknowledged(): number {
    return this.#unackedBytes;
  }

  damaged(rect: Rect): void {
    if (this.#closed) return;
    this.#dirty.add(rect);
    this.#schedule();
  }

  /** The page drew every frame up to `seq`. */
  acked(seq: unknown): void {
    if (typeof seq !== 'number') return;
    while (this.#unacked.length > 0 && (this.#unacked[0] as [number, number])[0] <= seq) {
      this.#unackedBytes -= (this.#unacked.shift() as [number, number])[1];
    }
    this.#schedule();
  }

  close(): void {
    this.#closed = true;
  }

  /* Damage of one moment (a client's refreshes in a row) goes out together. */
  #schedule(): void {
    if (this.#scheduled || this.#dirty.empty || !this.#fits()) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#send();
    });
  }

  /* The dirty region goes out if it fits the window beside what is unacknowledged (or nothing is: a region larger than the window goes alone). */
  #fits(): boolean {
    if (this.#unackedBytes === 0) return true;
    const bytes = this.#dirty.rects.reduce((sum, rect) => sum + SCREEN_HEADER_BYTES + rect.width * rect.height * 4, 0);
    return this.#unackedBytes + bytes <= this.#window;
  }

  #send(): void {
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) return;
    if (!this.#fits()) return;
    const pixels = this.#screen.pixels();
    for (const rect of this.#dirty.take().flatMap(bands)) {
      const frame = encodeScreenRect(++this.#seq, rect, pixels, this.#screen.mode.width);
      /* Counted as pixels, not as the bytes that travel: what bounds is the page's work still to do. */
      const bytes = SCREEN_HEADER_BYTES + rect.width * rect.height * 4;
      this.#unacked.push([this.#seq, bytes]);
      this.#unackedBytes += bytes;
      this.#socket.send(frame, { binary: true });
    }
  }
}
