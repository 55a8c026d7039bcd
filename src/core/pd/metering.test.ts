/*
 * Metering's brand check of buffers: every typed array made on a buffer
 * asks it, so it must tell ArrayBuffer, SharedArrayBuffer and everything
 * else apart without throwing, and must not be fooled by an object that
 * only looks like a buffer.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bufferByteLength } from './metering.js';

test('bufferByteLength tells buffers by their brand', () => {
  assert.equal(bufferByteLength(new ArrayBuffer(12)), 12);
  assert.equal(bufferByteLength(new SharedArrayBuffer(20)), 20);
  assert.equal(bufferByteLength(new Uint8Array(8)), undefined);
  assert.equal(bufferByteLength(new DataView(new ArrayBuffer(4))), undefined);
  assert.equal(bufferByteLength([1, 2, 3]), undefined);
  assert.equal(bufferByteLength(null), undefined);
  assert.equal(bufferByteLength(7), undefined);
  const forged = Object.create(ArrayBuffer.prototype) as object;
  Object.defineProperty(forged, Symbol.toStringTag, { value: 'SharedArrayBuffer' });
  assert.equal(bufferByteLength(forged), undefined);
});
