import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceDenied, type Rect } from 'nido';
import { SessionViews } from './session_views.js';

const PARENT = 1;
const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });

test('a top-level view of the subsystem becomes a child of the client\'s view; a nested one stays where it is', () => {
  const views = new SessionViews({ parent: PARENT });
  assert.deepEqual(views.nested({ title: 'clock' }), { attributes: { title: 'clock', parent: PARENT }, topLevel: true });
  assert.deepEqual(views.nested({ parent: PARENT }), { attributes: { parent: PARENT }, topLevel: true });
  assert.deepEqual(views.nested({ parent: 7 }), { attributes: { parent: 7 }, topLevel: false });
  /* Without a client's view (no parentView), nothing nests. */
  const plain = new SessionViews({ parent: undefined });
  assert.deepEqual(plain.nested({ title: 'x' }), { attributes: { title: 'x' }, topLevel: true });
});

test('the client\'s view is not the subsystem\'s: no command, destroy or capability of it, not even as a neighbor', () => {
  const views = new SessionViews({ parent: PARENT });
  assert.throws(() => views.translate({ op: 'geometry', view: PARENT, rect: rect(0, 0, 4000, 4000) }), ServiceDenied);
  assert.throws(() => views.translate({ op: 'front', view: PARENT }), ServiceDenied);
  assert.throws(() => views.translate({ op: 'back', view: 3, neighbor: PARENT }), ServiceDenied);
  assert.throws(() => views.translate({ op: 'title', view: PARENT, title: 'mine now' }), ServiceDenied);
  assert.throws(() => views.destroy(PARENT), ServiceDenied);
  assert.throws(() => views.capability(PARENT), ServiceDenied);
  assert.deepEqual(views.translate({ op: 'front', view: 3 }), [{ op: 'front', view: 3 }]);
});

test('a subsystem cannot make a view the background: the command is dropped', () => {
  const views = new SessionViews({ parent: PARENT });
  assert.deepEqual(views.translate({ op: 'background', view: 3 }), []);
});

test('geometry of a top-level view is reported; after the client placed the view, the subsystem\'s geometry only tells its size', () => {
  const seen: [number, Rect][] = [];
  const views = new SessionViews({ parent: PARENT, geometry: (view, r) => seen.push([view, r]) });
  views.created(2, true, undefined);
  views.created(5, false, rect(0, 0, 10, 10));
  assert.deepEqual(seen, []);
  const big = rect(-40, -40, 800, 600);
  assert.deepEqual(views.translate({ op: 'geometry', view: 2, rect: big }), [{ op: 'geometry', view: 2, rect: big }]);
  assert.deepEqual(seen, [[2, big]]);
  assert.deepEqual(views.geometry(2), big);
  /* A nested view's geometry passes, and is not the view's. */
  assert.deepEqual(views.translate({ op: 'geometry', view: 5, rect: rect(1, 1, 2, 2) }), [{ op: 'geometry', view: 5, rect: rect(1, 1, 2, 2) }]);
  assert.equal(views.geometry(5), undefined);

  views.translate({ op: 'offset', view: 2, x: -3, y: -4 });
  const placed = views.place(2, { rect: rect(0, 0, 300, 200), offset: { x: 10, y: 20 } });
  assert.deepEqual(placed, [
    { op: 'geometry', view: 2, rect: rect(0, 0, 300, 200) },
    { op: 'offset', view: 2, x: 7, y: 16 },
  ]);
  assert.deepEqual(views.translate({ op: 'geometry', view: 2, rect: rect(5, 5, 50, 50) }), []);
  assert.deepEqual(views.geometry(2), rect(5, 5, 50, 50));
  assert.deepEqual(views.translate({ op: 'offset', view: 2, x: 1, y: 1 }), [{ op: 'offset', view: 2, x: 11, y: 21 }]);

  views.destroy(2);
  assert.equal(views.topLevel(2), false);
  assert.deepEqual(views.place(2, { rect: rect(0, 0, 1, 1), offset: { x: 0, y: 0 } }), []);
});
