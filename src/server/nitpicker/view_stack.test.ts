import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestOwner, domain } from './test_owner.js';
import { View, type ViewOwner } from './view.js';
import { FRAME, ViewStack } from './view_stack.js';

function screen(width = 200, height = 200) {
  return { pixels: new Uint32Array(width * height), width, height, origin: { x: 0, y: 0 } };
}

function view(stack: ViewStack, owner: ViewOwner, rect: { x: number; y: number; width: number; height: number }, parent?: View): View {
  const v = new View(owner, parent);
  v.geometry = rect;
  stack.stack(v, true);
  return v;
}

test('ViewStack: a lower layer stands in front whatever the order of creation; within a layer the newest front-most', () => {
  const stack = new ViewStack();
  stack.screen = { width: 200, height: 200 };
  const panel = new TestOwner('panel', domain('panel', 1));
  const app = new TestOwner('app', domain('app', 2));
  const p = view(stack, panel, { x: 0, y: 0, width: 60, height: 60 });
  const a1 = view(stack, app, { x: 0, y: 0, width: 100, height: 100 });
  const a2 = view(stack, app, { x: 50, y: 50, width: 100, height: 100 });
  assert.equal(stack.viewAt({ x: 55, y: 55 }), p, 'layer 1 in front of layer 2, though created first');
  assert.equal(stack.viewAt({ x: 80, y: 80 }), a2, 'the newest view of a layer is in front');
  stack.stack(a1, true);
  assert.equal(stack.viewAt({ x: 80, y: 80 }), a1, 'front');
  assert.equal(stack.viewAt({ x: 55, y: 55 }), p, 'front within its layer only');
  stack.stack(p, false);
  assert.equal(stack.viewAt({ x: 55, y: 55 }), p, 'back within its layer: still in front of a deeper layer');
  stack.stack(a1, false);
  assert.equal(stack.viewAt({ x: 80, y: 80 }), a2, 'back');
  stack.stack(a2, false, a1);
  assert.equal(stack.viewAt({ x: 80, y: 80 }), a1, 'behind a neighbour');
  stack.stack(a2, true, a1);
  assert.equal(stack.viewAt({ x: 80, y: 80 }), a2, 'in front of a neighbour');
  stack.remove(a2);
  assert.equal(stack.viewAt({ x: 80, y: 80 }), a1);
  assert.equal(stack.viewAt({ x: 120, y: 120 }), undefined);
});

test('ViewStack: a child view is in front of its parent, positioned relative to it and clipped by it', () => {
  const stack = new ViewStack();
  stack.screen = { width: 200, height: 200 };
  const host = new TestOwner('host', domain('d', 2), 100, 100, 0x111111);
  const plugin = new TestOwner('plugin', domain('d', 2), 100, 100, 0x222222);
  const parent = view(stack, host, { x: 50, y: 50, width: 50, height: 50 });
  const child = view(stack, plugin, { x: 10, y: 10, width: 500, height: 500 }, parent);
  assert.deepEqual(stack.screenRect(child), { x: 60, y: 60, width: 500, height: 500 });
  assert.equal(stack.viewAt({ x: 70, y: 70 }), child);
  assert.equal(stack.viewAt({ x: 55, y: 55 }), parent);
  assert.equal(stack.viewAt({ x: 150, y: 150 }), undefined, 'the child does not reach outside its parent');
  const target = screen();
  stack.draw(target, { x: 0, y: 0, width: 200, height: 200 }, 0xabcdef);
  assert.equal(target.pixels[70 * 200 + 70], 0x222222);
  assert.equal(target.pixels[55 * 200 + 55], 0x111111);
  assert.equal(target.pixels[120 * 200 + 120], 0xabcdef, 'outside the parent: background, not the child');
  /* Raising another top-level view over the parent covers the child too. */
  const other = new TestOwner('other', domain('d', 2), 100, 100, 0x333333);
  view(stack, other, { x: 0, y: 0, width: 80, height: 80 });
  assert.equal(stack.viewAt({ x: 70, y: 70 })?.owner, other);
  stack.stack(parent, true);
  assert.equal(stack.viewAt({ x: 70, y: 70 }), child, 'the child moves with its parent in the stack');
});

