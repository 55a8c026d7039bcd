import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BORDER_SIZE, CONTROL_SIZE, CORNER_SIZE, MARGINS, TITLE_HEIGHT,
  borderRects, closerRect, hover, innerGeometry, outerGeometry, titleBarRect,
} from './decoration.js';

const content = { x: 100, y: 50, width: 200, height: 120 };

test('decoration: the outer geometry adds the margins, the inner takes them off again', () => {
  const outer = outerGeometry(content);
  assert.deepEqual(outer, {
    x: 100 - BORDER_SIZE, y: 50 - BORDER_SIZE - TITLE_HEIGHT,
    width: 200 + 2 * BORDER_SIZE, height: 120 + 2 * BORDER_SIZE + TITLE_HEIGHT,
  });
  assert.deepEqual(innerGeometry(outer), content);
});

test('decoration: the four border views cover the outer rectangle but the content, without overlapping', () => {
  const outer = outerGeometry(content);
  const rects = Object.values(borderRects(content));
  const area = rects.reduce((sum, r) => sum + r.width * r.height, 0);
  assert.equal(area, outer.width * outer.height - content.width * content.height);
  for (let y = outer.y; y < outer.y + outer.height; y++) {
    for (let x = outer.x; x < outer.x + outer.width; x++) {
      const inside = (r: { x: number; y: number; width: number; height: number }) =>
        x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height;
      const covering = rects.filter(inside).length + (inside(content) ? 1 : 0);
      assert.equal(covering, 1, `pixel ${x},${y} is covered ${covering} times`);
    }
  }
});

test('decoration: hover names the element under a point as Genode\'s decorator does', () => {
  const outer = outerGeometry(content);
  const right = outer.x + outer.width - 1;
  const bottom = outer.y + outer.height - 1;
  assert.equal(hover(content, { x: 150, y: 100 }), undefined, 'the content is no decoration');
  assert.equal(hover(content, { x: outer.x - 1, y: 100 }), undefined, 'outside');
  assert.equal(hover(content, { x: 150, y: outer.y + BORDER_SIZE + 2 }), 'title');
  assert.equal(hover(content, { x: outer.x, y: outer.y }), 'top_left');
  assert.equal(hover(content, { x: right, y: outer.y + CORNER_SIZE - 1 }), 'top_right');
  assert.equal(hover(content, { x: right, y: bottom }), 'bottom_right');
  assert.equal(hover(content, { x: right - CORNER_SIZE + 1, y: bottom }), 'bottom_right');
  assert.equal(hover(content, { x: right - CORNER_SIZE, y: bottom }), 'bottom');
  assert.equal(hover(content, { x: outer.x + 1, y: bottom - CORNER_SIZE + 1 }), 'bottom_left');
  assert.equal(hover(content, { x: outer.x, y: 100 }), 'left');
  assert.equal(hover(content, { x: right, y: 100 }), 'right');
  assert.equal(hover(content, { x: 150, y: outer.y }), 'top');
  assert.equal(hover(content, { x: 150, y: bottom }), 'bottom');
  const closer = closerRect(content);
  assert.equal(hover(content, { x: closer.x + CONTROL_SIZE / 2, y: closer.y + CONTROL_SIZE / 2 }), 'closer');
  assert.equal(hover(content, { x: closer.x - 1, y: closer.y + 1 }), 'title');
});

test('decoration: the closer lies in the title bar, at its right end', () => {
  const bar = titleBarRect(content);
  const closer = closerRect(content);
  assert.ok(closer.x >= bar.x && closer.x + closer.width <= bar.x + bar.width);
  assert.ok(closer.y >= bar.y && closer.y + closer.height <= bar.y + bar.height);
  assert.ok(bar.x + bar.width - (closer.x + closer.width) <= 2);
  assert.equal(bar.y + bar.height, content.y, 'the title bar ends where the content starts');
  assert.equal(MARGINS.top, BORDER_SIZE + TITLE_HEIGHT);
});
