/*
 * The terminal's colours: the 16 of the palette (Genode's terminal's
 * defaults, changed by `<palette> <color index="N" value="#rrggbb"/>`),
 * and beyond them xterm's 256-colour table (a 6x6x6 cube and a grey ramp)
 * for `CSI 38;5;N m`. Truecolor cells carry their own 0xRRGGBB.
 */

import type { XmlNode } from 'nido';
import { parseColor } from '../../lib/gui/surface.js';

/* Genode's repos/gems/src/server/terminal/color_palette.h: 0-7 normal, 8-15 bright. */
export const DEFAULT_PALETTE: readonly number[] = Object.freeze([
  0x000000, 0xac4142, 0x90a959, 0xf4bf75, 0x7686bd, 0xaa759f, 0x75b5aa, 0xd0d0d0,
  0x101010, 0xac4142, 0x90a959, 0xf4bf75, 0x6a9fb5, 0xaa759f, 0x75b5aa, 0xf5f5f5,
]);

export const PALETTE_SIZE = 16;

/* xterm's cube levels for the colours 16..231. */
const CUBE = [0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff] as const;

/** Colour `index` (16..255) of xterm's 256-colour table. */
export function xtermColor(index: number): number {
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return (level << 16) | (level << 8) | level;
  }
  const cube = index - 16;
  const r = CUBE[Math.floor(cube / 36) % 6] ?? 0;
  const g = CUBE[Math.floor(cube / 6) % 6] ?? 0;
  const b = CUBE[cube % 6] ?? 0;
  return (r << 16) | (g << 8) | b;
}

/**
 * Colours by index, as xterm's cells name them.
 *
 *   const palette = ColorPalette.fromConfig(config.xml, (message) => env.warning(message));
 *   palette.color(1);    // 0xac4142, Genode's red
 *   palette.color(196);  // 0xff0000, xterm's
 */
export class ColorPalette {
  readonly #colors: Uint32Array;

  constructor(colors: readonly number[] = DEFAULT_PALETTE) {
    this.#colors = new Uint32Array(256);
    for (let index = 0; index < 256; index++) this.#colors[index] = index < PALETTE_SIZE ? colors[index] ?? 0 : xtermColor(index);
  }

  /**
   * The palette of a `<config>`: Genode's defaults with each `<color>` of
   * its `<palette>` applied. A `<color>` Genode would ignore (no index, an
   * index beyond 15, a value that is no colour) is ignored here too, and
   * `warn` says which and why.
   */
  static fromConfig(config: XmlNode, warn: (message: string) => void = () => undefined): ColorPalette {
    const colors = [...DEFAULT_PALETTE];
    for (const node of config.child('palette')?.children('color') ?? []) {
      const index = node.naturalAttribute('index', -1);
      const value = parseColor(node.stringAttribute('value', ''));
      const where = `<color> at config:${node.line}:${node.column}`;
      if (index < 0 || index >= PALETTE_SIZE) warn(`${where} ignored: index must be 0..15, got "${node.stringAttribute('index', '')}"`);
      else if (value === undefined) warn(`${where} ignored: value must be #rrggbb, got "${node.stringAttribute('value', '')}"`);
      else colors[index] = value;
    }
    return new ColorPalette(colors);
  }

  /** Colour `index` (0..255) as 0xRRGGBB. */
  color(index: number): number {
    return this.#colors[index & 0xff] ?? 0;
  }

  /** The colour of text without a colour of its own (index 7, as Genode's terminal has it). */
  get foreground(): number {
    return this.color(7);
  }

  /** The colour behind text without a background of its own (index 0). */
  get background(): number {
    return this.color(0);
  }
}
