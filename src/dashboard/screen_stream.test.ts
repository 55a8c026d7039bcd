import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAND_BYTES, bands, encodeScreenRect } from './screen_stream.js';
import { SCREEN_HEADER_WORDS, SCREEN_RECT, SCREEN_RUNS } from './protocol.js';

test('bands: a large rectangle in bands of whole rows of at most BAND_BYTES; a small one as it is', () => {
  const screen = { x: 0, y: 0, width: 1280, height: 720 };
  const pieces = bands(screen);
  assert.equal(pieces.reduce((rows, band) => rows + band.height, 0), 720);
  for (const [index, band] of pieces.entries()) {
    assert.equal(band.width * band.height * 4 <= BAND_BYTES, true);
    assert.equal(band.y, index === 0 ? 0 : (pieces[index - 1]?.y ?? 0) + (pieces[index - 1]?.height ?? 0));
  }
  assert.deepEqual(bands({ x: 5, y: 6, width: 64, height: 64 }), [{ x: 5, y: 6, width: 64, height: 64 }]);
  /* A row wider than a band is still one row a band. */
  assert.equal(bands({ x: 0, y: 0, width: 100_000, height: 3 }).length, 3);
});

test('encodeScreenRect: the header, then the rectangle\'s rows of the screen, each pixel where runs would not be smaller', () => {
  const width = 4;
  const pixels = Uint32Array.from({ length: 4 * 3 }, (_, i) => 0x00100000 + i);
  const frame = new Uint32Array(encodeScreenRect(7, { x: 1, y: 1, width: 2, height: 2 }, pixels, width).buffer);
  assert.deepEqual([...frame.subarray(0, SCREEN_HEADER_WORDS)], [SCREEN_RECT, 7, 1, 1, 2, 2]);
  assert.deepEqual([...frame.subarray(SCREEN_HEADER_WORDS)], [0x00100005, 0x00100006, 0x00100009, 0x0010000a]);
});

test('encodeScreenRect: runs of equal pixels (count, pixel), on across rows, where they are smaller; black as one run', () => {
  const width = 8;
  const pixels = new Uint32Array(8 * 4).fill(0x00223344);
  pixels.fill(0x00ff0000, 8 + 6, 8 + 8);
  pixels.fill(0x00ff0000, 16, 16 + 2);
  const frame = new Uint32Array(encodeScreenRect(9, { x: 0, y: 0, width: 8, height: 4 }, pixels, width).buffer);
  assert.deepEqual([...frame.subarray(0, SCREEN_HEADER_WORDS)], [SCREEN_RUNS, 9, 0, 0, 8, 4]);
  assert.deepEqual([...frame.subarray(SCREEN_HEADER_WORDS)], [14, 0x00223344, 4, 0x00ff0000, 14, 0x00223344]);
  const black = new Uint32Array(encodeScreenRect(10, { x: 0, y: 0, width: 640, height: 10 }, undefined, width).buffer);
  assert.deepEqual([...black], [SCREEN_RUNS, 10, 0, 0, 640, 10, 6400, 0]);
});
