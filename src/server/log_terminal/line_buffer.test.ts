import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineBuffer, MAX_PENDING } from './line_buffer.js';

const bytes = (text: string) => new TextEncoder().encode(text);

test('LineBuffer: complete lines come out, the rest waits for its end', () => {
  const buffer = new LineBuffer();
  assert.deepEqual(buffer.push(bytes('one\ntw')), ['one']);
  assert.deepEqual(buffer.push(bytes('o\n\nthree')), ['two', '']);
  assert.deepEqual(buffer.flush(), ['three']);
  assert.deepEqual(buffer.flush(), []);
});

test('LineBuffer: CR LF is one line end, also across writes; a lone CR stays', () => {
  const buffer = new LineBuffer();
  assert.deepEqual(buffer.push(bytes('a\r')), []);
  assert.deepEqual(buffer.push(bytes('\nb\rc\r\n')), ['a', 'b\rc']);
});

test('LineBuffer: a UTF-8 sequence split between writes is one character', () => {
  const buffer = new LineBuffer();
  const text = bytes('grüße ✓\n');
  assert.deepEqual(buffer.push(text.subarray(0, 3)), []);
  assert.deepEqual(buffer.push(text.subarray(3, 10)), []);
  assert.deepEqual(buffer.push(text.subarray(10)), ['grüße ✓']);
});

test('LineBuffer: a line that never ends comes out in bounded pieces', () => {
  const buffer = new LineBuffer();
  const lines = buffer.push(bytes('x'.repeat(2 * MAX_PENDING + 5)));
  assert.deepEqual(lines, ['x'.repeat(MAX_PENDING), 'x'.repeat(MAX_PENDING)]);
  assert.deepEqual(buffer.flush(), ['xxxxx']);
});
