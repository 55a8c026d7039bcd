/*
 * The layouter's arithmetic (Genode's window_layouter/window.h): where a
 * new window goes (a cascade from the screen's top left), where a window
 * goes while its title is dragged, and which size a drag of a sizer asks
 * the client for. All rectangles are the content's, in screen coordinates;
 * the decorations lie around them (decoration.ts).
 */

import type { Area, Point, Rect } from 'nido';
import { MARGINS, MIN_CONTENT, outerGeometry, type Element } from './decoration.js';

/** Where the first window's outer top-left corner goes, and how far each next one is shifted. */
export const CASCADE_ORIGIN = 16;
export const CASCADE_STEP = MARGINS.top + 8;

/** How much of a window's title bar stays on the screen however it is dragged. */
export const KEEP_VISIBLE = 32;

/**
 * The content position of the `index`th window of a cascade, its content
 * of `area`: each one shifted down and right by CASCADE_STEP; when a window
 * would reach beyond the screen, the cascade starts over at the origin.
 * Answers the position and the index the next window takes.
 */
export function cascadePlacement(index: number, area: Area, screen: Area): { position: Point; next: number } {
  const fits = (i: number) => {
    /* Before the screen has a size, the cascade goes on. */
    if (screen.width === 0 || screen.height === 0) return true;
    const outer = outerAt(i, area);
    return outer.x + outer.width <= screen.width && outer.y + outer.height <= screen.height;
  };
  const at = index > 0 && !fits(index) ? 0 : index;
  const outer = outerAt(at, area);
  return { position: { x: outer.x + MARGINS.left, y: outer.y + MARGINS.top }, next: at + 1 };
}

function outerAt(index: number, area: Area): Rect {
  const offset = CASCADE_ORIGIN + index * CASCADE_STEP;
  return outerGeometry({ x: offset + MARGINS.left, y: offset + MARGINS.top, width: area.width, height: area.height });
}

/**
 * The content's position after its title was dragged by `offset` from
 * `original`: moved, but the title bar stays reachable (its top within the
 * screen's height with a row of the content below it, KEEP_VISIBLE pixels
 * of it within its width).
 */
export function movedPosition(original: Rect, offset: Point, screen: Area): Point {
  const outer = outerGeometry(original);
  const x = clamp(outer.x + offset.x, KEEP_VISIBLE - outer.width, screen.width - KEEP_VISIBLE);
  /* nitpicker refuses a view entirely off the screen: a row of the content stays on it. */
  const y = clamp(outer.y + offset.y, 0, Math.max(0, screen.height - MARGINS.top - 1));
  return { x: x + MARGINS.left, y: y + MARGINS.top };
}

/**
 * The content's rectangle after the sizer `element` was dragged by
 * `offset` from `original` (Genode's _apply_drag_operation): the dragged
 * edges follow the pointer, the others stay; the content is no smaller
 * than MIN_CONTENT and, with its decorations, no larger than the screen.
 */
export function resizedGeometry(element: Element, original: Rect, offset: Point, screen: Area): Rect {
  const edges = sizerEdges(element);
  const maxWidth = Math.max(MIN_CONTENT.width, screen.width - MARGINS.left - MARGINS.right);
  const maxHeight = Math.max(MIN_CONTENT.height, screen.height - MARGINS.top - MARGINS.bottom);
  let x1 = original.x;
  let y1 = original.y;
  let x2 = original.x + original.width;
  let y2 = original.y + original.height;
  if (edges.left) x1 = clamp(x1 + offset.x, x2 - maxWidth, x2 - MIN_CONTENT.width);
  if (edges.right) x2 = clamp(x2 + offset.x, x1 + MIN_CONTENT.width, x1 + maxWidth);
  if (edges.top) y1 = clamp(y1 + offset.y, y2 - maxHeight, y2 - MIN_CONTENT.height);
  if (edges.bottom) y2 = clamp(y2 + offset.y, y1 + MIN_CONTENT.height, y1 + maxHeight);
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

interface Edges {
  readonly left: boolean;
  readonly right: boolean;
  readonly top: boolean;
  readonly bottom: boolean;
}

function sizerEdges(element: Element): Edges {
  return {
    left: element === 'left' || element === 'top_left' || element === 'bottom_left',
    right: element === 'right' || element === 'top_right' || element === 'bottom_right',
    top: element === 'top' || element === 'top_left' || element === 'top_right',
    bottom: element === 'bottom' || element === 'bottom_left' || element === 'bottom_right',
  };
}

function clamp(value: number, lowest: number, highest: number): number {
  return Math.min(Math.max(value, lowest), Math.max(lowest, highest));
}
