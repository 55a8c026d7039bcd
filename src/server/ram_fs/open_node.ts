/*
 * A handle of a ram_fs session: the node it opened, with which mode, and
 * whether it wrote (its watchers hear about it when it is closed or
 * synced, as in Genode's Open_node).
 */

import { READ_ONLY, READ_WRITE, STAT_ONLY, WRITE_ONLY, type Mode } from 'nido';
import type { Node, Watcher } from './node.js';

export class OpenNode {
  written = false;
  watcher: Watcher | undefined;

  constructor(readonly node: Node, readonly mode: Mode) {}

  get readable(): boolean {
    return this.mode === READ_ONLY || this.mode === READ_WRITE;
  }

  get writeable(): boolean {
    return this.mode === WRITE_ONLY || this.mode === READ_WRITE;
  }
}

/** The mode argument of an RPC, checked (it comes from the client). */
export function checkedMode(mode: unknown): Mode {
  if (mode === STAT_ONLY || mode === READ_ONLY || mode === WRITE_ONLY || mode === READ_WRITE) return mode;
  throw new TypeError(`invalid access mode ${String(mode)} (STAT_ONLY 0, READ_ONLY 1, WRITE_ONLY 2, READ_WRITE 3)`);
}
