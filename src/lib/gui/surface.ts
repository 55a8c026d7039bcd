/*
 * Surface: drawing into a framebuffer's pixels (0x00RRGGBB words, rows
 * without padding; session/framebuffer). Clipped, as Genode's Surface: to
 * the surface, or to a part of it (`clip`, `clipped`): drawing outside
 * draws nothing, so a damaged region can be repainted thing by thing.
 * Colours are 0xRRGGBB numbers.
 */

import { defaultFont, type Font } from './font.js';
import { intersect, isEmpty, type Rect } from 'nido';

export class Surface {
  /** The part of the surface drawing reaches (all of it unless given). */
  readonly clip: Rect;

  constructor(readonly pixels: Uint32Array, readonly width: number, readonly height: number, clip?: Rect) {
    this.clip = clip === undefined ? this.bounds : intersect(clip, this.bounds);
  }

  get bounds(): Rect {
    return { x: 0, y: 0, width: this.width, height: this.height };
  }

  /** The same pixels, drawn only within `clip` (and this surface's clip). */
  clipped(clip: Rect): Surface {
    return new Surface(this.pixels, this.width, this.height, intersect(clip, this.clip));
  }

  fill(area: Rect, color: number): void {
    const r = intersect(area, this.clip);
    if (isEmpty(r)) return;
    for (let y = r.y; y < r.y + r.height; y++) {
      const row = y * this.width;
      this.pixels.fill(color, row + r.x, row + r.x + r.width);
    }
  }

  /** A frame of `thickness` pixels along the inside of `area`. */
  frame(area: Rect, color: number, thickness = 1): void {
    this.fill({ x: area.x, y: area.y, width: area.width, height: thickness }, color);
    this.fill({ x: area.x, y: area.y + area.height - thickness, width: area.width, height: thickness }, color);
    this.fill({ x: area.x, y: area.y, width: thickness, height: area.height }, color);
    this.fill({ x: area.x + area.width - thickness, y: area.y, width: thickness, height: area.height }, color);
  }

  /** Draws one glyph cell at (x, y): set pixels in `foreground`, the rest in `background` (if given). */
  glyph(x: number, y: number, codepoint: number, foreground: number, background?: number, font: Font = defaultFont()): void {
    const index = font.glyphIndex(codepoint);
    const { x: left, y: top, width, height } = this.clip;
    for (let row = 0; row < font.height; row++) {
      const py = y + row;
      if (py < top || py >= top + height) continue;
      const bits = font.row(index, row);
      const line = py * this.width;
      for (let column = 0; column < font.width; column++) {
        const px = x + column;
        if (px < left || px >= left + width) continue;
        if (bits & (1 << (font.width - 1 - column))) this.pixels[line + px] = foreground;
        else if (background !== undefined) this.pixels[line + px] = background;
      }
    }
  }

  /** Draws `text` from (x, y) on, one cell per code point; answers the width drawn. */
  text(x: number, y: number, text: string, foreground: number, background?: number, font: Font = defaultFont()): number {
    let at = x;
    for (const char of text) {
      this.glyph(at, y, char.codePointAt(0) ?? 0x3f, foreground, background, font);
      at += font.width;
    }
    return at - x;
  }

  /** The width of `text` in pixels. */
  static textWidth(text: string, font: Font = defaultFont()): number {
    return [...text].length * font.width;
  }
}

/** `#rrggbb` (or `#rgb`) as a 0xRRGGBB number, or undefined. */
export function parseColor(text: string): number | undefined {
  const long = /^#([0-9a-fA-F]{6})$/.exec(text)?.[1];
  if (long !== undefined) return Number.parseInt(long, 16);
  const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(text);
  if (short === null) return undefined;
  return Number.parseInt(`${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`, 16);
}

/** `color` mixed with `tint` by `alpha` (0..255 of tint). */
export function mix(color: number, tint: number, alpha: number): number {
  const channel = (shift: number) => {
    const a = (color >> shift) & 0xff;
    const b = (tint >> shift) & 0xff;
    return ((a * (255 - alpha) + b * alpha) / 255) & 0xff;
  };
  return (channel(16) << 16) | (channel(8) << 8) | channel(0);
}
