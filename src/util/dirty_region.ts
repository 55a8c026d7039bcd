/*
 * A dirty region: the rectangles of a screen that changed and are still
 * to be repainted or sent, kept as a few rectangles that do not overlap.
 * Damage that overlaps what is dirty merges with it (their bounding box,
 * which may then reach and take in more); beyond `maxRects` the region
 * becomes one bounding box. However often a place is damaged, it is one
 * rectangle: who takes the region gets the places that changed, never a
 * queue of every change. The dashboard's screen stream and wm's decorator
 * keep their damage so.
 *
 *   const region = new DirtyRegion(8);
 *   region.add({ x: 0, y: 0, width: 10, height: 10 });
 *   region.add({ x: 5, y: 5, width: 10, height: 10 });
 *   region.take(); // [{ x: 0, y: 0, width: 15, height: 15 }]
 */

import { boundingBox, intersect, isEmpty, type Rect } from './rect.js';

export class DirtyRegion {
  #rects: Rect[] = [];

  /** `maxRects`: rectangles kept apart at most (default: no bound). */
  constructor(readonly maxRects = Number.POSITIVE_INFINITY) {}

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
    if (this.#rects.length > this.maxRects) this.#rects = [this.#rects.reduce(boundingBox)];
  }

  /** The rectangles, and the region is clean. */
  take(): Rect[] {
    const rects = this.#rects;
    this.#rects = [];
    return rects;
  }
}
