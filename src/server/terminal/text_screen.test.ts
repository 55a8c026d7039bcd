import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from 'nido';
import { defaultFont } from '../../lib/gui/font.js';
import { Surface } from '../../lib/gui/surface.js';
import { ColorPalette, DEFAULT_PALETTE, xtermColor } from './color_palette.js';
import { Emulator } from './emulator.js';
import { cellGrid, TextScreen, type CursorState } from './text_screen.js';

const font = defaultFont();
const palette = new ColorPalette();
const FOREGROUND = DEFAULT_PALETTE[7] ?? 0;
const BACKGROUND = DEFAULT_PALETTE[0] ?? 0;
const NO_CURSOR: CursorState = { visible: false, focused: false };

/* A terminal of `columns` x `rows` cells on a buffer with a few pixels to spare at the right and bottom. */
function setup(columns: number, rows: number): { emulator: Emulator; surface: Surface; screen: TextScreen } {
  const width = columns * font.width + 5;
  const height = rows * font.height + 3;
  const surface = new Surface(new Uint32Array(width * height).fill(0x123456), width, height);
  return { emulator: new Emulator({ columns, rows, scrollback: 100 }), surface, screen: new TextScreen(font, palette) };
}

function write(emulator: Emulator, text: string): Promise<void> {
  return new Promise((resolve) => emulator.xterm.write(text, resolve));
}

interface CellLook {
  readonly foreground: number;
  readonly background: number;
  readonly bold?: boolean;
  readonly underline?: boolean;
}

/* The pixels a cell must have: the font's glyph of `char` in `look`. Answers the first difference, or undefined. */
function cellDiffers(surface: Surface, column: number, row: number, char: string, look: CellLook): string | undefined {
  const glyph = font.glyphIndex(char.codePointAt(0) ?? 0);
  for (let y = 0; y < font.height; y++) {
    let bits = char === ' ' ? 0 : font.row(glyph, y);
    if (look.bold === true) bits |= bits >> 1;
    if (look.underline === true && y === font.height - 2) bits = (1 << font.width) - 1;
    for (let x = 0; x < font.width; x++) {
      const expected = bits & (1 << (font.width - 1 - x)) ? look.foreground : look.background;
      const px = column * font.width + x;
      const py = row * font.height + y;
      const seen = surface.pixels[py * surface.width + px];
      if (seen !== expected) return `"${char}" at cell ${column},${row}: pixel ${px},${py} is ${seen?.toString(16)}, expected ${expected.toString(16)}`;
    }
  }
  return undefined;
}

function assertText(surface: Surface, column: number, row: number, text: string, look: CellLook): void {
  [...text].forEach((char, index) => {
    const difference = cellDiffers(surface, column + index, row, char, look);
    assert.equal(difference, undefined, difference);
  });
}

test('text screen: each character is the font\'s glyph at its cell, in the default colours; the margin is background', async () => {
  const { emulator, surface, screen } = setup(20, 4);
  await write(emulator, 'hello\r\n  world!');
  const damage = screen.draw(surface, emulator.xterm, NO_CURSOR);
  assert.deepEqual(damage, surface.bounds, 'the first draw draws everything');
  assertText(surface, 0, 0, 'hello     ', { foreground: FOREGROUND, background: BACKGROUND });
  assertText(surface, 0, 1, '  world!', { foreground: FOREGROUND, background: BACKGROUND });
  /* The pixels right of the last column and below the last row are not some cell's: background. */
  assert.equal(surface.pixels[surface.width - 1], BACKGROUND);
  assert.equal(surface.pixels[surface.pixels.length - 1], BACKGROUND);
});

test('text screen: 16 colours, bold as the bright colour, 256 colours, truecolor, inverse, underline', async () => {
  const { emulator, surface, screen } = setup(40, 6);
  await write(emulator, '\x1b[31mred\x1b[0m \x1b[1;32mbold\x1b[0m \x1b[44mon blue\x1b[0m\r\n');
  await write(emulator, '\x1b[38;5;208morange\x1b[0m \x1b[38;2;1;2;3;48;2;250;240;230mtrue\x1b[0m\r\n');
  await write(emulator, '\x1b[7minverse\x1b[27m \x1b[4munder\x1b[0m \x1b[1mbright\x1b[0m');
  screen.draw(surface, emulator.xterm, NO_CURSOR);
  assertText(surface, 0, 0, 'red', { foreground: palette.color(1), background: BACKGROUND });
  assertText(surface, 4, 0, 'bold', { foreground: palette.color(10), background: BACKGROUND, bold: true });
  assertText(surface, 9, 0, 'on blue', { foreground: FOREGROUND, background: palette.color(4) });
  assertText(surface, 0, 1, 'orange', { foreground: xtermColor(208), background: BACKGROUND });
  assert.equal(xtermColor(208), 0xff8700, 'xterm\'s colour 208');
  assertText(surface, 7, 1, 'true', { foreground: 0x010203, background: 0xfaf0e6 });
  assertText(surface, 0, 2, 'inverse', { foreground: BACKGROUND, background: FOREGROUND });
  assertText(surface, 8, 2, 'under', { foreground: FOREGROUND, background: BACKGROUND, underline: true });
  /* Bold in the default colour is bright white (palette 15), as Genode's terminal shows it. */
  assertText(surface, 14, 2, 'bright', { foreground: palette.color(15), background: BACKGROUND, bold: true });
});

