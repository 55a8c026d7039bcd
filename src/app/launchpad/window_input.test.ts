/* The pointer in the launchpad window: hover, click on release, dragging the title and a launcher's bar. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputEvent } from 'nido';
import type { LaunchpadFigures } from './launchpad.js';
import { WindowInput, type WindowAction } from './window_input.js';
import { entryParts, layoutWindow, type Row } from './window_layout.js';

const MiB = 1024 * 1024;
const figures: LaunchpadFigures = {
  avail: 16 * MiB,
  total: 16 * MiB,
  launchers: [{ name: 'testnit', ram: 512 * 1024 }],
  children: [{ name: 'hello', assigned: MiB, avail: MiB / 2 }],
};
const rows = layoutWindow({ width: 400, height: 300 }, figures);
/* The view is at (100, 50) on the screen: events come in screen coordinates. */
const ORIGIN = { x: 100, y: 50 };

function part(key: string, which: 'name' | 'bar' | 'kill'): { x: number; y: number } {
  const row = rows.find((r: Row) => r.key === key);
  assert.ok(row !== undefined);
  const rect = entryParts(row.rect)[which];
  return { x: ORIGIN.x + rect.x + 4, y: ORIGIN.y + rect.y + 4 };
}

function feed(input: WindowInput, events: InputEvent[]): WindowAction[] {
  return events.flatMap((event) => input.handle(event, rows));
}

const move = (p: { x: number; y: number }): InputEvent => ({ type: 'absolute_motion', x: p.x, y: p.y });
const press: InputEvent = { type: 'press', key: 'BTN_LEFT' };
const release: InputEvent = { type: 'release', key: 'BTN_LEFT' };

test('hovering a launcher\'s name marks it, once; leaving the window unmarks it', () => {
  const input = new WindowInput(ORIGIN);
  const name = part('launcher:testnit', 'name');
  assert.deepEqual(feed(input, [move(name), move({ x: name.x + 1, y: name.y })]), [{ kind: 'hover', target: { kind: 'launch', name: 'testnit' } }]);
  assert.deepEqual(feed(input, [{ type: 'hover_leave' }]), [{ kind: 'hover', target: undefined }]);
});

test('a click on a launcher\'s name starts it; on a child\'s kill icon kills it; both on release', () => {
  const input = new WindowInput(ORIGIN);
  assert.deepEqual(feed(input, [move(part('launcher:testnit', 'name')), press]).filter((a) => a.kind !== 'hover'), []);
  assert.deepEqual(feed(input, [release]), [{ kind: 'launch', name: 'testnit' }]);
  assert.deepEqual(feed(input, [move(part('child:hello', 'kill')), press, release]).filter((a) => a.kind !== 'hover'), [{ kind: 'kill', name: 'hello' }]);
});

test('a press that slides off before the release does nothing; other buttons and keys do nothing', () => {
  const input = new WindowInput(ORIGIN);
  assert.deepEqual(feed(input, [move(part('child:hello', 'kill')), press, move(part('child:hello', 'name')), release])
    .filter((a) => a.kind !== 'hover'), []);
  assert.deepEqual(feed(input, [move(part('launcher:testnit', 'name')), { type: 'press', key: 'BTN_RIGHT' }, { type: 'release', key: 'BTN_RIGHT' },
    { type: 'press', key: 'KEY_ENTER', codepoint: 13 }, { type: 'release', key: 'KEY_ENTER' }]).filter((a) => a.kind !== 'hover'), []);
  /* A press before any motion: the window does not know where the pointer is. */
  assert.deepEqual(feed(new WindowInput(ORIGIN), [press, release]), []);
});

test('dragging the title moves the window by the pointer\'s way; later positions count from there', () => {
  const input = new WindowInput(ORIGIN);
  const grab = { x: ORIGIN.x + 30, y: ORIGIN.y + 5 };
  assert.deepEqual(feed(input, [move(grab), press, move({ x: grab.x + 40, y: grab.y + 7 })]).filter((a) => a.kind === 'move'),
    [{ kind: 'move', x: 140, y: 57 }]);
  feed(input, [release]);
  assert.deepEqual(input.position, { x: 140, y: 57 });
  /* The launcher's name is now 40 pixels further right. */
  const name = part('launcher:testnit', 'name');
  assert.deepEqual(feed(input, [move({ x: name.x + 40, y: name.y + 7 }), press, release]).filter((a) => a.kind !== 'hover'),
    [{ kind: 'launch', name: 'testnit' }]);
});

test('pressing and dragging a launcher\'s bar sets its quota at the pointer, until the release', () => {
  const input = new WindowInput(ORIGIN);
  const bar = part('launcher:testnit', 'bar');
  assert.deepEqual(feed(input, [move(bar), press]).filter((a) => a.kind !== 'hover'),
    [{ kind: 'launcher_quota', name: 'testnit', x: bar.x - ORIGIN.x }]);
  assert.deepEqual(feed(input, [move({ x: bar.x + 50, y: bar.y + 100 })]), [{ kind: 'launcher_quota', name: 'testnit', x: bar.x + 50 - ORIGIN.x }]);
  assert.deepEqual(feed(input, [release, move({ x: bar.x + 60, y: bar.y })]).filter((a) => a.kind === 'launcher_quota'), []);
});
