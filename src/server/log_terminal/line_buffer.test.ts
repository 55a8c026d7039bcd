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

test('LineBuffer: CRs at the start of a line are dropped, so LF CR is one line end too, also across writes', () => {
  const buffer = new LineBuffer();
  assert.deepEqual(buffer.push(bytes('\r[a] one\n\r[a] two\n')), ['[a] one', '[a] two']);
  assert.deepEqual(buffer.push(bytes('\r')), []);
  assert.deepEqual(buffer.push(bytes('\r[a] three\n\r')), ['[a] three']);
  /* The CR after the last line end is no line of its own. */
  assert.deepEqual(buffer.flush(), []);
  assert.deepEqual(buffer.push(bytes('x\n\r\n\r\rprogress 1\rprogress 2\n')), ['x', '', 'progress 1\rprogress 2']);
});

test('LineBuffer: a CR that starts a write in the middle of a line stays', () => {
  const buffer = new LineBuffer();
  assert.deepEqual(buffer.push(bytes('50%')), []);
  assert.deepEqual(buffer.push(bytes('\r60%\n')), ['50%\r60%']);
});
