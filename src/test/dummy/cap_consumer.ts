/*
 * CapConsumer: `<consume_caps amount="N"/>` (spec/init.md §6). Creates
 * min(N, 100) RPC objects of an interface without methods; each costs one
 * capability of the dummy's quota. When the quota does not suffice, the
 * dummy asks its parent for the missing caps (`cap_quota=M`) and retries
 * once the parent granted them (§3.8).
 */

import { OutOfCaps, defineInterface, type Capability, type Env } from 'nido';
import type { LogLine } from './synchronous_log.js';

/* As Genode's dummy: a fixed upper bound, so consuming never allocates much else. */
const MAX_OBJECTS = 100;

type Nothing = Record<never, never>;
const Nothing = defineInterface<Nothing>('Dummy_object', []);

export class CapConsumer {
  readonly #env: Env;
  readonly #log: LogLine;
  #amount = 0;
  #objects: Capability<Nothing>[] = [];

  constructor(env: Env, log: LogLine) {
    this.#env = env;
    this.#log = log;
  }

  /** Dissolves the held objects, if any. */
  async release(): Promise<void> {
    if (this.#amount === 0) return;
    const amount = this.#amount;
    const objects = this.#objects;
    this.#objects = [];
    this.#amount = 0;
    await this.#log(`release ${amount} caps`);
    for (const object of objects) this.#env.ep.dissolve(object);
  }

  /** Replaces the held objects by min(amount, 100) new ones. */
  async consume(amount: number): Promise<void> {
    await this.release();
    await this.#log(`consume ${amount} caps`);
    const count = Math.min(amount, MAX_OBJECTS);
    while (this.#objects.length < count) {
      try {
        this.#objects.push(this.#env.ep.manage(Nothing, {}));
      } catch (error) {
        if (!(error instanceof OutOfCaps)) throw error;
        await this.#env.parent.resourceRequest(`cap_quota=${count - this.#objects.length}`);
      }
    }
    this.#amount = amount;
  }
}