test('ViewStack: drawing takes each pixel from the front-most view; background elsewhere; offsets scroll the buffer', () => {
  const stack = new ViewStack();
  stack.screen = { width: 200, height: 200 };
  const back = new TestOwner('back', domain('d', 2), 100, 100, 0x0000ff);
  const front = new TestOwner('front', domain('d', 2), 40, 40, 0x00ff00);
  view(stack, back, { x: 0, y: 0, width: 100, height: 100 });
  const f = view(stack, front, { x: 20, y: 20, width: 60, height: 60 });
  const target = screen();
  stack.draw(target, { x: 0, y: 0, width: 200, height: 200 }, 0x777777);
  assert.equal(target.pixels[10 * 200 + 10], 0x0000ff);
  assert.equal(target.pixels[30 * 200 + 30], 0x00ff00);
  assert.equal(target.pixels[70 * 200 + 70], 0, 'the view is larger than its buffer: black there');
  assert.equal(target.pixels[150 * 200 + 150], 0x777777);
  front.pixels[0] = 0xff00ff;
  f.offset = { x: 5, y: 5 };
  stack.draw(target, { x: 0, y: 0, width: 200, height: 200 }, 0x777777);
  assert.equal(target.pixels[25 * 200 + 25], 0xff00ff, 'buffer pixel (0,0) appears at view + offset');
  assert.equal(target.pixels[22 * 200 + 22], 0, 'before the offset: black');
});

test('ViewStack: only the region asked for is drawn', () => {
  const stack = new ViewStack();
  stack.screen = { width: 200, height: 200 };
  view(stack, new TestOwner('a', domain('d', 2), 200, 200, 0x00ff00), { x: 0, y: 0, width: 200, height: 200 });
  const target = screen();
  stack.draw(target, { x: 10, y: 10, width: 5, height: 5 }, 0);
  assert.equal(target.pixels[12 * 200 + 12], 0x00ff00);
  assert.equal(target.pixels[20 * 200 + 20], 0);
});

test('ViewStack: a labelled view gets a frame and its label over its content, which a view in front cannot hide', () => {
  const stack = new ViewStack();
  stack.screen = { width: 300, height: 200 };
  const labelled = domain('x', 2, { label: true, color: 0xff0000 });
  const victim = new TestOwner('bank', labelled, 200, 100, 0x000080);
  const faker = new TestOwner('faker', labelled, 200, 100, 0x008000);
  const v = view(stack, victim, { x: 20, y: 20, width: 200, height: 100 });
  const target = screen(300, 200);
  stack.draw(target, { x: 0, y: 0, width: 300, height: 200 }, 0);
  stack.focused = victim;
  stack.changed();
  stack.draw(target, { x: 0, y: 0, width: 300, height: 200 }, 0);
  assert.equal(target.pixels[(20 - FRAME) * 300 + 100], 0xff0000, 'the frame in the domain colour above the view');
  const labelsBefore = stack.labelRects();
  assert.equal(labelsBefore.length, 1);
  const [label] = labelsBefore;
  assert.ok(label !== undefined && label.y === 20, 'the label at the top of the view');
  /* A view of another client over the label's place: the label moves to where the victim still shows. */
  view(stack, faker, { x: 0, y: 0, width: 300, height: 50 });
  const labels = stack.labelRects();
  const moved = labels.find((r) => r.y >= 50 - 0);
  assert.ok(moved !== undefined, `a label stays on the victim's visible part: ${JSON.stringify(labels)}`);
  stack.draw(target, { x: 0, y: 0, width: 300, height: 200 }, 0);
  const row = [...target.pixels.subarray((moved.y + 8) * 300 + moved.x, (moved.y + 8) * 300 + moved.x + moved.width)];
  assert.ok(row.some((p) => p !== 0x000080), 'label pixels over the victim content');
  assert.equal(stack.viewAt({ x: 100, y: 100 }), v);
});

test('ViewStack: content="tinted" mixes an unfocused client with its domain colour, not the focused one', () => {
  const stack = new ViewStack();
  stack.screen = { width: 100, height: 100 };
  const tinted = domain('t', 2, { tinted: true, color: 0xff0000 });
  const a = new TestOwner('a', tinted, 50, 50, 0x0000ff);
  view(stack, a, { x: 0, y: 0, width: 50, height: 50 });
  const target = screen(100, 100);
  stack.draw(target, { x: 0, y: 0, width: 100, height: 100 }, 0);
  assert.notEqual(target.pixels[10 * 100 + 10], 0x0000ff);
  stack.focused = a;
  stack.draw(target, { x: 0, y: 0, width: 100, height: 100 }, 0);
  assert.equal(target.pixels[10 * 100 + 10], 0x0000ff);
});

test('ViewStack: a domain origin and offsets place views (origin="bottom_right", xpos, ypos)', () => {
  const stack = new ViewStack();
  stack.screen = { width: 200, height: 100 };
  const corner = new TestOwner('corner', domain('c', 1, { origin: 'bottom_right', xpos: -20, ypos: -10 }));
  const v = view(stack, corner, { x: 0, y: 0, width: 20, height: 10 });
  assert.deepEqual(stack.screenRect(v), { x: 180, y: 90, width: 20, height: 10 });
  assert.equal(stack.viewAt({ x: 190, y: 95 }), v);
});
