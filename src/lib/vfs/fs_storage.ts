/*
 * The storage a `<fs>` mount pays for at a server that keeps file data in
 * RAM (ram_fs: file data is paid from its clients' donations,
 * spec/runtime.md §3). It starts at the mount's `ram` attribute (default
 * 0, as a Genode config never says) and grows when a write finds the
 * server full: the client upgrades its session by what the write lacked,
 * at least a step that doubles with what it donated so far (up to
 * MAX_STEP), and writes the rest. So a config written for Genode, where
 * ram_fs pays from its own quota, runs unchanged: the client pays as it
 * writes, as far as its own quota reaches, and gets it all back when the
 * session closes. A client that cannot pay gets ENOSPC, as before.
 */

import type { FileSystemMount } from './services.js';

const MIN_STEP = 256 * 1024;
const MAX_STEP = 16 * 1024 * 1024;
/* Donations in whole blocks of ram_fs's block store. */
const GRAIN = 64 * 1024;

export class FsStorage {
  readonly #mount: FileSystemMount;
  #donated: number;

  constructor(mount: FileSystemMount, initial: number) {
    this.#mount = mount;
    this.#donated = initial;
  }

  /** Donates at least `missing` more bytes; false when the mount cannot grow or the client cannot pay. */
  grow(missing: number): boolean {
    if (this.#mount.donate === undefined) return false;
    const needed = Math.ceil(missing / GRAIN) * GRAIN;
    const step = Math.max(needed, Math.min(Math.max(this.#donated, MIN_STEP), MAX_STEP));
    if (!this.#mount.donate(step)) return false;
    this.#donated += step;
    return true;
  }
}
