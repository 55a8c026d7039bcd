import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAND_BYTES, bands, encodeScreenRect } from './screen_stream.js';
import { SCREEN_HEADER_WORDS, SCREEN_RECT } from './protocol.js';

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

test('encodeScreenRect: the header, then the rectangle\'s rows of the screen; black without pixels', () => {
  const width = 4;
  const pixels = Uint32Array.from({ length: 4 * 3 }, (_, i) => 0x00100000 + i);
  const frame = new Uint32Array(encodeScreenRect(7, { x: 1, y: 1, width: 2, height: 2 }, pixels, width).buffer);
  assert.deepEqual([...frame.subarray(0, SCREEN_HEADER_WORDS)], [SCREEN_RECT, 7, 1, 1, 2, 2]);
  assert.deepEqual([...frame.subarray(SCREEN_HEADER_WORDS)], [0x00100005, 0x00100006, 0x00100009, 0x0010000a]);
  const black = new Uint32Array(encodeScreenRect(8, { x: 0, y: 0, width: 2, height: 1 }, undefined, width).buffer);
  assert.deepEqual([...black.subarray(SCREEN_HEADER_WORDS)], [0, 0]);
});
