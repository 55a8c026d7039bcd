/*
 * A dirty region: the screen rectangles that changed since a capture
 * client last looked. Many small damages (a blinking cursor, a typed
 * character) stay separate; past a few dozen, they merge into their
 * bounding box, which costs more pixels but bounds the bookkeeping.
 */

import { boundingBox, intersect, isEmpty, sameRect, type Rect } from 'nido';

const MAX_RECTS = 32;

export class DirtyRegion {
  #rects: Rect[] = [];

  get empty(): boolean {
    return this.#rects.length === 0;
  }

  add(rect: Rect): void {
    if (isEmpty(rect)) return;
    /* A rect inside one we have adds nothing; one holding ours replaces them. */
    if (this.#rects.some((known) => sameRect(intersect(known, rect), rect))) return;
    this.#rects = this.#rects.filter((known) => !sameRect(intersect(known, rect), known));
    this.#rects.push(rect);
    if (this.#rects.length > MAX_RECTS) {
      this.#rects = [this.#rects.reduce((box, known) => boundingBox(box, known))];
    }
  }

  /** The rectangles, and the region is clean afterwards. */
  take(): Rect[] {
    const rects = this.#rects;
    this.#rects = [];
    return rects;
  }
}
