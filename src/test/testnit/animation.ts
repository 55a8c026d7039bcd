/*
 * What testnit draws, frame by frame, into its buffer: diagonal stripes
 * that move (`full`: every pixel changes, the whole buffer is refreshed),
 * or one 64x64 tile per frame that changes colour, walking over the buffer
 * (`damage`: one 64x64 refresh per frame; a strip at the right or bottom
 * edge narrower than a tile stays still). Neither touches the key marker
 * in the top-left corner, which only a key press repaints, so that a
 * benchmark can tell the press's pixels from the animation's.
 *
 * Pure drawing on a Surface, tested beside (animation.test.ts).
 */

import type { Rect } from 'nido';
import type { Surface } from '../../lib/gui/surface.js';

export type AnimationMode = 'full' | 'damage' | 'none';

/** Edge of a damage tile (the benchmark's 64x64 rectangle). */
export const TILE = 64;

/*
 * Stripes repeat every PERIOD pixels and move by one stripe a frame: every
 * pixel changes every frame (neighbouring stripes differ), so that a full
 * frame is a full frame's worth of change for whatever carries it.
 */
const STRIPES = [0x1d3557, 0x457b9d, 0xa8dadc, 0xf1faee];
const PERIOD = 64;
const STEP = PERIOD / STRIPES.length;

/** The marker's colour before any key press. */
export const MARKER_IDLE = 0x0000ff;

/**
 * The marker's colour after press `n` (1, 2, ...): green with `n` modulo
 * 256 in the red channel, so that a reader of the pixels knows which press
 * it sees.
 */
export function markerColor(presses: number): number {
  return presses === 0 ? MARKER_IDLE : (((presses % 256) << 16) | 0x00ff00) >>> 0;
}

/** The colour the damage tiles get in sweep `round` over the buffer: each sweep changes every tile. */
export function tileColor(round: number): number {
  return STRIPES[round % STRIPES.length] ?? 0;
}

/** The key marker: a square of `size` at the buffer's top left (clipped to the buffer). */
export function markerRect(surface: Surface, size: number): Rect {
  return { x: 0, y: 0, width: Math.min(size, surface.width), height: Math.min(size, surface.height) };
}

export class Animation {
  readonly #surface: Surface;
  readonly #marker: Rect;
  /* One period of stripes, repeated to a row's width plus a period: a row is a window into it. */
  readonly #pattern: Uint32Array;
  readonly #tiles: Rect[];

  constructor(surface: Surface, marker: Rect) {
    this.#surface = surface;
    this.#marker = marker;
    this.#pattern = new Uint32Array(surface.width + PERIOD);
    for (let x = 0; x < this.#pattern.length; x++) {
      this.#pattern[x] = STRIPES[Math.floor((x % PERIOD) / (PERIOD / STRIPES.length))] ?? 0;
    }
    this.#tiles = [];
    for (let y = 0; y + TILE <= surface.height; y += TILE) {
      for (let x = 0; x + TILE <= surface.width; x += TILE) {
        const tile = { x, y, width: TILE, height: TILE };
        const overlapsMarker = tile.x < marker.x + marker.width && tile.y < marker.y + marker.height;
        if (!overlapsMarker) this.#tiles.push(tile);
      }
    }
  }

  /** Draws frame `frame` of `mode`; answers the rectangle to refresh (undefined: nothing changed). */
  frame(mode: AnimationMode, frame: number): Rect | undefined {
    if (mode === 'full') return this.#stripes(frame);
    if (mode === 'damage') return this.#tile(frame);
    return undefined;
  }

  #stripes(frame: number): Rect {
    const { width, height, pixels } = this.#surface;
    const shift = (frame * STEP) % PERIOD;
    for (let y = 0; y < height; y++) {
      /* Rows beside the marker start right of it. */
      const from = y < this.#marker.y + this.#marker.height ? this.#marker.x + this.#marker.width : 0;
      if (from >= width) continue;
      const start = (PERIOD - shift + y) % PERIOD;
      pixels.set(this.#pattern.subarray(start + from, start + width), y * width + from);
    }
    return this.#surface.bounds;
  }

  #tile(frame: number): Rect | undefined {
    const count = this.#tiles.length;
    const tile = this.#tiles[frame % Math.max(1, count)];
    if (tile === undefined) return undefined;
    this.#surface.fill(tile, tileColor(Math.floor(frame / count)));
    return tile;
  }

  /** Paints the marker after `presses` key presses; answers its rectangle. */
  marker(presses: number): Rect {
    this.#surface.fill(this.#marker, markerColor(presses));
    return this.#marker;
  }
}
