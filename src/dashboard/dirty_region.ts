/*
 * The part of the screen a page has not been sent yet: a few rectangles
 * that do not overlap. Damage that overlaps what is already dirty merges
 * with it (their bounding box); beyond MAX_RECTS the region becomes one
 * bounding box. However much a client refreshes while a page is slow, the
 * region stays this small: a slow page gets the newest pixels of the
 * places that changed, never a queue of every refresh.
 */

import { boundingBox, intersect, isEmpty, type Rect } from '../util/rect.js';

export const MAX_RECTS = 8;

export class DirtyRegion {
  #rects: Rect[] = [];

  get empty(): boolean {
    return this.#rects.length === 0;
  }

  /** The rectangles, none overlapping another. */
  get rects(): readonly Rect[] {
    return this.#rects;
  }

  add(damage: Rect): void {
    if (isEmpty(damage)) return;
    let merged = damage;
    for (let overlapping = true; overlapping;) {
      overlapping = false;
      for (let index = 0; index < this.#rects.length; index++) {
        const rect = this.#rects[index] as Rect;
        if (isEmpty(intersect(rect, merged))) continue;
        merged = boundingBox(rect, merged);
        this.#rects.splice(index, 1);
        /* The bigger box may now overlap one it did not before. */
        overlapping = true;
        break;
      }
    }
    this.#rects.push(merged);
    if (this.#rects.length > MAX_RECTS) this.#rects = [this.#rects.reduce(boundingBox)];
  }

  /** The rectangles, and the region is clean. */
  take(): Rect[] {
    const rects = this.#rects;
    this.#rects = [];
    return rects;
  }
}