test('text screen: the cursor is a block where xterm has it, a frame without the focus, gone when the program hides it', async () => {
  const { emulator, surface, screen } = setup(10, 3);
  await write(emulator, 'ab\r\ncd');
  screen.draw(surface, emulator.xterm, { visible: true, focused: true });
  assertText(surface, 2, 1, ' ', { foreground: BACKGROUND, background: FOREGROUND });
  assertText(surface, 1, 1, 'd', { foreground: FOREGROUND, background: BACKGROUND });

  const damage = screen.draw(surface, emulator.xterm, { visible: true, focused: false });
  assert.deepEqual(damage, { x: 0, y: font.height, width: 10 * font.width, height: font.height }, 'the cursor\'s row alone');
  const frameCorner = surface.pixels[font.height * surface.width + 2 * font.width];
  const inside = surface.pixels[(font.height + 5) * surface.width + 2 * font.width + 3];
  assert.equal(frameCorner, FOREGROUND);
  assert.equal(inside, BACKGROUND);

  await write(emulator, '\x1b[?25l');
  assert.equal(emulator.cursorVisible, false, 'DECTCEM reset hides it');
  screen.draw(surface, emulator.xterm, { visible: emulator.cursorVisible, focused: true });
  assertText(surface, 2, 1, ' ', { foreground: FOREGROUND, background: BACKGROUND });
  await write(emulator, '\x1b[?25h');
  assert.equal(emulator.cursorVisible, true);
});

test('text screen: only rows that changed are drawn and refreshed', async () => {
  const { emulator, surface, screen } = setup(30, 8);
  await write(emulator, 'one\r\ntwo\r\nthree');
  screen.draw(surface, emulator.xterm, NO_CURSOR);
  assert.equal(screen.draw(surface, emulator.xterm, NO_CURSOR), undefined, 'nothing changed');

  /* Row 5 alone; the pixels of another row, spoiled here, stay as they are: that row is not drawn again. */
  surface.pixels[0] = 0xabcdef;
  await write(emulator, '\x1b[6;3Hsix');
  assert.deepEqual(screen.draw(surface, emulator.xterm, NO_CURSOR), { x: 0, y: 5 * font.height, width: 30 * font.width, height: font.height });
  assertText(surface, 2, 5, 'six', { foreground: FOREGROUND, background: BACKGROUND });
  assert.equal(surface.pixels[0], 0xabcdef);

  /* Two rows apart: one rectangle from the first to the last. */
  await write(emulator, '\x1b[2;1HTWO\x1b[4;1Hfour');
  assert.deepEqual(screen.draw(surface, emulator.xterm, NO_CURSOR), { x: 0, y: font.height, width: 30 * font.width, height: 3 * font.height });

  screen.invalidate();
  assert.deepEqual(screen.draw(surface, emulator.xterm, NO_CURSOR), surface.bounds);
  assert.equal(surface.pixels[0], BACKGROUND, 'a new buffer is drawn whole');
});

test('text screen: scrolled back, the view shows older lines, and no cursor', async () => {
  const { emulator, surface, screen } = setup(12, 4);
  for (let line = 1; line <= 20; line++) await write(emulator, `line ${line}\r\n`);
  screen.draw(surface, emulator.xterm, { visible: true, focused: true });
  assertText(surface, 0, 0, 'line 18', { foreground: FOREGROUND, background: BACKGROUND });
  assert.equal(emulator.atBottom, true);

  emulator.scrollPages(-1);
  assert.equal(emulator.atBottom, false);
  screen.draw(surface, emulator.xterm, { visible: true, focused: true });
  assertText(surface, 0, 0, 'line 15', { foreground: FOREGROUND, background: BACKGROUND });
  assertText(surface, 0, 3, 'line 18', { foreground: FOREGROUND, background: BACKGROUND });

  emulator.scrollToBottom();
  screen.draw(surface, emulator.xterm, { visible: true, focused: true });
  assertText(surface, 0, 2, 'line 20', { foreground: FOREGROUND, background: BACKGROUND });
  assertText(surface, 0, 3, ' ', { foreground: BACKGROUND, background: FOREGROUND });
});

test('text screen: a resize gives xterm the cells the new buffer has room for', async () => {
  assert.deepEqual(cellGrid(font, 805, 483), { columns: 100, rows: 30 });
  assert.deepEqual(cellGrid(font, 3, 3), { columns: 1, rows: 1 }, 'at least one cell');
  const { emulator } = setup(20, 5);
  await write(emulator, 'abc');
  emulator.resize(30, 8);
  assert.equal(emulator.xterm.cols, 30);
  assert.equal(emulator.xterm.rows, 8);
});

test('text screen: xterm\'s answers to queries go back to the program', async () => {
  const { emulator } = setup(20, 5);
  const answers: string[] = [];
  emulator.onResponse((bytes) => answers.push(new TextDecoder().decode(bytes)));
  await write(emulator, 'ab\x1b[6n');
  assert.deepEqual(answers, ['\x1b[1;3R'], 'the cursor position report (DSR 6)');
});

test('color palette: Genode\'s <palette> changes the 16 colours; bad entries are ignored with a warning', () => {
  const warnings: string[] = [];
  const config = parseXml('<config>\n<palette>\n<color index="0" value="#102030"/>\n<color index="9" value="#fff"/>'
    + '\n<color index="16" value="#000000"/>\n<color index="3" value="red"/>\n</palette>\n</config>');
  const configured = ColorPalette.fromConfig(config, (message) => warnings.push(message));
  assert.equal(configured.background, 0x102030);
  assert.equal(configured.color(9), 0xffffff);
  assert.equal(configured.color(3), DEFAULT_PALETTE[3]);
  assert.equal(configured.color(16), 0x000000, 'beyond 15, xterm\'s table');
  assert.equal(configured.color(231), 0xffffff);
  assert.equal(configured.color(244), 0x808080);
  assert.deepEqual(warnings, [
    '<color> at config:5:1 ignored: index must be 0..15, got "16"',
    '<color> at config:6:1 ignored: value must be #rrggbb, got "red"',
  ]);
});
