/*
 * Painting a window's decorations into the decorator's buffer, in the
 * manner of Genode's Motif-like decorator (repos/gems/src/app/decorator/
 * window.cc): raised borders, a title bar with the title in it, the
 * closer as a raised box with a cross, the bottom-right corner as a
 * resize grip. The buffer has the screen's size and coordinates, so each
 * decoration view shows the part of it beneath itself; everything is
 * painted through a clip rectangle, so that a damaged region is repainted
 * window by window, back to front, and nothing outside it changes.
 */

import type { Rect } from 'nido';
import { defaultFont } from '../../lib/gui/font.js';
import { mix, type Surface } from '../../lib/gui/surface.js';
import { BORDER_SIZE, CORNER_SIZE, borderRects, closerRect, outerGeometry, titleBarRect } from './decoration.js';

/** Genode's decorator's default base colour (68, 75, 95). */
export const DEFAULT_BASE_COLOR = 0x444b5f;
const WHITE = 0xffffff;
const BLACK = 0x000000;

export interface DecorationLook {
  readonly content: Rect;
  readonly title: string;
  readonly focused: boolean;
  readonly baseColor: number;
}

/** Paints the decorations of one window (their parts within the surface's clip). */
export function paintDecoration(canvas: Surface, look: DecorationLook): void {
  const base = look.focused ? mix(look.baseColor, WHITE, 56) : look.baseColor;
  const bright = mix(base, WHITE, 96);
  const dark = mix(base, BLACK, 128);
  const outer = outerGeometry(look.content);
  const border = borderRects(look.content);

  for (const r of [border.top, border.left, border.right, border.bottom]) canvas.fill(r, base);
  raisedFrame(canvas, outer, bright, dark);

  /* The corners' inner lines mark the sizers, as Genode's decorator draws them. */
  const corner = CORNER_SIZE;
  const x2 = outer.x + outer.width - 1;
  const y2 = outer.y + outer.height - 1;
  for (const x of [outer.x + corner, x2 - corner]) {
    canvas.fill({ x, y: outer.y, width: 1, height: BORDER_SIZE }, dark);
    canvas.fill({ x, y: y2 - BORDER_SIZE + 1, width: 1, height: BORDER_SIZE }, dark);
  }
  for (const y of [outer.y + corner, y2 - corner]) {
    canvas.fill({ x: outer.x, y, width: BORDER_SIZE, height: 1 }, dark);
    canvas.fill({ x: x2 - BORDER_SIZE + 1, y, width: BORDER_SIZE, height: 1 }, dark);
  }
  /* The resize handle: the bottom-right corner's L, lighter than the rest of the border. */
  const handle = mix(base, WHITE, 72);
  canvas.fill({ x: x2 - corner + 2, y: y2 - BORDER_SIZE + 2, width: corner - 3, height: BORDER_SIZE - 3 }, handle);
  canvas.fill({ x: x2 - BORDER_SIZE + 2, y: y2 - corner + 2, width: BORDER_SIZE - 3, height: corner - 3 }, handle);

  const bar = titleBarRect(look.content);
  const closer = closerRect(look.content);
  canvas.fill(bar, look.focused ? mix(base, WHITE, 24) : base);
  raisedFrame(canvas, bar, bright, dark);

  const font = defaultFont();
  const textArea: Rect = { x: bar.x + 1, y: bar.y + 1, width: closer.x - bar.x - 2, height: bar.height - 2 };
  const textWidth = [...look.title].length * font.width;
  const padding = 4;
  const centred = bar.x + Math.floor((bar.width - textWidth) / 2);
  const x = textWidth + 2 * padding > textArea.width ? textArea.x + padding : Math.max(textArea.x + padding, Math.min(centred, closer.x - padding - textWidth));
  /* Just below the bevel: the rows above the content may lie under nitpicker's frame of the content view. */
  const y = bar.y + 1;
  const text = canvas.clipped(textArea);
  text.text(x + 1, y + 1, look.title, dark, undefined, font);
  text.text(x, y, look.title, WHITE, undefined, font);

  canvas.fill(closer, base);
  raisedFrame(canvas, closer, bright, dark);
  for (let i = 4; i < closer.width - 4; i++) {
    for (const dx of [0, 1]) {
      canvas.fill({ x: closer.x + i + dx - 1, y: closer.y + i, width: 1, height: 1 }, WHITE);
      canvas.fill({ x: closer.x + closer.width - i - dx, y: closer.y + i, width: 1, height: 1 }, WHITE);
    }
  }
}

function raisedFrame(canvas: Surface, r: Rect, bright: number, dark: number): void {
  canvas.fill({ x: r.x, y: r.y, width: r.width, height: 1 }, bright);
  canvas.fill({ x: r.x, y: r.y, width: 1, height: r.height }, bright);
  canvas.fill({ x: r.x, y: r.y + r.height - 1, width: r.width, height: 1 }, dark);
  canvas.fill({ x: r.x + r.width - 1, y: r.y, width: 1, height: r.height }, dark);
}
