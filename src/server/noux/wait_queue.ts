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

  wait(): Wait {
    let resolver!: () => void;
    const promise = new Promise<void>((resolve) => {
      resolver = resolve;
    });
    this.#waiters.add(resolver);
    return { promise, cancel: () => void this.#waiters.delete(resolver) };
  }

  wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const resolve of waiters) resolve();
  }
}
