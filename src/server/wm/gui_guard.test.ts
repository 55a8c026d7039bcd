import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TITLE_LENGTH, guiViewId } from 'nido';
import { MAX_COMMANDS, checkedAttributes, checkedCommands } from './gui_guard.js';

test('guard: good attributes and commands pass, as plain copies', () => {
  assert.deepEqual(checkedAttributes({ title: 't', rect: { x: 1, y: 2, width: 3, height: 4 }, front: false, parent: 2 }),
    { title: 't', rect: { x: 1, y: 2, width: 3, height: 4 }, front: false, parent: 2 });
  assert.deepEqual(checkedAttributes(undefined), { title: '', rect: undefined, front: true, parent: undefined });
  assert.deepEqual(checkedCommands([
    { op: 'geometry', view: 1, rect: { x: 0, y: 0, width: 10, height: 10 } },
    { op: 'offset', view: 1, x: -5, y: 5 },
    { op: 'front', view: 2, neighbor: 1 },
    { op: 'back', view: 2 },
    { op: 'title', view: 1, title: 'x' },
  ]), [
    { op: 'geometry', view: 1, rect: { x: 0, y: 0, width: 10, height: 10 } },
    { op: 'offset', view: 1, x: -5, y: 5 },
    { op: 'front', view: 2, neighbor: 1 },
    { op: 'back', view: 2 },
    { op: 'title', view: 1, title: 'x' },
  ]);
});

test('guard: malformed input is a TypeError that names what', () => {
  assert.throws(() => checkedAttributes('x'), TypeError);
  assert.throws(() => checkedAttributes({ rect: { x: 0, y: 0, width: -1, height: 1 } }), /rect/);
  assert.throws(() => checkedAttributes({ title: 5 }), /title/);
  assert.throws(() => checkedAttributes({ front: 'yes' }), /front/);
  assert.throws(() => checkedAttributes({ parent: 0 }), /parent/);
  assert.throws(() => checkedCommands({}), /array/);
  assert.throws(() => checkedCommands([null]), /command 0/);
  assert.throws(() => checkedCommands([{ op: 'explode', view: 1 }]), /unknown op/);
  assert.throws(() => checkedCommands([{ op: 'geometry', view: 1, rect: { x: 1e9, y: 0, width: 1, height: 1 } }]), /rect/);
  assert.throws(() => checkedCommands([{ op: 'offset', view: 1, x: 0.5, y: 0 }]), /x must be/);
  assert.throws(() => checkedCommands([{ op: 'title', view: 'one', title: '' }]), /view/);
  assert.throws(() => checkedCommands(new Array(MAX_COMMANDS + 1).fill({ op: 'back', view: 1 })), /exceed/);
  assert.throws(() => guiViewId(1.5, 'x'), TypeError);
});

test('guard: a long title is cut', () => {
  assert.equal([...checkedAttributes({ title: 'ä'.repeat(MAX_TITLE_LENGTH + 10) }).title].length, MAX_TITLE_LENGTH);
});
