/*
 * Bitmap fonts in the PC Screen Font format (PSF1 and PSF2, as Linux's
 * console uses them): glyphs of `width` x `height` pixels, one bit a pixel,
 * and a table from Unicode code points to glyphs. Gui clients draw text
 * with them (surface.ts); the terminal sizes its cells by them.
 */

import { TERMINUS16_PSF_BASE64 } from './terminus16.js';

export class FontError extends Error {}

export class Font {
  readonly #glyphs: Uint8Array;
  readonly #bytesPerGlyph: number;
  readonly #bytesPerRow: number;
  readonly #unicode: ReadonlyMap<number, number>;
  readonly #fallback: number;

  constructor(readonly width: number, readonly height: number, glyphs: Uint8Array, unicode: ReadonlyMap<number, number>) {
    this.#bytesPerRow = Math.ceil(width / 8);
    this.#bytesPerGlyph = this.#bytesPerRow * height;
    this.#glyphs = glyphs;
    this.#unicode = unicode;
    this.#fallback = unicode.get(0xfffd) ?? unicode.get(0x3f) ?? 0;
  }

  /** The glyph index of a code point (the replacement glyph for one the font lacks). */
  glyphIndex(codepoint: number): number {
    return this.#unicode.get(codepoint) ?? (this.#unicode.size === 0 && codepoint < this.glyphCount ? codepoint : this.#fallback);
  }

  get glyphCount(): number {
    return Math.floor(this.#glyphs.length / this.#bytesPerGlyph);
  }

  /** Whether pixel (x, y) of glyph `index` is set. */
  pixel(index: number, x: number, y: number): boolean {
    const byte = this.#glyphs[index * this.#bytesPerGlyph + y * this.#bytesPerRow + (x >> 3)] ?? 0;
    return (byte & (0x80 >> (x & 7))) !== 0;
  }

  /** The row `y` of glyph `index` as bits, the leftmost pixel highest (fonts up to 32 pixels wide). */
  row(index: number, y: number): number {
    let bits = 0;
    const at = index * this.#bytesPerGlyph + y * this.#bytesPerRow;
    for (let byte = 0; byte < this.#bytesPerRow; byte++) bits = (bits << 8) | (this.#glyphs[at + byte] ?? 0);
    return bits >>> (this.#bytesPerRow * 8 - this.width);
  }
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

/* PSF1's table: per glyph, UCS-2 code points up to 0xFFFF; 0xFFFE starts sequences, which we skip. */
function psf1Unicode(bytes: Uint8Array, at: number, glyphs: number): Map<number, number> {
  const table = new Map<number, number>();
  for (let glyph = 0; glyph < glyphs && at + 1 < bytes.length; glyph++) {
    let sequence = false;
    for (;;) {
      const value = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
      at += 2;
      if (value === 0xffff || at > bytes.length) break;
      if (value === 0xfffe) sequence = true;
      else if (!sequence && !table.has(value)) table.set(value, glyph);
    }
  }
  return table;
}

/* PSF2's table: per glyph, UTF-8 code points ended by 0xFF; 0xFE starts sequences. */
function psf2Unicode(bytes: Uint8Array, at: number, glyphs: number): Map<number, number> {
  const table = new Map<number, number>();
  for (let glyph = 0; glyph < glyphs && at < bytes.length; glyph++) {
    let sequence = false;
    while (at < bytes.length) {
      const lead = bytes[at] ?? 0xff;
      if (lead === 0xff) { at++; break; }
      if (lead === 0xfe) { sequence = true; at++; continue; }
      const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
      let codepoint = length === 1 ? lead : lead & (0xff >> (length + 1));
      for (let i = 1; i < length; i++) codepoint = (codepoint << 6) | ((bytes[at + i] ?? 0) & 0x3f);
      at += length;
      if (!sequence && !table.has(codepoint)) table.set(codepoint, glyph);
    }
  }
  return table;
}

/** Parses a PSF1 or PSF2 font; throws FontError for anything else. */
export function parsePsf(bytes: Uint8Array): Font {
  if (bytes[0] === 0x36 && bytes[1] === 0x04) {
    const mode = bytes[2] ?? 0;
    const height = bytes[3] ?? 0;
    const count = mode & 0x01 ? 512 : 256;
    const glyphs = bytes.slice(4, 4 + count * height);
    if (height === 0 || glyphs.length < count * height) throw new FontError('PSF1 font truncated');
    const unicode = mode & 0x02 ? psf1Unicode(bytes, 4 + count * height, count) : new Map<number, number>();
    return new Font(8, height, glyphs, unicode);
  }
  if (readUint32(bytes, 0) === 0x864ab572) {
    const headerSize = readUint32(bytes, 8);
    const flags = readUint32(bytes, 12);
    const count = readUint32(bytes, 16);
    const bytesPerGlyph = readUint32(bytes, 20);
    const height = readUint32(bytes, 24);
    const width = readUint32(bytes, 28);
    if (width < 1 || width > 32 || height < 1 || bytesPerGlyph !== Math.ceil(width / 8) * height) throw new FontError('PSF2 font with a bad glyph size');
    const glyphs = bytes.slice(headerSize, headerSize + count * bytesPerGlyph);
    if (glyphs.length < count * bytesPerGlyph) throw new FontError('PSF2 font truncated');
    const unicode = flags & 1 ? psf2Unicode(bytes, headerSize + count * bytesPerGlyph, count) : new Map<number, number>();
    return new Font(width, height, glyphs, unicode);
  }
  throw new FontError('not a PSF font');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.replace(/=+$/, '').length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) continue;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

let terminus: Font | undefined;

/** Terminus 8x16, the font every Gui client of Nido carries (terminus16.ts). */
export function defaultFont(): Font {
  terminus ??= parsePsf(decodeBase64(TERMINUS16_PSF_BASE64));
  return terminus;
}
