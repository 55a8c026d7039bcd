/*
 * The RAM that `<ram>` file systems use, and who pays for it
 * (spec/runtime.md §2: "paid from the component's RAM").
 *
 * In a component's own VFS, file data is paid by the PD's RAM meter like
 * every buffer the component holds (docs/quotas.md): a full account means
 * ENOSPC, not a crash, and the bytes show as used in the component's quota
 * and in init's state report. A server that pays a client's files from the
 * client's session donation limits them with a LimitedRamAccount as well.
 * See docs/vfs.md, "Quota".
 */

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

/**
 * The component's own RAM (the `<ram>` file systems of its VFS): every
 * block of file data is a buffer the PD's RAM meter charges as it is
 * allocated, and refuses with a RangeError when the quota is spent
 * (FileData answers ENOSPC then). This account only counts what the file
 * system holds; it charges nothing a second time.
 */
export class MeteredRamAccount implements RamAccount {
  #used = 0;

  charge(bytes: number): void {
    this.#used += bytes;
  }

  release(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }

  get used(): number {
    return this.#used;
  }
}
