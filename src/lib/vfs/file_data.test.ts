import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_SIZE, FileData } from './file_data.js';
import { LimitedRamAccount } from './ram_account.js';

test('small files grow by doubling, large ones by the block', () => {
  const account = new LimitedRamAccount(1 << 30);
  const data = new FileData(account);
  data.write(0, new Uint8Array(10));
  assert.equal(data.allocated, 64);
  data.write(10, new Uint8Array(100));
  assert.equal(data.allocated, 128);
  data.write(0, new Uint8Array(BLOCK_SIZE + 1));
  assert.equal(data.allocated, BLOCK_SIZE + 64);
  assert.equal(account.used, data.allocated);
  data.release();
  assert.equal(account.used, 0);
});

test('content survives block boundaries; truncation zeroes what a later extension shows', () => {
  const data = new FileData(new LimitedRamAccount(1 << 30));
  const pattern = new Uint8Array(3 * BLOCK_SIZE + 17).map((_, i) => i % 251);
  assert.equal(data.write(5, pattern), pattern.length);
  const back = new Uint8Array(pattern.length);
  assert.equal(data.read(5, back), pattern.length);
  assert.deepEqual(back, pattern);
  data.truncate(BLOCK_SIZE + 3);
  assert.equal(data.size, BLOCK_SIZE + 3);
  data.truncate(BLOCK_SIZE + 100);
  const tail = new Uint8Array(97);
  data.read(BLOCK_SIZE + 3, tail);
  assert.ok(tail.every((byte) => byte === 0), 'the cut bytes do not come back');
  assert.equal(data.allocated, 2 * BLOCK_SIZE, 'blocks past the end are freed');
});

test('a hole costs nothing', () => {
  const account = new LimitedRamAccount(1 << 30);
  const data = new FileData(account);
  data.write(10 * BLOCK_SIZE, new Uint8Array(1));
  assert.equal(data.size, 10 * BLOCK_SIZE + 1);
  assert.equal(account.used, 64);
  data.truncate(100 * BLOCK_SIZE);
  assert.equal(account.used, 64);
});
