/*
 * The synchronous path's message encoding: values and binary leaves
 * written straight into a slot and read back, a message too large for its
 * slot kept for a larger one, and bytes that are no message refused with
 * an error (a hostile writer controls them) rather than read.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnmarshallableValue } from './errors.js';
import { WireBuffer } from './wire.js';

const OFFSET = 16;

test('a message goes into the slot and comes back out, binary leaves as copies', () => {
  const sab = new SharedArrayBuffer(4096);
  const wire = new WireBuffer(sab, OFFSET);
  const bytes = new Uint8Array([1, 2, 3]);
  const value = { m: 'write', a: [3, bytes, -1, { text: 'grüße ✓', list: [null, true, [bytes]] }] };
  assert.equal(wire.write(value), undefined);
  const read = wire.read();
  assert.deepEqual(read, value);
  const chunk = (read as { a: unknown[] }).a[1] as Uint8Array;
  assert.notEqual(chunk.buffer, sab, 'a binary leaf is copied out of the slot');
  assert.equal(wire.write(undefined), undefined);
  assert.equal(wire.read(), null);
  assert.equal(wire.write(42), undefined);
  assert.equal(wire.read(), 42);
});

test('a message larger than the slot is kept whole for a larger one', () => {
  const small = new WireBuffer(new SharedArrayBuffer(256), OFFSET);
  const value = { text: 'x'.repeat(300), bytes: new Uint8Array(500).fill(7) };
  const overflow = small.write(value);
  assert.ok(overflow !== undefined, 'the slot is too small');
  assert.ok(overflow.size > small.capacity);
  const large = new WireBuffer(new SharedArrayBuffer(OFFSET + overflow.size), OFFSET);
  large.writeEncoded(overflow);
  assert.deepEqual(large.read(), value);
  assert.throws(() => small.writeEncoded(overflow), RangeError);
});

test('values the encoding cannot carry are refused by the writer', () => {
  const wire = new WireBuffer(new SharedArrayBuffer(1024), OFFSET);
  assert.throws(() => wire.write({ $b: 0 }), UnmarshallableValue, 'shaped like a chunk reference');
  assert.throws(() => wire.write([new Uint16Array(2)]), UnmarshallableValue);
});

test('bytes that are no message are refused by the reader', () => {
  const sab = new SharedArrayBuffer(1024);
  const wire = new WireBuffer(sab, OFFSET);
  const view = new DataView(sab);
  view.setUint32(OFFSET, 5000, true);
  assert.throws(() => wire.read(), RangeError, 'a text longer than the slot');
  wire.write({ a: new Uint8Array(4) });
  view.setUint32(OFFSET + 4, 0xffffffff, true);
  assert.throws(() => wire.read(), RangeError, 'more chunks than the slot holds');
  wire.write('text');
  new Uint8Array(sab)[OFFSET + 8] = 0x7b;
  assert.throws(() => wire.read(), SyntaxError);
});
