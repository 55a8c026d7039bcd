/*
 * The handlers of a client's watched nodes: a CONTENT_CHANGED packet from
 * the server names the watch handle, and its handler runs.
 */

export class Watchers {
  readonly #handlers = new Map<number, (handle: number) => void>();

  add(handle: number, changed: (handle: number) => void): void {
    this.#handlers.set(handle, changed);
  }

  remove(handle: number): void {
    this.#handlers.delete(handle);
  }

  get size(): number {
    return this.#handlers.size;
  }

  /** Runs the handler of `handle`, if it is watched (a late packet for a closed handle is dropped). */
  changed(handle: number): void {
    this.#handlers.get(handle)?.(handle);
  }
}
