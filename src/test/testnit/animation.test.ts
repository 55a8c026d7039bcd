import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Surface } from '../../lib/gui/surface.js';
import { Animation, MARKER_IDLE, TILE, markerColor, markerRect, tileColor } from './animation.js';

function surface(width: number, height: number): Surface {
  return new Surface(new Uint32Array(width * height), width, height);
}

test('full frames change every pixel but the marker\'s, from one frame to the next', () => {
  const s = surface(200, 100);
  const marker = markerRect(s, 16);
  const animation = new Animation(s, marker);
  animation.marker(0);
  assert.deepEqual(animation.frame('full', 1), s.bounds);
  const before = s.pixels.slice();
  animation.frame('full', 2);
  for (let y = 0; y < s.height; y++) {
    for (let x = 0; x < s.width; x++) {
      const i = y * s.width + x;
      if (x < 16 && y < 16) assert.equal(s.pixels[i], MARKER_IDLE, `marker pixel ${x},${y}`);
    }
  }
  let changed = 0;
  for (let i = 0; i < s.pixels.length; i++) if (s.pixels[i] !== before[i]) changed++;
  assert.equal(changed, s.pixels.length - 16 * 16);
});

test('damage frames refresh one 64x64 tile each, never the marker, and a tile changes each time it comes round', () => {
  const s = surface(1280, 720);
  const animation = new Animation(s, markerRect(s, 64));
  animation.marker(0);
  const tiles = 20 * 11 - 1;
  for (let frame = 0; frame < tiles; frame++) {
    const damage = animation.frame('damage', frame);
    assert.ok(damage !== undefined);
    assert.equal(damage.width * damage.height, TILE * TILE);
    assert.ok(damage.x >= 64 || damage.y >= 64, `frame ${frame} touched the marker`);
  }
  const first = animation.frame('damage', tiles);
  assert.deepEqual(first, { x: 64, y: 0, width: 64, height: 64 });
  assert.equal(s.pixels[64], tileColor(1));
  assert.notEqual(tileColor(1), tileColor(0));
  assert.equal(s.pixels[0], MARKER_IDLE);
});

test('the marker\'s colour counts key presses', () => {
  const s = surface(100, 100);
  const animation = new Animation(s, markerRect(s, 64));
  assert.deepEqual(animation.marker(3), { x: 0, y: 0, width: 64, height: 64 });
  assert.equal(s.pixels[63 * 100 + 63], 0x03ff00);
  assert.equal(markerColor(0), MARKER_IDLE);
  assert.notEqual(markerColor(1), markerColor(2));
  assert.equal(animation.frame('none', 5), undefined);
});
