/*
 * Where ram_fs keeps file data: blocks of BLOCK_SIZE bytes carved out of
 * dataspaces ("slabs", 1 to 16 MiB) that it allocates from its PD, so that
 * the data is charged to the account its clients' donations went to and
 * shows in init's state report. A block is named by a number: its slab's
 * index shifted left by SLAB_SHIFT, plus its index in the slab; the blocks
 * of a slab are handed out in ascending order, so a file written in one go
 * lies in runs that are copied at once.
 *
 * Memory is kept while it is paid for: a slab whose blocks are all free
 * again stays for the next write as long as the slabs held do not exceed
 * `paid()` (what the sessions donated for storage), and goes back to core
 * otherwise. Keeping it matters: fresh memory costs a page fault per page
 * when first touched, several times the cost of the copy.
 */

import { NoSpace, OutOfRam, type Client, type DataspaceHandle, type Pd } from 'nido';

export const BLOCK_SIZE = 4096;
const SLAB_SHIFT = 12;
const MIN_SLAB_BLOCKS = 256;
const MAX_SLAB_BLOCKS = 1 << SLAB_SHIFT;

class Slab {
  readonly bytes: Uint8Array;
  /* Free blocks, the lowest last: popped in ascending order, so that a file's blocks form runs. */
  readonly free: number[] = [];
  sorted = true;

  constructor(readonly index: number, readonly dataspace: DataspaceHandle, readonly blocks: number) {
    this.bytes = new Uint8Array(dataspace.buffer, 0, blocks * BLOCK_SIZE);
    for (let block = blocks - 1; block >= 0; block--) this.free.push(block);
  }

  get empty(): boolean {
    return this.free.length === this.blocks;
  }

  take(): number | undefined {
    if (!this.sorted) {
      this.free.sort((a, b) => b - a);
      this.sorted = true;
    }
    return this.free.pop();
  }
}

export interface BlockStoreOptions {
  /** Bytes of storage currently paid for (the file system's capacity). */
  readonly paid: () => number;
  readonly warning: (message: string) => void;
}

export class BlockStore {
  readonly #pd: Client<Pd>;
  readonly #options: BlockStoreOptions;
  readonly #slabs: (Slab | undefined)[] = [];
  readonly #withFree = new Set<Slab>();
  readonly #freeing = new Set<Promise<void>>();
  #freeBlocks = 0;
  #heldBytes = 0;

  constructor(pd: Client<Pd>, options: BlockStoreOptions) {
    this.#pd = pd;
    this.#options = options;
  }

  /** Bytes of dataspace memory held. */
  get heldBytes(): number {
    return this.#heldBytes;
  }

  /** `count` blocks if they are there now, else undefined (then `take` allocates). Ascending within each slab. */
  takeNow(count: number): number[] | undefined {
    if (count > this.#freeBlocks) return undefined;
    const blocks: number[] = [];
    for (const slab of this.#withFree) {
      while (blocks.length < count) {
        const block = slab.take();
        if (block === undefined) break;
        blocks.push((slab.index << SLAB_SHIFT) | block);
      }
      if (slab.free.length === 0) this.#withFree.delete(slab);
      if (blocks.length === count) break;
    }
    this.#freeBlocks -= count;
    return blocks;
  }

  /** `count` blocks, allocating slabs from the PD as needed; NoSpace when the PD's account cannot pay. */
  async take(count: number): Promise<number[]> {
    while (count > this.#freeBlocks) await this.#grow(count - this.#freeBlocks);
    return this.takeNow(count) as number[];
  }

  /* Allocates a slab for `missing` blocks: big enough to serve a long write in few allocations, not bigger than what is paid for. */
  async #grow(missing: number): Promise<void> {
    const room = Math.floor((this.#options.paid() - this.#heldBytes) / BLOCK_SIZE / MIN_SLAB_BLOCKS) * MIN_SLAB_BLOCKS;
    let blocks = MIN_SLAB_BLOCKS;
    while (blocks < missing && blocks < MAX_SLAB_BLOCKS && blocks * 2 <= room) blocks *= 2;
    let dataspace: DataspaceHandle;
    try {
      dataspace = await this.#pd.alloc(blocks * BLOCK_SIZE);
    } catch (error) {
      if (!(error instanceof OutOfRam)) throw error;
      if (blocks > MIN_SLAB_BLOCKS) return this.#growSmall(error);
      throw new NoSpace(`ram_fs: RAM quota exhausted (${error.message})`);
    }
    this.#adopt(dataspace, blocks);
  }

  async #growSmall(cause: OutOfRam): Promise<void> {
    try {
      this.#adopt(await this.#pd.alloc(MIN_SLAB_BLOCKS * BLOCK_SIZE), MIN_SLAB_BLOCKS);
    } catch (error) {
      throw error instanceof OutOfRam ? new NoSpace(`ram_fs: RAM quota exhausted (${cause.message})`) : error;
    }
  }

  #adopt(dataspace: DataspaceHandle, blocks: number): void {
    let index = this.#slabs.indexOf(undefined);
    if (index < 0) index = this.#slabs.length;
    const slab = new Slab(index, dataspace, blocks);
    this.#slabs[index] = slab;
    this.#withFree.add(slab);
    this.#freeBlocks += blocks;
    this.#heldBytes += blocks * BLOCK_SIZE;
  }

  /** Gives blocks back; empty slabs beyond what is paid for go back to core. */
  release(blocks: Iterable<number>): void {
    let emptied = false;
    for (const block of blocks) {
      const slab = this.#slabs[block >>> SLAB_SHIFT];
      if (slab === undefined) continue;
      slab.free.push(block & (MAX_SLAB_BLOCKS - 1));
      slab.sorted = false;
      this.#withFree.add(slab);
      this.#freeBlocks++;
      emptied ||= slab.empty;
    }
    if (emptied) this.trim();
  }

  /** Returns empty slabs to core while more is held than paid for; resolves when core has them. */
  trim(): Promise<void> {
    for (const slab of this.#slabs) {
      if (this.#heldBytes <= this.#options.paid()) break;
      if (slab !== undefined && slab.empty) this.#drop(slab);
    }
    return Promise.all(this.#freeing).then(() => undefined);
  }

  #drop(slab: Slab): void {
    this.#slabs[slab.index] = undefined;
    this.#withFree.delete(slab);
    this.#freeBlocks -= slab.blocks;
    this.#heldBytes -= slab.blocks * BLOCK_SIZE;
    const freeing = this.#pd.free(slab.dataspace.id)
      .catch((error: unknown) => this.#options.warning(`freeing a data slab failed: ${String(error)}`))
      .finally(() => this.#freeing.delete(freeing));
    this.#freeing.add(freeing);
  }

  /** The memory holding `block` (its slab); the block starts at `offset(block)`. */
  memory(block: number): Uint8Array {
    const slab = this.#slabs[block >>> SLAB_SHIFT];
    if (slab === undefined) throw new RangeError(`ram_fs: block ${block} does not exist`);
    return slab.bytes;
  }

  offset(block: number): number {
    return (block & (MAX_SLAB_BLOCKS - 1)) * BLOCK_SIZE;
  }
}
