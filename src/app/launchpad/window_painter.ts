/*
 * Paints the rows of the launchpad window (window_layout.ts) into its
 * buffer, in the spirit of Genode's scout-styled launchpad: a dark title
 * bar, bold section headings over a rule, names right-aligned in their
 * column, load bars (loadbar.ts), and a kill icon beside each child. A
 * row paints every pixel of its rectangle, so repainting only the rows
 * that changed leaves a correct window.
 */

import { Surface } from '../../lib/gui/surface.js';
import { defaultFont } from '../../lib/gui/font.js';
import { paintLoadbar } from './loadbar.js';
import { entryParts, ICON_SIZE, NAME_WIDTH, PADDING, type Row } from './window_layout.js';

export const COLORS = {
  title: 0x34465a,
  titleHovered: 0x42586f,
  titleText: 0xffffff,
  document: 0xe4e6e8,
  heading: 0x1c2a3a,
  rule: 0xa3abb3,
  name: 0x202020,
  nameHovered: 0x0b3a78,
  nameHighlight: 0xc9d7ea,
  statusBar: 0x4f78a8,
  launcherBar: 0xb24a4a,
  launcherBarHovered: 0xcc5c5c,
  childBar: 0x4f78a8,
  icon: 0xaab0b6,
  iconHovered: 0xc83c3c,
  iconCross: 0xffffff,
} as const;

/* The font's cells: text is placed by them. */
const font = defaultFont();

/** `text` cut to at most `cells` characters. */
function cut(text: string, cells: number): string {
  const chars = [...text];
  return chars.length <= cells ? text : chars.slice(0, cells).join('');
}

/** A cross of two 2-pixel diagonals in a 16x16 square with rounded corners: Genode's kill icon. */
function paintKillIcon(surface: Surface, x: number, y: number, hovered: boolean): void {
  const background = hovered ? COLORS.iconHovered : COLORS.icon;
  surface.fill({ x: x + 1, y, width: ICON_SIZE - 2, height: ICON_SIZE }, background);
  surface.fill({ x, y: y + 1, width: ICON_SIZE, height: ICON_SIZE - 2 }, background);
  for (let i = 4; i < ICON_SIZE - 4; i++) {
    surface.fill({ x: x + i, y: y + i, width: 2, height: 1 }, COLORS.iconCross);
    surface.fill({ x: x + ICON_SIZE - 1 - i - 1, y: y + i, width: 2, height: 1 }, COLORS.iconCross);
  }
}

export function paintRow(surface: Surface, row: Row): void {
  const textY = (height: number) => row.rect.y + Math.floor((height - font.height) / 2);
  switch (row.kind) {
    case 'title': {
      surface.fill(row.rect, row.hovered ? COLORS.titleHovered : COLORS.title);
      const x = row.rect.x + Math.floor((row.rect.width - Surface.textWidth(row.text)) / 2);
      surface.text(x, textY(row.rect.height), row.text, COLORS.titleText);
      return;
    }
    case 'section': {
      surface.fill(row.rect, COLORS.document);
      const y = row.rect.y + row.rect.height - font.height - 6;
      /* One font: bold by drawing twice, a pixel apart. */
      surface.text(row.rect.x + PADDING, y, row.text, COLORS.heading);
      surface.text(row.rect.x + PADDING + 1, y, row.text, COLORS.heading);
      surface.fill({ x: row.rect.x + PADDING, y: row.rect.y + row.rect.height - 3, width: row.rect.width - 2 * PADDING, height: 1 }, COLORS.rule);
      return;
    }
    case 'blank':
      surface.fill(row.rect, COLORS.document);
      return;
    case 'entry': {
      surface.fill(row.rect, COLORS.document);
      const parts = entryParts(row.rect);
      if (row.hovered === 'name') surface.fill(parts.name, COLORS.nameHighlight);
      const name = cut(row.name, Math.floor((NAME_WIDTH - 4) / font.width));
      /* Right-aligned in its column, as Genode's Block::RIGHT. */
      const nameX = parts.name.x + NAME_WIDTH - 2 - Surface.textWidth(name);
      surface.text(nameX, textY(row.rect.height), name, row.hovered === 'name' ? COLORS.nameHovered : COLORS.name);
      const fill = row.role === 'launcher' ? (row.hovered === 'bar' ? COLORS.launcherBarHovered : COLORS.launcherBar)
        : row.role === 'status' ? COLORS.statusBar : COLORS.childBar;
      paintLoadbar(surface, parts.bar, row.value, row.max, row.text, fill);
      if (row.role === 'child') paintKillIcon(surface, parts.kill.x, parts.kill.y, row.hovered === 'kill');
      return;
    }
  }
}

/** Paints `rows` (a layout's, or the changed ones of it). */
export function paintRows(surface: Surface, rows: readonly Row[]): void {
  for (const row of rows) paintRow(surface, row);
}
