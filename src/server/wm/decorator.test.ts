import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeOverlapping } from './decorator.js';

test('decorator: overlapping damage merges into one rectangle, apart stays apart', () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };
  const b = { x: 5, y: 5, width: 10, height: 10 };
  const far = { x: 100, y: 100, width: 5, height: 5 };
  const merged = mergeOverlapping([a, b, far]).sort((p, q) => p.x - q.x);
  assert.deepEqual(merged, [{ x: 0, y: 0, width: 15, height: 15 }, far]);
  assert.deepEqual(mergeOverlapping([a, far]), [a, far]);
  assert.deepEqual(mergeOverlapping([]), []);
});

test('decorator: a merge that reaches a third rectangle takes it in too', () => {
  const left = { x: 0, y: 0, width: 10, height: 10 };
  const right = { x: 20, y: 0, width: 10, height: 10 };
  const bridge = { x: 5, y: 2, width: 20, height: 2 };
  assert.deepEqual(mergeOverlapping([left, right, bridge]), [{ x: 0, y: 0, width: 30, height: 10 }]);
});
