import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DirtyRegion, MAX_RECTS } from './dirty_region.js';

test('DirtyRegion: separate damage stays separate, overlapping damage merges, empty damage is nothing', () => {
  const region = new DirtyRegion();
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
  const region = new DirtyRegion();
  for (let i = 0; i < 1000; i++) region.add({ x: 10, y: 10, width: 64, height: 64 });
  assert.deepEqual(region.rects, [{ x: 10, y: 10, width: 64, height: 64 }]);
  region.take();
  for (let i = 0; i < 100; i++) region.add({ x: i * 20, y: 0, width: 10, height: 10 });
  assert.ok(region.rects.length <= MAX_RECTS);
  const all = region.take();
  const right = Math.max(...all.map((r) => r.x + r.width));
  assert.equal(right, 99 * 20 + 10, 'nothing is lost');
});
