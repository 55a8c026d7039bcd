/*
 * The geometry of a window's decorations, as Genode's decorator has it
 * (repos/gems/src/app/decorator/window.h): a border of BORDER_SIZE pixels
 * around the content, a title bar of TITLE_HEIGHT above it, the closer at
 * the title bar's right end, and sizers along the border whose corners
 * (CORNER_SIZE long) resize both ways. The decorations are four views
 * around the content view (`borderRects`), and `hover` says which element
 * of a window lies under a point, with Genode's element names.
 */

import { contains, type Area, type Point, type Rect } from 'nido';

export const BORDER_SIZE = 4;
/*
 * Genode's is 16 for its 11-pixel font. Terminus 8x16 needs 16 rows and
 * a row of bevel above; nitpicker's X-ray frame (2 pixels around a view
 * of a labelled domain) covers the rows just above the content.
 */
export const TITLE_HEIGHT = 20;
export const CORNER_SIZE = 16;
/** The closer's square, at the right end of the title bar. */
export const CONTROL_SIZE = 16;

/** How far the decorations reach beyond the content on each side (Genode's decorator margins). */
export interface Margins {
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
}

export const MARGINS: Margins = Object.freeze({
  top: BORDER_SIZE + TITLE_HEIGHT, left: BORDER_SIZE, right: BORDER_SIZE, bottom: BORDER_SIZE,
});

/** Smallest content a resize leaves: room for the title bar's closer and a little of the title. */
export const MIN_CONTENT: Area = Object.freeze({ width: 2 * CORNER_SIZE + CONTROL_SIZE, height: CORNER_SIZE });

/** The elements of a window a pointer can be over (Genode's window-layouter names). */
export type Element =
  | 'title' | 'closer'
  | 'left' | 'right' | 'top' | 'bottom'
  | 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right';

/** The window's rectangle with decorations, from its content's. */
export function outerGeometry(content: Rect): Rect {
  return {
    x: content.x - MARGINS.left,
    y: content.y - MARGINS.top,
    width: content.width + MARGINS.left + MARGINS.right,
    height: content.height + MARGINS.top + MARGINS.bottom,
  };
}

/** The content's rectangle, from the window's with decorations. */
export function innerGeometry(outer: Rect): Rect {
  return {
    x: outer.x + MARGINS.left,
    y: outer.y + MARGINS.top,
    width: Math.max(0, outer.width - MARGINS.left - MARGINS.right),
    height: Math.max(0, outer.height - MARGINS.top - MARGINS.bottom),
  };
}

export interface BorderRects {
  /** The whole width, title bar included. */
  readonly top: Rect;
  readonly left: Rect;
  readonly right: Rect;
  /** The whole width. */
  readonly bottom: Rect;
}

/** The four decoration views around `content` (Genode's outer.cut(inner)). */
export function borderRects(content: Rect): BorderRects {
  const outer = outerGeometry(content);
  return {
    top: { x: outer.x, y: outer.y, width: outer.width, height: MARGINS.top },
    left: { x: outer.x, y: content.y, width: MARGINS.left, height: content.height },
    right: { x: content.x + content.width, y: content.y, width: MARGINS.right, height: content.height },
    bottom: { x: outer.x, y: content.y + content.height, width: outer.width, height: MARGINS.bottom },
  };
}

/** The title bar between the borders (closer included). */
export function titleBarRect(content: Rect): Rect {
  const outer = outerGeometry(content);
  return { x: outer.x + BORDER_SIZE, y: outer.y + BORDER_SIZE, width: outer.width - 2 * BORDER_SIZE, height: TITLE_HEIGHT };
}

/** The closer's square, at the title bar's right end, centred in its height. */
export function closerRect(content: Rect): Rect {
  const bar = titleBarRect(content);
  return {
    x: bar.x + bar.width - CONTROL_SIZE - 1,
    y: bar.y + Math.floor((TITLE_HEIGHT - CONTROL_SIZE) / 2),
    width: CONTROL_SIZE,
    height: CONTROL_SIZE,
  };
}

/**
 * The element of the window with `content` under `point`, or undefined
 * if the point is not on its decorations (Genode's Window::hover): on the
 * border a sizer, the corners CORNER_SIZE long; inside, the title bar's
 * closer or title.
 */
export function hover(content: Rect, point: Point): Element | undefined {
  const outer = outerGeometry(content);
  if (!contains(outer, point) || contains(content, point)) return undefined;
  const x = point.x - outer.x;
  const y = point.y - outer.y;
  const atBorder = x < BORDER_SIZE || x >= outer.width - BORDER_SIZE || y < BORDER_SIZE || y >= outer.height - BORDER_SIZE;
  if (atBorder) {
    const left = x < CORNER_SIZE;
    const right = x >= outer.width - CORNER_SIZE;
    const top = y < CORNER_SIZE;
    const bottom = y >= outer.height - CORNER_SIZE;
    if (top && left) return 'top_left';
    if (top && right) return 'top_right';
    if (bottom && left) return 'bottom_left';
    if (bottom && right) return 'bottom_right';
    if (left) return 'left';
    if (right) return 'right';
    return top ? 'top' : 'bottom';
  }
  if (contains(closerRect(content), point)) return 'closer';
  return 'title';
}

/** Whether dragging `element` resizes (rather than moves or closes). */
export function isSizer(element: Element): boolean {
  return element !== 'title' && element !== 'closer';
}
