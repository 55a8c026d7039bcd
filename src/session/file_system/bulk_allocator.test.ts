import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BULK_ALIGNMENT, BulkAllocator, InvalidBulkRegion } from './bulk_allocator.js';

test('regions are aligned, do not overlap, and merge again when freed in any order', () => {
  const bulk = new BulkAllocator(64 * 1024);
  const regions = [100, 4096, 1, 30_000].map((size) => ({ size, offset: bulk.alloc(size) as number }));
  for (const region of regions) assert.equal(region.offset % BULK_ALIGNMENT, 0);
  const sorted = [...regions].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as { offset: number; size: number };
    assert.ok(previous.offset + previous.size <= (sorted[i] as { offset: number }).offset, 'regions overlap');
  }
  assert.equal(bulk.alloc(64 * 1024), undefined, 'no room for the whole buffer while regions are used');
  for (const index of [2, 0, 3, 1]) bulk.free((regions[index] as { offset: number }).offset);
  assert.ok(bulk.idle);
  assert.equal(bulk.largest, 64 * 1024);
  assert.equal(bulk.alloc(64 * 1024), 0);
});

test('freeing what is not allocated is an error', () => {
  const bulk = new BulkAllocator(4096);
  const offset = bulk.alloc(10) as number;
  bulk.free(offset);
  assert.throws(() => bulk.free(offset), InvalidBulkRegion);
  assert.throws(() => bulk.free(3), InvalidBulkRegion);
});
