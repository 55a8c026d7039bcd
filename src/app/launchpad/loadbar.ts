/*
 * A load bar, as Genode's launchpad draws them (loadbar.h): a grey cover
 * the width of the bar, the filled part in proportion to value / maximum,
 * and the figures as white text with a dark shadow, centred on it.
 */

import type { Rect } from 'nido';
import { Surface } from '../../lib/gui/surface.js';

export const BAR_COVER = 0xa9b1b9;
export const BAR_EDGE = 0x7d858d;
export const BAR_TEXT = 0xffffff;
export const BAR_SHADOW = 0x1a1a1a;

/** The width of the filled part of a bar `width` wide for `value` of `max`. */
export function fillWidth(width: number, value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.min(width, Math.round((value * width) / max));
}

/** Where the text of a bar starts: centred, at least 8 pixels in (Genode's txt_x). */
export function textX(bar: Rect, text: string): number {
  return bar.x + Math.max(Math.floor((bar.width - Surface.textWidth(text)) / 2), 8);
}

/** `text` cut to what fits into a bar `width` wide with 8 pixels either side. */
export function fittingText(text: string, width: number): string {
  const cells = Math.max(0, Math.floor((width - 16) / Surface.textWidth(' ')));
  const chars = [...text];
  return chars.length <= cells ? text : chars.slice(0, cells).join('');
}

export function paintLoadbar(surface: Surface, bar: Rect, value: number, max: number, text: string, fill: number): void {
  surface.fill(bar, BAR_COVER);
  surface.fill({ ...bar, width: fillWidth(bar.width, value, max) }, fill);
  surface.frame(bar, BAR_EDGE);
  const shown = fittingText(text, bar.width);
  const x = textX(bar, shown);
  /* The font is 16 pixels high, as the bar: the shadow falls one pixel right of the text. */
  surface.text(x + 1, bar.y + 1, shown, BAR_SHADOW);
  surface.text(x, bar.y, shown, BAR_TEXT);
}
