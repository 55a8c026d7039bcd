/*
 * The content of one ram_fs file: its blocks by index (block store
 * numbers; a missing index is a hole that reads as zeros) and its size. Blocks are charged to
 * the file system's space when taken and released when freed; a write
 * that does not fit writes what fits and answers NoSpace only when that
 * is nothing (as write(2) with ENOSPC).
 *
 * Invariant: the bytes of a block beyond the file's end are zero, so a
 * file that grows over them reads zeros there.
 */

import { NoSpace } from 'nido';
import { BLOCK_SIZE, type BlockStore } from './block_store.js';
import type { Space } from './space.js';

export class FileData {
  readonly #store: BlockStore;
  readonly #space: Space;
  /* A map, not an array: a write far beyond the end must not cost memory for the hole. */
  readonly #blocks = new Map<number, number>();
  #size = 0;

  constructor(store: BlockStore, space: Space) {
    this.#store = store;
    this.#space = space;
  }

  get size(): number {
    return this.#size;
  }

  /** Copies up to `length` bytes at `position` into `target` at `targetOffset`; answers the bytes copied. */
  read(target: Uint8Array, targetOffset: number, position: number, length: number): number {
    const end = Math.min(this.#size, position + length);
    for (let at = position; at < end;) {
      const index = Math.floor(at / BLOCK_SIZE);
      const block = this.#blocks.get(index);
      const into = targetOffset + (at - position);
      if (block === undefined) {
        const count = Math.min((index + 1) * BLOCK_SIZE, end) - at;
        target.fill(0, into, into + count);
        at += count;
        continue;
      }
      const count = this.#runEnd(index, block, end) - at;
      const start = this.#store.offset(block) + (at - index * BLOCK_SIZE);
      target.set(this.#store.memory(block).subarray(start, start + count), into);
      at += count;
    }
    return Math.max(0, end - position);
  }

  /* Where the run of blocks that starts with `block` at `index` ends (at most `end`): blocks adjacent in their slab are copied at once. */
  #runEnd(index: number, block: number, end: number): number {
    let next = index + 1;
    while (next * BLOCK_SIZE < end && this.#blocks.get(next) === block + (next - index)) next++;
    return Math.min(next * BLOCK_SIZE, end);
  }

  /**
   * Copies `length` bytes of `source` at `sourceOffset` to `position`;
   * answers the bytes written, directly when no block must be allocated
   * from core, else as a promise.
   */
  write(source: Uint8Array, sourceOffset: number, position: number, length: number): number | Promise<number> {
    if (length === 0) return 0;
    const end = this.#affordableEnd(position, position + length);
    const missing = this.#holes(position, end);
    if (missing > 0) {
      this.#space.charge(missing * BLOCK_SIZE);
      const blocks = this.#store.takeNow(missing);
      if (blocks === undefined) return this.#writeAfterAllocation(source, sourceOffset, position, end, missing);
      this.#fill(position, end, blocks);
    }
    return this.#copy(source, sourceOffset, position, end);
  }

  async #writeAfterAllocation(source: Uint8Array, sourceOffset: number, position: number, end: number, missing: number): Promise<number> {
    let blocks: number[];
    try {
      blocks = await this.#store.take(missing);
    } catch (error) {
      this.#space.release(missing * BLOCK_SIZE);
      throw error;
    }
    /* Another write may have filled (or a truncate opened) holes meanwhile. */
    const left = this.#fill(position, end, blocks);
    this.#store.release(left);
    this.#space.release(left.length * BLOCK_SIZE);
    if (this.#holes(position, end) > 0) return this.write(source, sourceOffset, position, end - position);
    return this.#copy(source, sourceOffset, position, end);
  }

  /* The end up to which the holes in [position, end) can be paid; NoSpace when not even one byte. */
  #affordableEnd(position: number, end: number): number {
    let affordable = Math.floor(this.#space.available / BLOCK_SIZE);
    const first = Math.floor(position / BLOCK_SIZE);
    const last = Math.floor((end - 1) / BLOCK_SIZE);
    for (let index = first; index <= last; index++) {
      if (this.#blocks.has(index)) continue;
      if (affordable === 0) {
        const cut = index * BLOCK_SIZE;
        if (cut <= position) throw new NoSpace(`no space left for ${end - position} bytes at ${position} (${this.#space.used} of ${this.#space.capacity} bytes used)`);
        return cut;
      }
      affordable--;
    }
    return end;
  }

  #holes(position: number, end: number): number {
    let holes = 0;
    const last = Math.floor((end - 1) / BLOCK_SIZE);
    for (let index = Math.floor(position / BLOCK_SIZE); index <= last; index++) if (!this.#blocks.has(index)) holes++;
    return holes;
  }

  /* Puts `blocks` into the holes of [position, end) in order (keeping runs); answers the blocks left over. */
  #fill(position: number, end: number, blocks: number[]): number[] {
    const last = Math.floor((end - 1) / BLOCK_SIZE);
    let next = 0;
    for (let index = Math.floor(position / BLOCK_SIZE); index <= last && next < blocks.length; index++) {
      if (this.#blocks.has(index)) continue;
      const block = blocks[next++] as number;
      this.#blocks.set(index, block);
      /* A recycled block holds old data: clear what this write does not cover. */
      const start = index * BLOCK_SIZE;
      if (start < position || start + BLOCK_SIZE > end) {
        const offset = this.#store.offset(block);
        this.#store.memory(block).fill(0, offset, offset + BLOCK_SIZE);
      }
    }
    return blocks.slice(next);
  }

  #copy(source: Uint8Array, sourceOffset: number, position: number, end: number): number {
    for (let at = position; at < end;) {
      const index = Math.floor(at / BLOCK_SIZE);
      const block = this.#blocks.get(index) as number;
      const count = this.#runEnd(index, block, end) - at;
      const from = sourceOffset + (at - position);
      this.#store.memory(block).set(source.subarray(from, from + count), this.#store.offset(block) + (at - index * BLOCK_SIZE));
      at += count;
    }
    this.#size = Math.max(this.#size, end);
    return end - position;
  }

  /** Sets the size: blocks beyond it are freed, growth reads as zeros. */
  truncate(size: number): void {
    if (size < this.#size) {
      const keep = Math.ceil(size / BLOCK_SIZE);
      const freed: number[] = [];
      for (const [index, block] of this.#blocks) {
        if (index < keep) continue;
        freed.push(block);
        this.#blocks.delete(index);
      }
      this.#store.release(freed);
      this.#space.release(freed.length * BLOCK_SIZE);
      const tail = this.#blocks.get(keep - 1);
      if (tail !== undefined && size % BLOCK_SIZE !== 0) {
        const offset = this.#store.offset(tail);
        this.#store.memory(tail).fill(0, offset + (size % BLOCK_SIZE), offset + BLOCK_SIZE);
      }
    }
    this.#size = size;
  }

  /** Frees every block (the file is gone). */
  release(): void {
    this.truncate(0);
  }
}
