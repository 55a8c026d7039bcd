import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InputEvent } from 'nido';
import { FocusTracker, type FocusTarget } from './focus_tracker.js';

class Client implements FocusTarget {
  readonly events: string[] = [];
  constructor(readonly name: string) {}
  submit(event: InputEvent): void {
    this.events.push(event.type);
  }
}

test('focus: nitpicker\'s focus on a client\'s session is that client\'s, told once', () => {
  const a = new Client('a');
  const tracker = new FocusTracker(() => undefined);
  tracker.nitpickerFocused(a);
  tracker.nitpickerFocused(a);
  assert.deepEqual(a.events, ['focus_enter']);
  tracker.nitpickerUnfocused(a);
  assert.deepEqual(a.events, ['focus_enter', 'focus_leave']);
});

test('focus: with nitpicker\'s focus on the decorations, the layouter\'s focused window has the keyboard', () => {
  const a = new Client('a');
  const b = new Client('b');
  let layouterFocus: FocusTarget | undefined = a;
  const tracker = new FocusTracker(() => layouterFocus);
  tracker.nitpickerFocused(a);
  /* The user clicks b's title bar: nitpicker focuses the decorator, the layouter b. */
  layouterFocus = b;
  tracker.nitpickerUnfocused(a);
  tracker.nitpickerFocused('decorator');
  assert.deepEqual(a.events, ['focus_enter', 'focus_leave']);
  assert.deepEqual(b.events, ['focus_enter']);
  assert.equal(tracker.current, b);
  /* Then into b's content: nitpicker focuses b's session; b hears nothing new. */
  tracker.nitpickerUnfocused('decorator');
  tracker.nitpickerFocused(b);
  assert.deepEqual(b.events, ['focus_enter', 'focus_leave', 'focus_enter']);
});

test('focus: a client that went away is told nothing more', () => {
  const a = new Client('a');
  const tracker = new FocusTracker(() => undefined);
  tracker.nitpickerFocused(a);
  tracker.forget(a);
  tracker.nitpickerFocused(new Client('b'));
  assert.deepEqual(a.events, ['focus_enter']);
});
