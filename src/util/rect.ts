/*
 * Points, areas and rectangles of pixels, as Genode's Point, Area and
 * Rect: the geometry of views, buffers, refreshes and the screen.
 * Rectangles are plain frozen data (they cross RPC boundaries).
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Area {
  readonly width: number;
  readonly height: number;
}

export interface Rect extends Point, Area {}

export function rect(x: number, y: number, width: number, height: number): Rect {
  return { x, y, width, height };
}

export function isEmpty(r: Rect): boolean {
  return r.width <= 0 || r.height <= 0;
}

/** The common part of `a` and `b` (empty if they do not overlap). */
export function intersect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}

/** The smallest rectangle holding both (an empty one counts for nothing). */
export function boundingBox(a: Rect, b: Rect): Rect {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Whether `a` and `b` are the same rectangle. */
export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Whether `a` and `b` are the same size (a mode, a screen). */
export function sameArea(a: Area, b: Area): boolean {
  return a.width === b.width && a.height === b.height;
}

export function contains(r: Rect, point: Point): boolean {
  return point.x >= r.x && point.y >= r.y && point.x < r.x + r.width && point.y < r.y + r.height;
}

export function translate(r: Rect, dx: number, dy: number): Rect {
  return { x: r.x + dx, y: r.y + dy, width: r.width, height: r.height };
}

/** What is left of `r` after cutting `cut` out of it: up to four rectangles that do not overlap. */
export function subtract(r: Rect, cut: Rect): Rect[] {
  const common = intersect(r, cut);
  if (isEmpty(common)) return isEmpty(r) ? [] : [r];
  const pieces: Rect[] = [];
  const right = r.x + r.width;
  const bottom = r.y + r.height;
  if (common.y > r.y) pieces.push({ x: r.x, y: r.y, width: r.width, height: common.y - r.y });
  if (common.y + common.height < bottom) {
    pieces.push({ x: r.x, y: common.y + common.height, width: r.width, height: bottom - common.y - common.height });
  }
  if (common.x > r.x) pieces.push({ x: r.x, y: common.y, width: common.x - r.x, height: common.height });
  if (common.x + common.width < right) {
    pieces.push({ x: common.x + common.width, y: common.y, width: right - common.x - common.width, height: common.height });
  }
  return pieces;
}

/** Largest coordinate a server takes: anything a screen can have, and not more. */
export const MAX_COORDINATE = 1 << 16;

/** Whether `value` is an integer within ±MAX_COORDINATE (a position or offset in pixels). */
export function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_COORDINATE;
}

/** Whether `value` is a rectangle of integers within ±MAX_COORDINATE with a size that is not negative. */
export function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return isCoordinate(x) && isCoordinate(y) && isCoordinate(width) && isCoordinate(height) && width >= 0 && height >= 0;
}

export function formatRect(r: Rect): string {
  return `${r.x},${r.y} ${r.width}x${r.height}`;
}
