/*
 * The RAM that `<ram>` file systems use, and who pays for it
 * (spec/runtime.md §2: "paid from the component's RAM").
 *
 * File data lives in the component's heap; the component's PD account is
 * charged for it through `env.pd.alloc`, in steps of at least 64 KiB, so
 * that the bytes show as used in the component's quota (and in init's
 * state report) and a full account means ENOSPC, not a crash. The call
 * goes over the synchronous RPC path because a write cannot wait for the
 * event loop; shared memory does not travel on that path, so the
 * dataspaces are pure charges: core allocates them, nobody touches them,
 * and freeing one returns its quota. See docs/vfs.md, "Quota".
 */

import { OutOfRam, type Pd, type SyncClient } from 'nido';
import { noSpace } from './errors.js';

export interface RamAccount {
  /** Takes `bytes` from the account; throws VfsError(ENOSPC) when it cannot. */
  charge(bytes: number): void;
  /** Gives back `bytes` charged before. */
  release(bytes: number): void;
  /** Bytes charged now. */
  readonly used: number;
}

/** An account of a fixed number of bytes (tests, and servers that pay from a session's donation). */
export class LimitedRamAccount implements RamAccount {
  #used = 0;

  constructor(readonly limit: number) {}

  charge(bytes: number): void {
    if (this.#used + bytes > this.limit) {
      throw noSpace(`RAM file system full: ${this.#used} of ${this.limit} bytes used, ${bytes} more needed`);
    }
    this.#used += bytes;
  }

  release(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }

  get used(): number {
    return this.#used;
  }
}

const STEP = 64 * 1024;
const PAGE = 4096;

function roundUp(bytes: number, unit: number): number {
  return Math.ceil(bytes / unit) * unit;
}

interface Charge {
  readonly id: number;
  readonly size: number;
}

/** Charges the component's PD account (see the header). */
export class PdRamAccount implements RamAccount {
  readonly #pd: SyncClient<Pd>;
  readonly #charges: Charge[] = [];
  #charged = 0;
  #used = 0;

  constructor(pd: SyncClient<Pd>) {
    this.#pd = pd;
  }

  charge(bytes: number): void {
    if (this.#used + bytes > this.#charged) this.#grow(this.#used + bytes - this.#charged);
    this.#used += bytes;
  }

  /* Grows by a quarter of what is charged (at least 64 KiB); a smaller step when the account has no more. */
  #grow(missing: number): void {
    const preferred = roundUp(Math.max(missing, STEP, this.#charged / 4), PAGE);
    for (const size of new Set([preferred, roundUp(missing, PAGE)])) {
      try {
        const dataspace = this.#pd.alloc(size);
        this.#charges.push({ id: dataspace.id, size });
        this.#charged += size;
        return;
      } catch (error) {
        if (!(error instanceof OutOfRam)) throw error;
      }
    }
    throw noSpace(`the component's RAM quota cannot pay ${missing} more bytes for its RAM file system`);
  }

  release(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
    for (let last = this.#charges.at(-1); last !== undefined && this.#charged - last.size >= this.#used; last = this.#charges.at(-1)) {
      this.#charges.pop();
      this.#charged -= last.size;
      this.#pd.free(last.id);
    }
  }

  get used(): number {
    return this.#used;
  }

  /** Bytes charged to the PD (at least `used`). */
  get charged(): number {
    return this.#charged;
  }

  /** Frees every charge. */
  close(): void {
    for (const charge of this.#charges.splice(0)) this.#pd.free(charge.id);
    this.#charged = 0;
    this.#used = 0;
  }
}
