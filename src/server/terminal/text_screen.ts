/*
 * The text screen: xterm's cells drawn into the terminal's buffer, as
 * Genode's text_screen_surface.h does it. Each cell is a glyph of the font
 * in its foreground colour on its background: 16 palette colours, xterm's
 * 256 and truecolor as xterm hands them over; bold (brighter, as Genode's
 * terminal shows it, and one pixel thicker), dim, inverse, invisible,
 * underline, strikethrough, overline; the cursor a block (a frame while
 * the terminal has not the focus).
 *
 * Only rows that changed are drawn: the screen keeps what it drew of
 * each row (every cell's character, colours and attributes, and the
 * cursor) and compares. `draw` answers the rectangle of pixels that
 * changed, for the Framebuffer's refresh.
 */

import type { IBuffer, IBufferCell } from '@xterm/headless';
import type { Rect } from 'nido';
import type { Font } from '../../lib/gui/font.js';
import type { Surface } from '../../lib/gui/surface.js';
import { mix } from '../../lib/gui/surface.js';
import type { ColorPalette } from './color_palette.js';

/* What the screen keeps of a cell: its character and width, foreground, background, attributes. */
const WORDS_PER_CELL = 4;

const BOLD = 1 << 0;
const DIM = 1 << 1;
const UNDERLINE = 1 << 2;
const INVERSE = 1 << 3;
const INVISIBLE = 1 << 4;
const STRIKETHROUGH = 1 << 5;
const OVERLINE = 1 << 6;

/* xterm's colour modes (getFgColorMode), as xterm's Attributes.CM_* have them. */
const MODE_PALETTE_16 = 0x1000000;
const MODE_PALETTE_256 = 0x2000000;
const MODE_RGB = 0x3000000;

/** What the viewport shows of the cursor. */
export interface CursorState {
  /** DECTCEM: the program did not hide it. */
  readonly visible: boolean;
  /** The terminal has the keyboard focus: a block; without it a frame. */
  readonly focused: boolean;
}

/** The part of xterm's terminal the screen reads. */
export interface TerminalCells {
  readonly cols: number;
  readonly rows: number;
  readonly buffer: { readonly active: IBuffer };
}

/** The number of whole cells a buffer of `width` x `height` pixels has room for (at least one each way). */
export function cellGrid(font: Font, width: number, height: number): { columns: number; rows: number } {
  return { columns: Math.max(1, Math.floor(width / font.width)), rows: Math.max(1, Math.floor(height / font.height)) };
}

/**
 * What the terminal's buffer shows of xterm's cells.
 *
 *   const screen = new TextScreen(defaultFont(), new ColorPalette());
 *   const damage = screen.draw(surface, xterm, { visible: true, focused: true });
 *   if (damage !== undefined) await gui.refresh(damage);
 */
export class TextScreen {
  readonly #font: Font;
  readonly #palette: ColorPalette;
  /* Per row of the viewport: what was drawn there (WORDS_PER_CELL words per cell). */
  #drawn: Uint32Array[] = [];
  /* Per row: the cursor's column there when drawn, times two, plus one if drawn as a block; -1 without. */
  #cursorDrawn: number[] = [];
  #scratch = new Uint32Array(0);
  #cell: IBufferCell | undefined;
  #invalid = true;

  constructor(font: Font, palette: ColorPalette) {
    this.#font = font;
    this.#palette = palette;
  }

  /** The next draw draws everything (a new buffer, whose pixels are anything). */
  invalidate(): void {
    this.#invalid = true;
  }

