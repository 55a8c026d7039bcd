import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoSpace, OutOfRam, type Client, type DataspaceHandle, type Pd } from 'nido';
import { BLOCK_SIZE, BlockStore } from './block_store.js';
import { FileData } from './file_data.js';
import { Space } from './space.js';

/* A PD that hands out dataspaces up to `limit` bytes, as core would charge them. */
function fakePd(limit = Infinity): { pd: Client<Pd>; used: () => number } {
  const live = new Map<number, number>();
  let ids = 0;
  const pd = {
    alloc: async (size: number): Promise<DataspaceHandle> => {
      const used = [...live.values()].reduce((a, b) => a + b, 0);
      if (used + size > limit) throw new OutOfRam(`fake PD: ${size} more bytes do not fit`);
      live.set(++ids, size);
      return { id: ids, buffer: new SharedArrayBuffer(size), size };
    },
    free: async (id: number) => { live.delete(id); },
  } as unknown as Client<Pd>;
  return { pd, used: () => [...live.values()].reduce((a, b) => a + b, 0) };
}

function setup(capacity: number, limit = Infinity) {
  const { pd, used } = fakePd(limit);
  const space = new Space();
  space.grant(capacity);
  const store = new BlockStore(pd, { paid: () => space.capacity, warning: (message) => assert.fail(message) });
  return { file: new FileData(store, space), space, store, used };
}

const bytes = (length: number, value: number) => new Uint8Array(length).fill(value);

test('holes read as zeros; writes far beyond the end cost only the blocks written', async () => {
  const { file, space } = setup(1 << 20);
  assert.equal(await file.write(bytes(10, 1), 0, 10 * BLOCK_SIZE + 5, 10), 10);
  assert.equal(file.size, 10 * BLOCK_SIZE + 15);
  assert.equal(space.used, BLOCK_SIZE);
  const back = bytes(file.size, 9);
  assert.equal(file.read(back, 0, 0, back.length), back.length);
  assert.ok(back.subarray(0, 10 * BLOCK_SIZE + 5).every((b) => b === 0));
  assert.ok(back.subarray(10 * BLOCK_SIZE + 5).every((b) => b === 1));
  assert.equal(file.read(back, 0, file.size, 100), 0, 'nothing to read at the end');
});

test('truncation frees blocks and clears the cut tail, so that growth reads zeros; recycled blocks hold no old data', async () => {
  const { file, space } = setup(1 << 20);
  await file.write(bytes(3 * BLOCK_SIZE, 7), 0, 0, 3 * BLOCK_SIZE);
  file.truncate(BLOCK_SIZE + 100);
  assert.equal(space.used, 2 * BLOCK_SIZE);
  file.truncate(3 * BLOCK_SIZE);
  const back = bytes(3 * BLOCK_SIZE, 9);
  file.read(back, 0, 0, back.length);
  assert.ok(back.subarray(0, BLOCK_SIZE + 100).every((b) => b === 7));
  assert.ok(back.subarray(BLOCK_SIZE + 100).every((b) => b === 0), 'the cut tail and the hole read zeros');
  /* A freed block comes back for a partial write: the rest of it must be zeros, not 7s. */
  await file.write(bytes(1, 3), 0, 2 * BLOCK_SIZE + 10, 1);
  file.read(back, 0, 0, back.length);
  assert.ok(back.subarray(2 * BLOCK_SIZE, 2 * BLOCK_SIZE + 10).every((b) => b === 0));
  file.release();
  assert.equal(space.used, 0);
});

test('a write beyond the capacity writes what fits, then NoSpace; space freed is space again', async () => {
  const { file, space } = setup(2 * BLOCK_SIZE);
  assert.equal(await file.write(bytes(3 * BLOCK_SIZE, 1), 0, 0, 3 * BLOCK_SIZE), 2 * BLOCK_SIZE);
  await assert.rejects(async () => file.write(bytes(1, 1), 0, 2 * BLOCK_SIZE, 1), NoSpace);
  assert.equal(await file.write(bytes(100, 2), 0, 100, 100), 100, 'overwriting needs no new blocks');
  file.truncate(0);
  assert.equal(space.used, 0);
  assert.equal(await file.write(bytes(2 * BLOCK_SIZE, 1), 0, 0, 2 * BLOCK_SIZE), 2 * BLOCK_SIZE);
});

test('a PD that cannot pay for another slab is NoSpace, not a crash', async () => {
  const { file, used } = setup(64 << 20, 2 << 20);
  await assert.rejects(async () => file.write(bytes(3 << 20, 1), 0, 0, 3 << 20), NoSpace);
  assert.equal(await file.write(bytes(1 << 20, 1), 0, 0, 1 << 20), 1 << 20);
  assert.equal(await file.write(bytes(1 << 20, 1), 0, 1 << 20, 1 << 20), 1 << 20);
  assert.equal(used(), 2 << 20);
});

test('memory is kept while it is paid for, and goes back to the PD when the capacity shrinks', async () => {
  const { file, space, store, used } = setup(8 << 20);
  const data = bytes(6 << 20, 4);
  assert.equal(await file.write(data, 0, 0, data.length), data.length);
  assert.ok(used() >= 6 << 20 && used() <= 8 << 20, `slabs within what is paid: ${used()}`);
  const back = bytes(data.length, 0);
  file.read(back, 0, 0, back.length);
  assert.deepEqual(back, data);
  file.release();
  assert.equal(used(), store.heldBytes);
  assert.ok(used() >= 6 << 20, 'empty slabs stay while paid for');
  space.revoke(8 << 20);
  await store.trim();
  assert.equal(used(), 0);
});
