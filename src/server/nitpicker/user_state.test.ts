import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputEvent } from 'nido';
import { View } from './view.js';
import { ViewStack } from './view_stack.js';
import { UserState } from './user_state.js';
import { TestOwner, domain } from './test_owner.js';
import type { GlobalKey } from './global_keys.js';

function setup(globalKeys: GlobalKey[] = []) {
  const stack = new ViewStack();
  stack.screen = { width: 400, height: 200 };
  const owners: TestOwner[] = [];
  const user = new UserState((p) => stack.viewAt(p), () => stack.screen, () => owners, () => globalKeys);
  const add = (label: string, x: number, d = domain('apps', 2)) => {
    const owner = new TestOwner(label, d);
    owners.push(owner);
    const v = new View(owner, undefined);
    v.geometry = { x, y: 0, width: 100, height: 100 };
    stack.stack(v, true);
    return owner;
  };
  const click = (x: number, y: number): InputEvent[] => [
    { type: 'absolute_motion', x, y }, { type: 'press', key: 'BTN_LEFT' }, { type: 'release', key: 'BTN_LEFT' },
  ];
  const type = (key: string, codepoint: number): InputEvent[] => [{ type: 'press', key, codepoint }, { type: 'release', key }];
  return { stack, user, add, click, type, owners };
}

const keys = (owner: TestOwner) => owner.events.filter((e) => e.type === 'press' || e.type === 'release');

test('UserState: a click focuses; typed keys reach only the focused client', () => {
  const { user, add, click, type } = setup();
  const a = add('a', 0);
  const b = add('b', 200);
  user.handle(click(50, 50));
  assert.equal(user.focused, a);
  assert.ok(a.events.some((e) => e.type === 'focus_enter'));
  b.events.length = 0;
  user.handle(type('KEY_X', 0x78));
  assert.deepEqual(keys(a).slice(-2), [{ type: 'press', key: 'KEY_X', codepoint: 0x78 }, { type: 'release', key: 'KEY_X' }]);
  assert.deepEqual(keys(b), [], 'the other client records nothing');
  user.handle(click(250, 50));
  assert.equal(user.focused, b);
  assert.ok(a.events.some((e) => e.type === 'focus_leave'));
  a.events.length = 0;
  user.handle(type('KEY_Y', 0x79));
  assert.deepEqual(keys(a), []);
  assert.equal(keys(b).filter((e) => e.type === 'press' && e.key === 'KEY_Y').length, 1);
});

test('UserState: motion goes to the focused client only, unless the hovered one\'s domain says hover="always"', () => {
  const { user, add, click } = setup();
  const a = add('a', 0);
  const decorator = add('decorator', 200, domain('deco', 1, { hoverAlways: true, focus: 'none' }));
  const b = add('b', 300);
  user.handle(click(50, 50));
  b.events.length = 0;
  user.handle([{ type: 'absolute_motion', x: 350, y: 50 }]);
  assert.equal(b.events.filter((e) => e.type === 'absolute_motion').length, 1, 'the hover change itself tells the new client where the pointer is');
  user.handle([{ type: 'absolute_motion', x: 351, y: 51 }]);
  assert.equal(b.events.filter((e) => e.type === 'absolute_motion').length, 1, 'but no further motion while unfocused');
  user.handle([{ type: 'absolute_motion', x: 250, y: 50 }, { type: 'absolute_motion', x: 251, y: 50 }]);
  const motion = decorator.events.filter((e) => e.type === 'absolute_motion');
  assert.ok(motion.length >= 2, 'hover="always": motion while unfocused');
});

test('UserState: focus="none" never takes focus, and its clicks do not reach the focused client', () => {
  const { user, add, click } = setup();
  const a = add('a', 0);
  const panel = add('panel', 200, domain('panel', 1, { focus: 'none' }));
  user.handle(click(50, 50));
  a.events.length = 0;
  user.handle(click(250, 50));
  assert.equal(user.focused, a);
  assert.deepEqual(keys(a), []);
  assert.deepEqual(keys(panel), []);
});

test('UserState: focus="transient" holds the focus while the button is held, then gives it back', () => {
  const { user, add, click } = setup();
  const a = add('a', 0);
  const menu = add('menu', 200, domain('menu', 1, { focus: 'transient' }));
  user.handle(click(50, 50));
  user.handle([{ type: 'absolute_motion', x: 250, y: 50 }, { type: 'press', key: 'BTN_LEFT' }]);
  assert.equal(user.focused, menu);
  user.handle([{ type: 'release', key: 'BTN_LEFT' }]);
  assert.equal(user.focused, a);
});

test('UserState: a global key sequence goes to its configured client, whoever is focused', () => {
  const { user, add, click, type } = setup([{ key: 'KEY_F12', label: 'launchpad' }]);
  const a = add('a', 0);
  const launchpad = add('launchpad', 200);
  user.handle(click(50, 50));
  user.handle([{ type: 'press', key: 'KEY_F12' }, { type: 'press', key: 'KEY_A', codepoint: 0x61 }, { type: 'release', key: 'KEY_A' }, { type: 'release', key: 'KEY_F12' }]);
  assert.equal(keys(launchpad).length, 4, 'the whole sequence');
  assert.equal(keys(a).filter((e) => e.type === 'press' && e.key !== 'BTN_LEFT').length, 0);
  user.handle(type('KEY_B', 0x62));
  assert.equal(keys(a).filter((e) => e.type === 'press' && e.key === 'KEY_B').length, 1, 'after the sequence, keys go to the focus again');
});

test('UserState: dragging keeps the events with the client the press went to', () => {
  const { user, add } = setup();
  const a = add('a', 0);
  const b = add('b', 200);
  user.handle([{ type: 'absolute_motion', x: 50, y: 50 }, { type: 'press', key: 'BTN_LEFT' }]);
  b.events.length = 0;
  user.handle([{ type: 'absolute_motion', x: 250, y: 50 }]);
  assert.ok(a.events.some((e) => e.type === 'absolute_motion' && e.x === 250));
  assert.deepEqual(b.events.filter((e) => e.type === 'absolute_motion'), []);
  user.handle([{ type: 'release', key: 'BTN_LEFT' }]);
  assert.ok(a.events.some((e) => e.type === 'release'));
  assert.equal(user.hovered, b);
});

test('UserState: a closed client is forgotten; the focus is nobody\'s', () => {
  const { user, add, click, stack } = setup();
  const a = add('a', 0);
  user.handle(click(50, 50));
  a.alive = false;
  for (const v of [stack.viewAt({ x: 50, y: 50 })]) if (v !== undefined) stack.remove(v);
  const forgotten = user.forget(a);
  assert.equal(forgotten.focus, true);
  assert.equal(user.focused, undefined);
  assert.equal(user.hovered, undefined);
});
