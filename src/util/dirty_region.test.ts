import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirtyRegion } from './dirty_region.js';

/* The dashboard's screen stream keeps at most this many (src/dashboard/screen_stream.ts). */
const MAX_RECTS = 8;

test('DirtyRegion: separate damage stays separate, overlapping damage merges, empty damage is nothing', () => {
  const region = new DirtyRegion(MAX_RECTS);
  region.add({ x: 0, y: 0, width: 0, height: 10 });
  assert.equal(region.empty, true);
  region.add({ x: 0, y: 0, width: 10, height: 10 });
  region.add({ x: 100, y: 100, width: 10, height: 10 });
  assert.deepEqual(region.rects, [{ x: 0, y: 0, width: 10, height: 10 }, { x: 100, y: 100, width: 10, height: 10 }]);
  region.add({ x: 5, y: 5, width: 10, height: 10 });
  assert.deepEqual(region.rects, [{ x: 100, y: 100, width: 10, height: 10 }, { x: 0, y: 0, width: 15, height: 15 }]);
  /* A box that grows into a third rectangle takes it in too. */
  region.add({ x: 12, y: 12, width: 90, height: 2 });
  assert.deepEqual(region.rects, [{ x: 100, y: 100, width: 10, height: 10 }, { x: 0, y: 0, width: 102, height: 15 }]);
  region.add({ x: 0, y: 10, width: 5, height: 95 });
  assert.deepEqual(region.rects, [{ x: 0, y: 0, width: 110, height: 110 }]);
  assert.deepEqual(region.take(), [{ x: 0, y: 0, width: 110, height: 110 }]);
  assert.equal(region.empty, true);
});

test('DirtyRegion: the same place damaged a thousand times is one rectangle; many places at most MAX_RECTS', () => {
  const region = new DirtyRegion(MAX_RECTS);
  for (let i = 0; i < 1000; i++) region.add({ x: 10, y: 10, width: 64, height: 64 });
  assert.deepEqual(region.rects, [{ x: 10, y: 10, width: 64, height: 64 }]);
  region.take();
  for (let i = 0; i < 100; i++) region.add({ x: i * 20, y: 0, width: 10, height: 10 });
  assert.ok(region.rects.length <= MAX_RECTS);
  const all = region.take();
  const right = Math.max(...all.map((r) => r.x + r.width));
  assert.equal(right, 99 * 20 + 10, 'nothing is lost');
});

/* wm's decorator merges its damage so (src/server/wm/decorator.ts). */
function merged(rects: readonly { x: number; y: number; width: number; height: number }[]) {
  const region = new DirtyRegion();
  for (const rect of rects) region.add(rect);
  return region.take();
}

test('DirtyRegion: overlapping damage merges into one rectangle, apart stays apart', () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };
  const b = { x: 5, y: 5, width: 10, height: 10 };
  const far = { x: 100, y: 100, width: 5, height: 5 };
  const mergedAll = merged([a, b, far]).sort((p, q) => p.x - q.x);
  assert.deepEqual(mergedAll, [{ x: 0, y: 0, width: 15, height: 15 }, far]);
  assert.deepEqual(merged([a, far]), [a, far]);
  assert.deepEqual(merged([]), []);
});

test('DirtyRegion: a merge that reaches a third rectangle takes it in too', () => {
  const left = { x: 0, y: 0, width: 10, height: 10 };
  const right = { x: 20, y: 0, width: 10, height: 10 };
  const bridge = { x: 5, y: 2, width: 20, height: 2 };
  assert.deepEqual(merged([left, right, bridge]), [{ x: 0, y: 0, width: 30, height: 10 }]);
});
