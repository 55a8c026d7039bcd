/*
 * What ram_fs may store: file data is paid from the RAM its clients donate
 * (spec/runtime.md §3). Each session grants the part of its donation that
 * its packet stream and bookkeeping do not take; the file system's capacity
 * is the sum of those grants plus what its own quota paid for the
 * `<content>` of its config. A write beyond it answers NoSpace.
 *
 * Files outlive the sessions that wrote them. When a session leaves and
 * its grant goes with it, the data stays: `used` may then exceed
 * `capacity`, and writes answer NoSpace until files are removed or other
 * clients donate more.
 */

export class Space {
  #capacity = 0;
  #used = 0;
  /* While the server builds its own content, charges raise the capacity too: its own quota pays. */
  #own = false;

  /** Bytes that may still be charged. */
  get available(): number {
    if (this.#own) return Number.POSITIVE_INFINITY;
    return Math.max(0, this.#capacity - this.#used);
  }

  get capacity(): number {
    return this.#capacity;
  }

  get used(): number {
    return this.#used;
  }

  /** A session's donation (or its upgrade) adds to the capacity. */
  grant(bytes: number): void {
    this.#capacity += bytes;
  }

  /** A session left: its grant leaves with it. */
  revoke(bytes: number): void {
    this.#capacity = Math.max(0, this.#capacity - bytes);
  }

  /** Charges `bytes`; false (and nothing charged) when they do not fit. */
  charge(bytes: number): boolean {
    if (this.#own) this.#capacity += bytes;
    else if (bytes > this.available) return false;
    this.#used += bytes;
    return true;
  }

  /** Runs `build` with every charge paid by the server's own quota (its `<content>`). */
  async payOwn(build: () => Promise<void>): Promise<void> {
    this.#own = true;
    try {
      await build();
    } finally {
      this.#own = false;
    }
  }

  release(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }
}
