/*
 * Input events as Genode's Input::Event has them: press and release of a
 * key or button (a press may carry the character it produces, Genode's
 * Press_char), absolute and relative motion, wheel, focus and hover
 * changes, touch. Keys are named with Genode's Input::Keycode names
 * (`KEY_A`, `KEY_ENTER`, `BTN_LEFT`; keycodes.ts).
 *
 * Events cross protection domains as plain objects; a server checks each
 * one at its boundary with `inputEvent` (a hostile client's malformed
 * event is its own error, never the server's crash).
 */

import { isCoordinate } from '../../util/rect.js';
import { isKeyName, type KeyName } from './keycodes.js';

export type InputEvent =
  | { readonly type: 'press'; readonly key: KeyName; readonly codepoint?: number }
  | { readonly type: 'release'; readonly key: KeyName }
  | { readonly type: 'absolute_motion'; readonly x: number; readonly y: number }
  | { readonly type: 'relative_motion'; readonly x: number; readonly y: number }
  | { readonly type: 'wheel'; readonly x: number; readonly y: number }
  | { readonly type: 'focus_enter' }
  | { readonly type: 'focus_leave' }
  | { readonly type: 'hover_leave' }
  | { readonly type: 'touch'; readonly id: number; readonly x: number; readonly y: number }
  | { readonly type: 'touch_release'; readonly id: number };

/** `value` as an input event, or undefined if it is not a well-formed one. */
export function inputEvent(value: unknown): InputEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const event = value as Record<string, unknown>;
  switch (event['type']) {
    case 'press': {
      const key = event['key'];
      const codepoint = event['codepoint'];
      if (!isKeyName(key)) return undefined;
      if (codepoint === undefined) return { type: 'press', key };
      if (typeof codepoint !== 'number' || !Number.isInteger(codepoint) || codepoint < 0 || codepoint > 0x10ffff) return undefined;
      return { type: 'press', key, codepoint };
    }
    case 'release': {
      const key = event['key'];
      return isKeyName(key) ? { type: 'release', key } : undefined;
    }
    case 'absolute_motion':
    case 'relative_motion':
    case 'wheel': {
      const { x, y } = event;
      return isCoordinate(x) && isCoordinate(y) ? { type: event['type'], x, y } : undefined;
    }
    case 'focus_enter':
    case 'focus_leave':
    case 'hover_leave':
      return { type: event['type'] };
    case 'touch': {
      const { id, x, y } = event;
      return isCoordinate(id) && isCoordinate(x) && isCoordinate(y) ? { type: 'touch', id, x, y } : undefined;
    }
    case 'touch_release': {
      const id = event['id'];
      return isCoordinate(id) ? { type: 'touch_release', id } : undefined;
    }
    default:
      return undefined;
  }
}

/** The events of a batch a client submitted, checked; throws a TypeError naming the first bad one. */
export function inputEvents(value: unknown, what: string): InputEvent[] {
  if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array of input events`);
  return value.map((item, index) => {
    const event = inputEvent(item);
    if (event === undefined) throw new TypeError(`${what}: event ${index} is not a valid input event (${JSON.stringify(item)?.slice(0, 80)})`);
    return event;
  });
}

/** Whether a key name is a mouse button (BTN_*): nitpicker focuses on a button press, not on a key. */
export function isButton(key: KeyName): boolean {
  return key.startsWith('BTN_');
}
