/*
 * A place where held system calls wait: a pipe's readers, a terminal's
 * input, a parent waiting for its children. `wake` resolves every wait
 * taken before it; a woken caller looks again (there may be nothing for
 * it after all). A wait that is given up (another event came first) is
 * cancelled, so that a queue nobody wakes does not collect them.
 */

export interface Wait {
  readonly promise: Promise<void>;
  cancel(): void;
}

export class WaitQueue {
  readonly #waiters = new Set<() => void>();

  /** `waiting` hears the number of waiters whenever it changes (a pipe shows it to the runtimes). */
  constructor(readonly waiting?: (count: number) => void) {}

  wait(): Wait {
    let resolver!: () => void;
    const promise = new Promise<void>((resolve) => {
      resolver = resolve;
    });
    this.#waiters.add(resolver);
    this.waiting?.(this.#waiters.size);
    return {
      promise,
      cancel: () => {
        if (this.#waiters.delete(resolver)) this.waiting?.(this.#waiters.size);
      },
    };
  }

  wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    if (waiters.length > 0) this.waiting?.(0);
    for (const resolve of waiters) resolve();
  }
}
