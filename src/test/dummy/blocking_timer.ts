/*
 * BlockingTimer: how the dummy makes itself unresponsive. Genode's dummy
 * sleeps on its entrypoint, so nothing it serves is answered meanwhile
 * (spec/init.md §6 `<sleep>`, `<sleep_forever>`, `delay_close_ms`). Here the
 * worker blocks in a synchronous Timer call: RPCs and signals wait in its
 * ports until it wakes.
 */

import { Timer, type Connection, type Env } from 'nido';

export class BlockingTimer {
  readonly #env: Env;
  #connection: Promise<Connection<Timer>> | undefined;

  constructor(env: Env) {
    this.#env = env;
  }

  /* The Timer session is opened on first use, as the C++ dummy constructs its timer lazily. */
  #timer(): Promise<Connection<Timer>> {
    this.#connection ??= this.#env.connect(Timer);
    return this.#connection;
  }

  /** Blocks the component for `ms` milliseconds. */
  async block(ms: number): Promise<void> {
    const timer = await this.#timer();
    /* What was logged before the sleep is out before it. */
    await this.#env.flushLog();
    this.#env.syncClient(Timer, timer.cap).msleep(ms);
  }

  /** Blocks the component for good (Genode's sleep_forever: no Timer session needed). */
  blockForever(): Promise<never> {
    return this.#env.sleepForever();
  }
}
