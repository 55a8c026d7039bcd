/* An input event as test-input logs it, and the keys held (Genode's test counts them too). */

import type { InputEvent } from 'nido';

export class KeyCount {
  readonly #held = new Set<string>();

  get size(): number {
    return this.#held.size;
  }

  seen(event: InputEvent): void {
    if (event.type === 'press') this.#held.add(event.key);
    if (event.type === 'release') this.#held.delete(event.key);
  }
}

function character(codepoint: number): string {
  return codepoint >= 0x20 && codepoint !== 0x7f ? ` '${String.fromCodePoint(codepoint)}'` : ` U+${codepoint.toString(16).padStart(4, '0')}`;
}

export function describeEvent(event: InputEvent, keys: KeyCount): string {
  keys.seen(event);
  switch (event.type) {
    case 'press':
      return `press ${event.key}${event.codepoint === undefined ? '' : character(event.codepoint)} (keys held: ${keys.size})`;
    case 'release':
      return `release ${event.key} (keys held: ${keys.size})`;
    case 'absolute_motion':
      return `motion ${event.x},${event.y}`;
    case 'relative_motion':
      return `relative motion ${event.x},${event.y}`;
    case 'wheel':
      return `wheel ${event.x},${event.y}`;
    case 'touch':
      return `touch ${event.id} at ${event.x},${event.y}`;
    case 'touch_release':
      return `touch ${event.id} released`;
    default:
      return event.type.replace('_', ' ');
  }
}
