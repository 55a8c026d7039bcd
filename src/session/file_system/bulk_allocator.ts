/*
 * The client's allocator of bulk-buffer regions: a packet's data lies in a
 * region the client allocated before submitting it and frees when it took
 * the acknowledgement (Genode's Packet_stream_source::alloc_packet).
 *
 * First fit over a short list of free ranges sorted by offset; freed
 * ranges merge with their neighbours. At most QUEUE_DEPTH regions are in
 * use at a time, so the list stays short.
 *
 *   const bulk = new BulkAllocator(64 * 1024);
 *   const offset = bulk.alloc(4096);   // undefined when nothing fits now
 *   bulk.free(offset);
 */

import { NidoError } from '../../base/errors.js';

/** Freeing a region that is not allocated. */
export class InvalidBulkRegion extends NidoError {}

/** Regions start at multiples of this, so that typed views of them are aligned. */
export const BULK_ALIGNMENT = 64;

interface Range {
  offset: number;
  size: number;
}

function aligned(size: number): number {
  return Math.ceil(size / BULK_ALIGNMENT) * BULK_ALIGNMENT;
}

export class BulkAllocator {
  readonly #free: Range[];
  readonly #used = new Map<number, number>();
  readonly size: number;

  constructor(size: number) {
    this.size = size - (size % BULK_ALIGNMENT);
    this.#free = this.size > 0 ? [{ offset: 0, size: this.size }] : [];
  }

  /** Bytes of the largest region that could be allocated now. */
  get largest(): number {
    let largest = 0;
    for (const range of this.#free) largest = Math.max(largest, range.size);
    return largest;
  }

  /** Whether nothing is allocated. */
  get idle(): boolean {
    return this.#used.size === 0;
  }

  /** The offset of a new region of `size` bytes (at least 1), or undefined when none fits now. */
  alloc(size: number): number | undefined {
    const want = aligned(Math.max(1, size));
    for (let i = 0; i < this.#free.length; i++) {
      const range = this.#free[i] as Range;
      if (range.size < want) continue;
      const offset = range.offset;
      if (range.size === want) this.#free.splice(i, 1);
      else {
        range.offset += want;
        range.size -= want;
      }
      this.#used.set(offset, want);
      return offset;
    }
    return undefined;
  }

  free(offset: number): void {
    const size = this.#used.get(offset);
    if (size === undefined) throw new InvalidBulkRegion(`bulk region at ${offset} is not allocated`);
    this.#used.delete(offset);
    let at = 0;
    while (at < this.#free.length && (this.#free[at] as Range).offset < offset) at++;
    const before = this.#free[at - 1];
    const after = this.#free[at];
    if (before !== undefined && before.offset + before.size === offset) {
      before.size += size;
      if (after !== undefined && before.offset + before.size === after.offset) {
        before.size += after.size;
        this.#free.splice(at, 1);
      }
    } else if (after !== undefined && offset + size === after.offset) {
      after.offset = offset;
      after.size += size;
    } else {
      this.#free.splice(at, 0, { offset, size });
    }
  }
}
