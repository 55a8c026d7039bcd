/*
 * Watched paths of the vfs server, shared by its sessions: what one
 * session changes (a file written and closed or synced, an entry created,
 * removed or moved) is reported to every session watching the node or its
 * directory, as CONTENT_CHANGED packets. Changes that do not go through
 * the server (a new version of a ROM module) are not seen.
 */

export class Watchers {
  readonly #watchers = new Map<string, Set<() => void>>();

  /** Calls `changed` whenever `path` changes; answers the function that ends the watch. */
  add(path: string, changed: () => void): () => void {
    let set = this.#watchers.get(path);
    if (set === undefined) {
      set = new Set();
      this.#watchers.set(path, set);
    }
    set.add(changed);
    return () => {
      set.delete(changed);
      if (set.size === 0) this.#watchers.delete(path);
    };
  }

  /** Tells the watchers of each path. */
  notify(...paths: string[]): void {
    for (const path of new Set(paths)) {
      for (const changed of this.#watchers.get(path) ?? []) changed();
    }
  }
}
