import { test } from 'node:test';
import assert from 'node:assert/strict';
import { borderRects, closerRect, outerGeometry, titleBarRect } from './decoration.js';
import { Surface } from '../../lib/gui/surface.js';
import { DEFAULT_BASE_COLOR, paintDecoration } from './painter.js';

const WIDTH = 320;
const HEIGHT = 240;
const SENTINEL = 0x123456;
const content = { x: 40, y: 60, width: 200, height: 100 };

function canvasWith(clip = { x: 0, y: 0, width: WIDTH, height: HEIGHT }): Surface {
  return new Surface(new Uint32Array(WIDTH * HEIGHT).fill(SENTINEL), WIDTH, HEIGHT, clip);
}

function pixel(canvas: Surface, x: number, y: number): number {
  return canvas.pixels[y * WIDTH + x] ?? -1;
}

test('painter: every pixel of the decorations is painted, none of the content or outside', () => {
  const canvas = canvasWith();
  paintDecoration(canvas, { content, title: 'app', focused: false, baseColor: DEFAULT_BASE_COLOR });
  const outer = outerGeometry(content);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const inOuter = x >= outer.x && y >= outer.y && x < outer.x + outer.width && y < outer.y + outer.height;
      const inContent = x >= content.x && y >= content.y && x < content.x + content.width && y < content.y + content.height;
      const painted = pixel(canvas, x, y) !== SENTINEL;
      assert.equal(painted, inOuter && !inContent, `pixel ${x},${y}`);
    }
  }
});

test('painter: the title is written in white into the title bar, the closer has its cross', () => {
  const canvas = canvasWith();
  paintDecoration(canvas, { content, title: 'hello', focused: true, baseColor: DEFAULT_BASE_COLOR });
  const bar = titleBarRect(content);
  const closer = closerRect(content);
  let white = 0;
  for (let y = bar.y; y < bar.y + bar.height; y++) {
    for (let x = bar.x; x < closer.x; x++) if (pixel(canvas, x, y) === 0xffffff) white++;
  }
  assert.ok(white > 20, `the title has ${white} white pixels`);
  assert.equal(pixel(canvas, closer.x + 8, closer.y + 8), 0xffffff, 'the cross meets in the closer\'s middle');
});

test('painter: focused and unfocused windows differ in colour', () => {
  const focused = canvasWith();
  const unfocused = canvasWith();
  paintDecoration(focused, { content, title: 'a', focused: true, baseColor: DEFAULT_BASE_COLOR });
  paintDecoration(unfocused, { content, title: 'a', focused: false, baseColor: DEFAULT_BASE_COLOR });
  const left = borderRects(content).left;
  assert.notEqual(pixel(focused, left.x + 2, left.y + 30), pixel(unfocused, left.x + 2, left.y + 30));
});

test('painter: nothing outside the clip changes', () => {
  const clip = { x: 30, y: 30, width: 50, height: 50 };
  const canvas = canvasWith(clip);
  paintDecoration(canvas, { content, title: 'a long title that reaches far', focused: false, baseColor: 0x884422 });
  let inside = 0;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const inClip = x >= clip.x && y >= clip.y && x < clip.x + clip.width && y < clip.y + clip.height;
      if (!inClip) assert.equal(pixel(canvas, x, y), SENTINEL, `pixel ${x},${y} outside the clip`);
      else if (pixel(canvas, x, y) !== SENTINEL) inside++;
    }
  }
  assert.ok(inside > 0, 'the part within the clip is painted');
});

test('painter: a window partly off the canvas paints what lies on it', () => {
  const canvas = canvasWith();
  paintDecoration(canvas, { content: { x: -50, y: -10, width: 100, height: 80 }, title: 'off', focused: false, baseColor: DEFAULT_BASE_COLOR });
  assert.notEqual(pixel(canvas, 50, 20), SENTINEL, 'the right border is painted');
});
