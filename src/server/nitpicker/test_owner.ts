/*
 * For the unit tests of the view stack and the user state: a domain with
 * defaults, and a view owner with a buffer of one colour that records the
 * events nitpicker gives it (what a Gui session's input queue would hold).
 */

import type { InputEvent } from 'nido';
import type { Domain } from './domain.js';
import type { ViewOwner } from './view.js';

export function domain(name: string, layer: number, extra: Partial<Domain> = {}): Domain {
  return {
    name, layer, label: false, tinted: false, color: 0xff0000, focus: 'click', hoverAlways: false,
    origin: 'top_left', xpos: 0, ypos: 0, width: 0, height: 0, ...extra,
  };
}

/** A client with a buffer of one colour that records the events it gets. */
export class TestOwner implements ViewOwner {
  readonly events: InputEvent[] = [];
  readonly pixels: Uint32Array;
  alive = true;
  constructor(readonly label: string, readonly domain: Domain, readonly bufferWidth = 100, readonly bufferHeight = 100, color = 0x123456) {
    this.pixels = new Uint32Array(bufferWidth * bufferHeight).fill(color);
  }
  submit(event: InputEvent): void {
    this.events.push(event);
  }
}

