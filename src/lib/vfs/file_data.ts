/*
 * The bytes of a file in a `<ram>` file system: blocks of 64 KiB, each
 * allocated when first written, so a sparse file costs only what was
 * written and a growing file is never copied as a whole. A block holding
 * the end of a small file grows by doubling. Every allocated byte is
 * charged to the RamAccount before it is used.
 */

import type { RamAccount } from './ram_account.js';
import { noSpace } from './errors.js';

export const BLOCK_SIZE = 64 * 1024;
const MIN_CAPACITY = 64;

function capacityFor(end: number, current: number): number {
  let capacity = Math.max(MIN_CAPACITY, current);
  while (capacity < end) capacity *= 2;
  return Math.min(BLOCK_SIZE, capacity);
}

export class FileData {
  readonly #account: RamAccount;
  /* block i holds bytes [i * BLOCK_SIZE, i * BLOCK_SIZE + its length); missing bytes read as zero */
  #blocks: (Uint8Array | undefined)[] = [];
  #size = 0;
  #allocated = 0;

  constructor(account: RamAccount) {
    this.#account = account;
  }

  get size(): number {
    return this.#size;
  }

  /** Bytes allocated (and charged) for the content. */
  get allocated(): number {
    return this.#allocated;
  }

  /** Copies the bytes at `offset` into `buffer`; answers how many (0 at the end). */
  read(offset: number, buffer: Uint8Array): number {
    const count = Math.max(0, Math.min(buffer.length, this.#size - offset));
    let done = 0;
    while (done < count) {
      const position = offset + done;
      const index = Math.floor(position / BLOCK_SIZE);
      const within = position - index * BLOCK_SIZE;
      const chunk = Math.min(count - done, BLOCK_SIZE - within);
      const block = this.#blocks[index];
      const stored = block === undefined ? 0 : Math.max(0, Math.min(chunk, block.length - within));
      if (block !== undefined && stored > 0) buffer.set(block.subarray(within, within + stored), done);
      buffer.fill(0, done + stored, done + chunk);
      done += chunk;
    }
    return count;
  }

  /* Makes block `index` hold at least `end` bytes; throws ENOSPC when the account cannot pay. */
  #reserve(index: number, end: number): void {
    const block = this.#blocks[index];
    const current = block?.length ?? 0;
    if (current >= end) return;
    const capacity = capacityFor(end, current);
    this.#account.charge(capacity - current);
    let grown: Uint8Array;
    try {
      grown = new Uint8Array(capacity);
    } catch (error) {
      /* The PD's RAM account refused the block (docs/quotas.md). */
      this.#account.release(capacity - current);
      if (error instanceof RangeError) throw noSpace(`no RAM left for ${capacity} bytes of file data: ${error.message}`);
      throw error;
    }
    if (block !== undefined) grown.set(block);
    this.#blocks[index] = grown;
    this.#allocated += capacity - current;
  }

  /**
   * Writes `data` at `offset`; answers the bytes written. Throws
   * VfsError(ENOSPC) when the account cannot pay for the first byte; a
   * write that runs out in the middle answers what it wrote (a short
   * write, as POSIX has it).
   */
  write(offset: number, data: Uint8Array): number {
    let done = 0;
    while (done < data.length) {
      const position = offset + done;
      const index = Math.floor(position / BLOCK_SIZE);
      const within = position - index * BLOCK_SIZE;
      const chunk = Math.min(data.length - done, BLOCK_SIZE - within);
      try {
        this.#reserve(index, within + chunk);
      } catch (error) {
        if (done === 0) throw error;
        break;
      }
      const block = this.#blocks[index];
      if (block !== undefined) block.set(data.subarray(done, done + chunk), within);
      done += chunk;
      this.#size = Math.max(this.#size, position + chunk);
    }
    return done;
  }

  /** Sets the size: cuts the content or extends it with zeros (which cost nothing until written). */
  truncate(size: number): void {
    if (size < this.#size) {
      const keep = Math.ceil(size / BLOCK_SIZE);
      for (const block of this.#blocks.splice(keep)) this.#free(block);
      const last = this.#blocks[keep - 1];
      const within = size - (keep - 1) * BLOCK_SIZE;
      /* the tail of the last block must read as zero if the file grows again */
      if (last !== undefined && within < last.length) last.fill(0, within);
    }
    this.#size = size;
  }

  #free(block: Uint8Array | undefined): void {
    if (block === undefined) return;
    this.#allocated -= block.length;
    this.#account.release(block.length);
  }

  /** Frees every block (the file is gone). */
  release(): void {
    for (const block of this.#blocks.splice(0)) this.#free(block);
    this.#size = 0;
  }
}
