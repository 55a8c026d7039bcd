/*
 * RamConsumer: `<consume_ram amount="2M"/>` (spec/init.md §6). Holds one
 * dataspace of the requested size, paid from the dummy's own RAM quota.
 * When the quota does not suffice, the dummy asks its parent for
 * `ram_quota=SIZE+4096` and retries once the parent granted it (§3.8).
 */

import { OutOfRam, formatNumBytes, type DataspaceHandle, type Env } from 'nido';
import type { LogLine } from './synchronous_log.js';

export class RamConsumer {
  readonly #env: Env;
  readonly #log: LogLine;
  #amount = 0;
  #dataspace: DataspaceHandle | undefined;

  constructor(env: Env, log: LogLine) {
    this.#env = env;
    this.#log = log;
  }

  /** Frees the held dataspace, if any. */
  async release(): Promise<void> {
    if (this.#amount === 0) return;
    const amount = this.#amount;
    const dataspace = this.#dataspace;
    this.#dataspace = undefined;
    this.#amount = 0;
    await this.#log(`release ${formatNumBytes(amount)} bytes of memory`);
    if (dataspace !== undefined) await this.#env.pd.free(dataspace.id);
  }

  /** Replaces the held dataspace by one of `amount` bytes. */
  async consume(amount: number): Promise<void> {
    await this.release();
    await this.#log(`consume ${formatNumBytes(amount)} bytes of memory`);
    /* A dataspace has at least one byte; consuming nothing holds nothing. */
    if (amount > 0) this.#dataspace = await this.#allocate(amount);
    this.#amount = amount;
  }

  async #allocate(amount: number): Promise<DataspaceHandle> {
    for (;;) {
      try {
        return await this.#env.pd.alloc(amount);
      } catch (error) {
        if (!(error instanceof OutOfRam)) throw error;
        await this.#env.parent.resourceRequest(`ram_quota=${amount + 4096}`);
      }
    }
  }
}
