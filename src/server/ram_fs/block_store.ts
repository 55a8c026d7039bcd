/*
 * Where ram_fs keeps file data: blocks of BLOCK_SIZE bytes carved out of
 * 1 MiB dataspaces ("slabs") that it allocates from its PD, so that the
 * data is charged to the account its clients' donations went to and shows
 * in init's state report. A block is named by a number: slab index times
 * SLAB_BLOCKS plus its index in the slab. A slab whose blocks are all free
 * again goes back to core, except one kept for the next write.
 */

import { NoSpace, OutOfRam, type Client, type DataspaceHandle, type Pd } from 'nido';

export const BLOCK_SIZE = 4096;
const SLAB_SHIFT = 8;
const SLAB_BLOCKS = 1 << SLAB_SHIFT;
const SLAB_BYTES = SLAB_BLOCKS * BLOCK_SIZE;

class Slab {
  readonly bytes: Uint8Array;
  readonly free: number[] = [];

  constructor(readonly index: number, readonly dataspace: DataspaceHandle) {
    this.bytes = new Uint8Array(dataspace.buffer, 0, SLAB_BYTES);
    for (let block = SLAB_BLOCKS - 1; block >= 0; block--) this.free.push(block);
  }
}

export class BlockStore {
  readonly #pd: Client<Pd>;
  readonly #slabs: (Slab | undefined)[] = [];
  readonly #withFree = new Set<Slab>();
  readonly #warning: (message: string) => void;
  #freeBlocks = 0;

  constructor(pd: Client<Pd>, warning: (message: string) => void) {
    this.#pd = pd;
    this.#warning = warning;
  }

  /** Bytes of dataspace memory held. */
  get bytes(): number {
    return this.#slabs.reduce((sum, slab) => sum + (slab === undefined ? 0 : SLAB_BYTES), 0);
  }

  /** `count` blocks if they are there now, else undefined (then `take` allocates). */
  takeNow(count: number): number[] | undefined {
    if (count > this.#freeBlocks) return undefined;
    const blocks: number[] = [];
    for (const slab of this.#withFree) {
      while (blocks.length < count) {
        const block = slab.free.pop();
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
    while (count > this.#freeBlocks) await this.#grow();
    return this.takeNow(count) as number[];
  }

  async #grow(): Promise<void> {
    let dataspace: DataspaceHandle;
    try {
      dataspace = await this.#pd.alloc(SLAB_BYTES);
    } catch (error) {
      if (error instanceof OutOfRam) throw new NoSpace(`ram_fs: RAM quota exhausted (${error.message})`);
      throw error;
    }
    let index = this.#slabs.indexOf(undefined);
    if (index < 0) index = this.#slabs.length;
    const slab = new Slab(index, dataspace);
    this.#slabs[index] = slab;
    this.#withFree.add(slab);
    this.#freeBlocks += SLAB_BLOCKS;
  }

  /** Gives blocks back (holes, -1, are skipped). */
  release(blocks: Iterable<number>): void {
    for (const block of blocks) {
      if (block < 0) continue;
      const slab = this.#slabs[block >>> SLAB_SHIFT];
      if (slab === undefined) continue;
      slab.free.push(block & (SLAB_BLOCKS - 1));
      this.#withFree.add(slab);
      this.#freeBlocks++;
      if (slab.free.length === SLAB_BLOCKS && this.#freeBlocks > SLAB_BLOCKS) this.#drop(slab);
    }
  }

  #drop(slab: Slab): void {
    this.#slabs[slab.index] = undefined;
    this.#withFree.delete(slab);
    this.#freeBlocks -= SLAB_BLOCKS;
    this.#pd.free(slab.dataspace.id).catch((error: unknown) => this.#warning(`freeing a data slab failed: ${String(error)}`));
  }

  /** The memory holding `block` (its slab); the block starts at `offset(block)`. */
  memory(block: number): Uint8Array {
    const slab = this.#slabs[block >>> SLAB_SHIFT];
    if (slab === undefined) throw new RangeError(`ram_fs: block ${block} does not exist`);
    return slab.bytes;
  }

  offset(block: number): number {
    return (block & (SLAB_BLOCKS - 1)) * BLOCK_SIZE;
  }
}