  /**
   * Draws what changed in the viewport of `terminal` since the last draw
   * into `surface`; answers the rectangle of pixels that changed, or
   * undefined if none did.
   */
  draw(surface: Surface, terminal: TerminalCells, cursor: CursorState): Rect | undefined {
    const font = this.#font;
    const grid = cellGrid(font, surface.width, surface.height);
    const columns = Math.min(terminal.cols, grid.columns);
    const rows = Math.min(terminal.rows, grid.rows);
    const buffer = terminal.buffer.active;
    let invalid = this.#invalid;
    if (this.#scratch.length !== columns * WORDS_PER_CELL) {
      this.#scratch = new Uint32Array(columns * WORDS_PER_CELL);
      invalid = true;
    }
    if (invalid) {
      surface.fill(surface.bounds, this.#palette.background);
      this.#drawn = [];
      this.#cursorDrawn = [];
      this.#invalid = false;
    }

    const cursorRow = buffer.baseY + buffer.cursorY - buffer.viewportY;
    const cursorColumn = Math.min(buffer.cursorX, columns - 1);
    let top = -1;
    let bottom = -1;
    for (let row = 0; row < rows; row++) {
      const cells = this.#scratch;
      this.#read(buffer, buffer.viewportY + row, cells);
      const cursorHere = cursor.visible && row === cursorRow ? cursorColumn * 2 + (cursor.focused ? 1 : 0) : -1;
      const drawn = this.#drawn[row];
      if (drawn !== undefined && this.#cursorDrawn[row] === cursorHere && equal(drawn, cells)) continue;
      this.#drawRow(surface, row, cells, cursorHere);
      this.#drawn[row] = cells.slice();
      this.#cursorDrawn[row] = cursorHere;
      if (top < 0) top = row;
      bottom = row;
    }
    if (invalid) return surface.bounds;
    if (top < 0) return undefined;
    return { x: 0, y: top * font.height, width: columns * font.width, height: (bottom - top + 1) * font.height };
  }

  /* Row `y` of the buffer as words: an absent line (below the content) is blank. */
  #read(buffer: IBuffer, y: number, into: Uint32Array): void {
    into.fill(0);
    const line = buffer.getLine(y);
    if (line === undefined) return;
    const columns = into.length / WORDS_PER_CELL;
    for (let x = 0; x < columns; x++) {
      const cell = line.getCell(x, this.#cell);
      if (cell === undefined) break;
      this.#cell = cell;
      const chars = cell.getChars();
      /* A combined character (a base and marks) is drawn as its base: the font has no marks to put over it. */
      const code = chars.length <= 1 ? cell.getCode() : chars.codePointAt(0) ?? 0;
      const at = x * WORDS_PER_CELL;
      into[at] = code | (cell.getWidth() << 21);
      into[at + 1] = colorWord(cell.getFgColorMode(), cell.getFgColor());
      into[at + 2] = colorWord(cell.getBgColorMode(), cell.getBgColor());
      into[at + 3] = (cell.isBold() ? BOLD : 0) | (cell.isDim() ? DIM : 0) | (cell.isUnderline() ? UNDERLINE : 0)
        | (cell.isInverse() ? INVERSE : 0) | (cell.isInvisible() ? INVISIBLE : 0)
        | (cell.isStrikethrough() ? STRIKETHROUGH : 0) | (cell.isOverline() ? OVERLINE : 0);
    }
  }

  #color(word: number, bold: boolean, fallback: number, brightDefault: number): number {
    const mode = (word & 0x3000000) >>> 0;
    const value = word & 0xffffff;
    if (mode === MODE_RGB) return value;
    if (mode === MODE_PALETTE_16 || mode === MODE_PALETTE_256) {
      /* Bold in the first eight colours is their bright variant (xterm's boldColors, Genode's "highlighted"). */
      return this.#palette.color(bold && value < 8 ? value + 8 : value);
    }
    return bold ? brightDefault : fallback;
  }

  #drawRow(surface: Surface, row: number, cells: Uint32Array, cursor: number): void {
    const columns = cells.length / WORDS_PER_CELL;
    for (let column = 0; column < columns; column++) {
      const at = column * WORDS_PER_CELL;
      const content = cells[at] ?? 0;
      const flags = cells[at + 3] ?? 0;
      const bold = (flags & BOLD) !== 0;
      let foreground = this.#color(cells[at + 1] ?? 0, bold, this.#palette.foreground, this.#palette.color(15));
      let background = this.#color(cells[at + 2] ?? 0, false, this.#palette.background, this.#palette.background);
      if (flags & INVERSE) [foreground, background] = [background, foreground];
      if (flags & DIM) foreground = mix(foreground, background, 128);
      if (flags & INVISIBLE) foreground = background;
      const cursorHere = cursor >= 0 && cursor >> 1 === column;
      const block = cursorHere && (cursor & 1) === 1;
      if (block) [foreground, background] = [background, foreground];
      this.#drawCell(surface, column, row, content & 0x1fffff, foreground, background, flags);
      if (cursorHere && !block) {
        const font = this.#font;
        surface.frame({ x: column * font.width, y: row * font.height, width: font.width, height: font.height }, foreground);
      }
    }
  }

  #drawCell(surface: Surface, column: number, row: number, code: number, foreground: number, background: number, flags: number): void {
    const font = this.#font;
    const width = font.width;
    const x0 = column * width;
    const y0 = row * font.height;
    const blank = code === 0 || code === 0x20 || (flags & INVISIBLE) !== 0;
    const glyph = blank ? 0 : font.glyphIndex(code);
    const full = (1 << width) - 1;
    const pixels = surface.pixels;
    for (let y = 0; y < font.height; y++) {
      const py = y0 + y;
      if (py >= surface.height) break;
      let bits = blank ? 0 : font.row(glyph, y);
      /* Bold: each stroke one pixel wider to the right, within the cell. */
      if (flags & BOLD) bits |= bits >> 1;
      if ((flags & UNDERLINE && y === font.height - 2) || (flags & STRIKETHROUGH && y === font.height >> 1) || (flags & OVERLINE && y === 0)) bits = full;
      const line = py * surface.width;
      for (let x = 0; x < width; x++) {
        const px = x0 + x;
        if (px >= surface.width) break;
        pixels[line + px] = bits & (1 << (width - 1 - x)) ? foreground : background;
      }
    }
  }
}

/* A colour as one word: its mode and value (xterm answers -1 as the value of the default colour). */
function colorWord(mode: number, value: number): number {
  return mode === 0 ? 0 : (mode | (value & 0xffffff)) >>> 0;
}

function equal(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
