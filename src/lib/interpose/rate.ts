/*
 * A token bucket: at most `perSecond` units per second on average, bursts
 * up to one second's worth. The clock is the caller's (a component's
 * `performance.now`, which is its Timer session).
 *
 *   const calls = new RateLimit(10, () => performance.now());
 *   if (!calls.take(1)) throw new LimitExceeded('...');
 */

export class RateLimit {
  readonly perSecond: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(perSecond: number, now: () => number) {
    this.perSecond = perSecond;
    this.#now = now;
    this.#tokens = perSecond;
    this.#last = now();
  }

  /** Takes `units` if there are enough; false leaves the bucket as it was. */
  take(units: number): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.perSecond, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
    this.#last = now;
    if (units > this.#tokens) return false;
    this.#tokens -= units;
    return true;
  }

  /** Takes `units` even beyond what there is (a result's bytes, known only after the call): later calls wait for it. */
  charge(units: number): void {
    this.take(0);
    this.#tokens -= units;
  }
}
