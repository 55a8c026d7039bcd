/*
 * A view: a rectangle on the screen showing part of its session's buffer
 * (Genode's nitpicker View). Top-level views are positioned in their
 * domain's coordinates; a child view relative to its parent, by which it
 * is clipped and in front of which it always stands, so that whatever a
 * child draws stays inside its parent (the loader nests a plugin's views
 * in its client's so).
 */

import type { InputEvent, Point, Rect } from 'nido';
import type { Domain } from './domain.js';

/** Whoever owns views: a Gui session, as nitpicker's view stack sees it. */
export interface ViewOwner {
  readonly label: string;
  readonly domain: Domain;
  /** The session's buffer: pixels and size (undefined before the client allocated one). */
  readonly pixels: Uint32Array | undefined;
  readonly bufferWidth: number;
  readonly bufferHeight: number;
  /** Queues an input event for the client, in the client's coordinates. */
  submit(event: InputEvent): void;
}

export class View {
  geometry: Rect = { x: 0, y: 0, width: 0, height: 0 };
  offset: Point = { x: 0, y: 0 };
  title = '';
  background = false;
  /** Child views, front-most first. */
  readonly children: View[] = [];
  #destroyed = false;

  constructor(readonly owner: ViewOwner, readonly parent: View | undefined) {}

  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Marks the view gone (its capability may still be held by others: they find it destroyed). */
  destroy(): void {
    this.#destroyed = true;
  }
}
