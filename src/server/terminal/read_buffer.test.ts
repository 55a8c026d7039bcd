import { test } from 'node:test';
import assert from 'node:assert/strict';
import { READ_BUFFER_SIZE, ReadBuffer } from './read_buffer.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

test('read buffer: bytes come out in order, in pieces as the reader asks', () => {
  const buffer = new ReadBuffer();
  assert.equal(buffer.add(bytes('ls /')), 4);
  assert.equal(buffer.add(bytes('\r')), 1);
  assert.equal(buffer.avail, 5);
  assert.equal(text(buffer.read(3)), 'ls ');
  assert.equal(text(buffer.read(100)), '/\r');
  assert.equal(buffer.read(10).length, 0);
});

test('read buffer: what does not fit is dropped, and room comes back as the reader reads (across the ring\'s end)', () => {
  const buffer = new ReadBuffer();
  assert.equal(buffer.add(new Uint8Array(READ_BUFFER_SIZE - 2).fill(0x61)), READ_BUFFER_SIZE - 2);
  assert.equal(buffer.add(bytes('bcd')), 2);
  assert.equal(buffer.read(READ_BUFFER_SIZE - 2).every((byte) => byte === 0x61), true);
  assert.equal(buffer.add(bytes('efg')), 3);
  assert.equal(text(buffer.read(10)), 'bcefg');
});
