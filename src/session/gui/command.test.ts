import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guiCommand, viewAttributes } from './command.js';

test('a hostile client\'s malformed attributes and commands are TypeErrors, not the crash of the server that checks them (the loader\'s, wm\'s)', () => {
  assert.throws(() => viewAttributes(null), TypeError);
  assert.throws(() => viewAttributes({ rect: { x: 0, y: 0, width: -1, height: 2 } }), TypeError);
  assert.throws(() => viewAttributes({ parent: 'x' }), TypeError);
  assert.deepEqual(viewAttributes({ title: 't', front: false, extra: 1 }), { title: 't', front: false });
  assert.throws(() => guiCommand({ op: 'geometry', view: 1 }, 'execute: command 0'), /command 0 has no valid rect/);
  assert.throws(() => guiCommand({ op: 'explode', view: 1 }, 'execute: command 2'), /command 2 has an unknown op/);
  assert.throws(() => guiCommand({ op: 'front', view: 1.5 }, 'execute: command 0'), TypeError);
  assert.deepEqual(guiCommand({ op: 'title', view: 4, title: 'x', junk: true }, 'execute: command 0'), { op: 'title', view: 4, title: 'x' });
});
