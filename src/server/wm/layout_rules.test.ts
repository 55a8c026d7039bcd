import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MARGINS, MIN_CONTENT, outerGeometry } from './decoration.js';
import { CASCADE_ORIGIN, CASCADE_STEP, KEEP_VISIBLE, cascadePlacement, movedPosition, resizedGeometry } from './layout_rules.js';

const screen = { width: 1024, height: 768 };
const area = { width: 300, height: 200 };

test('cascade: each new window lies one step further down and right, its decorations from the origin on', () => {
  const first = cascadePlacement(0, area, screen);
  assert.deepEqual(outerGeometry({ ...first.position, ...area }).x, CASCADE_ORIGIN);
  assert.deepEqual(outerGeometry({ ...first.position, ...area }).y, CASCADE_ORIGIN);
  const second = cascadePlacement(first.next, area, screen);
  assert.deepEqual(second.position, { x: first.position.x + CASCADE_STEP, y: first.position.y + CASCADE_STEP });
  assert.equal(second.next, 2);
});

test('cascade: a window that would reach beyond the screen starts the cascade over', () => {
  const tall = { width: 300, height: 600 };
  let index = 0;
  const positions: { x: number; y: number }[] = [];
  for (let i = 0; i < 8; i++) {
    const placement = cascadePlacement(index, tall, screen);
    positions.push(placement.position);
    index = placement.next;
    const outer = outerGeometry({ ...placement.position, ...tall });
    assert.ok(outer.y + outer.height <= screen.height && outer.x + outer.width <= screen.width, `window ${i} lies on the screen`);
  }
  assert.ok(positions.some((p, i) => i > 0 && p.y === positions[0]?.y), 'the cascade started over');
});

test('cascade: a window larger than the screen goes to the origin', () => {
  const huge = { width: 5000, height: 5000 };
  assert.deepEqual(cascadePlacement(3, huge, screen).position, cascadePlacement(0, huge, screen).position);
});

test('move: the title follows the pointer, and stays reachable', () => {
  const original = { x: 200, y: 100, width: 300, height: 200 };
  assert.deepEqual(movedPosition(original, { x: 30, y: -20 }, screen), { x: 230, y: 80 });
  const up = movedPosition(original, { x: 0, y: -1000 }, screen);
  assert.equal(up.y - MARGINS.top, 0, 'the title bar\'s top stays on the screen');
  const down = movedPosition(original, { x: 0, y: 5000 }, screen);
  assert.equal(down.y, screen.height - 1, 'a row of the content stays on the screen');
  const right = movedPosition(original, { x: 5000, y: 0 }, screen);
  assert.equal(right.x - MARGINS.left, screen.width - KEEP_VISIBLE);
  const left = movedPosition(original, { x: -5000, y: 0 }, screen);
  const outer = outerGeometry({ ...left, width: 300, height: 200 });
  assert.equal(outer.x + outer.width, KEEP_VISIBLE);
});

test('resize: the dragged edges follow the pointer, the others stay', () => {
  const original = { x: 200, y: 100, width: 300, height: 200 };
  assert.deepEqual(resizedGeometry('bottom_right', original, { x: 40, y: 25 }, screen), { x: 200, y: 100, width: 340, height: 225 });
  assert.deepEqual(resizedGeometry('right', original, { x: 40, y: 25 }, screen), { x: 200, y: 100, width: 340, height: 200 });
  assert.deepEqual(resizedGeometry('bottom', original, { x: 40, y: 25 }, screen), { x: 200, y: 100, width: 300, height: 225 });
  assert.deepEqual(resizedGeometry('top_left', original, { x: 40, y: 25 }, screen), { x: 240, y: 125, width: 260, height: 175 });
  assert.deepEqual(resizedGeometry('left', original, { x: -50, y: 0 }, screen), { x: 150, y: 100, width: 350, height: 200 });
  assert.deepEqual(resizedGeometry('top', original, { x: 0, y: -30 }, screen), { x: 200, y: 70, width: 300, height: 230 });
});

test('resize: no smaller than MIN_CONTENT, no larger than the screen; the opposite edge stays put', () => {
  const original = { x: 200, y: 100, width: 300, height: 200 };
  const small = resizedGeometry('bottom_right', original, { x: -1000, y: -1000 }, screen);
  assert.deepEqual(small, { x: 200, y: 100, ...MIN_CONTENT });
  const smallLeft = resizedGeometry('top_left', original, { x: 1000, y: 1000 }, screen);
  assert.equal(smallLeft.x + smallLeft.width, 500);
  assert.equal(smallLeft.y + smallLeft.height, 300);
  assert.deepEqual({ width: smallLeft.width, height: smallLeft.height }, MIN_CONTENT);
  const large = resizedGeometry('bottom_right', original, { x: 5000, y: 5000 }, screen);
  assert.equal(large.width, screen.width - MARGINS.left - MARGINS.right);
  assert.equal(large.height, screen.height - MARGINS.top - MARGINS.bottom);
});

test('resize: the title and the closer do not resize', () => {
  const original = { x: 200, y: 100, width: 300, height: 200 };
  assert.deepEqual(resizedGeometry('title', original, { x: 40, y: 25 }, screen), original);
  assert.deepEqual(resizedGeometry('closer', original, { x: 40, y: 25 }, screen), original);
});
