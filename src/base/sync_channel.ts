/*
 * The synchronous RPC path: one request/reply slot in shared memory per
 * capability, for clients that must block (a WebAssembly program inside a
 * system call cannot return to its event loop).
 *
 * Both sides stay awake a bounded, adaptive while instead of sleeping at
 * once: waking a sleeping client costs 15-30 µs here, waking a server
 * parked in Atomics.waitAsync more (its event loop must run first), while
 * a round trip between two awake threads costs about 2 µs.
 *
 * - The client writes the request, flips STATE to REQUEST and spins on
 *   STATE for up to 50 µs of wall time before it sleeps in Atomics.wait.
 *   50 µs cover a parked server's wake-up: after one such call both sides
 *   are awake again. The budget stays at 50 µs whatever the last reply
 *   took: a client that shortened it after a slow reply slept through the
 *   next quick one too, took that reply late, so the server's watch missed
 *   its next request and parked again; both sides then stayed asleep at
 *   every call (116 µs a round trip instead of 7 on two cores, measured).
 *   Against a server doing real work the spin costs at most 50 µs a call.
 * - The server waits with Atomics.waitAsync on its event loop, so that it
 *   keeps serving ordinary calls in between. After a reply it watches the
 *   slot for up to 10 µs for the next request, because a client that
 *   computes a little between two calls would otherwise find it asleep
 *   every time. It stops watching if the client has not taken the reply
 *   within 2 µs: that client sleeps, or shares the server's core, where
 *   a watch would only keep it from running. A watch that missed,
 *   followed by a long pause, halves the next one; a request that came
 *   soon after a miss restores it. However many requests arrive, the
 *   server returns to its event loop at least once per YIELD_MS.
 *
 * On two cores an unbounded spin would starve the other side: every spin
 * here is bounded by time. While asleep, the client wakes every
 * LIVENESS_POLL_MS to check that the server's protection domain is still
 * alive, because a terminated worker cannot notify anybody.
 */

import { CapabilityRevoked, fromWireError, toWireError, UnmarshallableValue, type WireError } from './errors.js';
import { WireBuffer, type Encoded } from './wire.js';

/* Int32 slots of the header. */
const STATE = 0;
const LENGTH = 1;
/* 1 while the server is not parked in Atomics.waitAsync: a request then needs no notify. */
const SERVER_AWAKE = 2;
export const SYNC_HEADER_BYTES = 16;

/* Values of STATE. */
const IDLE = 0;
const REQUEST = 1;
const REPLY = 2;
const ERROR = 3;
const OVERFLOW = 4; /* reply larger than the slot: LENGTH holds its size */
const REVOKED = 5;
const CLOSED = 6;

/* Spin budgets, in milliseconds of wall time. */
const CLIENT_SPIN_MS = 0.05;
const SERVER_SPIN_MAX_MS = 0.01;
const SERVER_SPIN_MIN_MS = 0.0005;
/* A spinning client takes a reply within this long. */
const CLIENT_TAKES_REPLY_MS = 0.002;
/* A request this soon after a missed server spin: a longer watch would have caught it (wake-up latency included). */
const SERVER_RESTORE_MS = 0.05;
/* Longest the server keeps its event loop busy with back-to-back synchronous requests. */
const YIELD_MS = 1;
/* Loads of STATE between two reads of the clock (a read costs about 0.1 µs). */
const LOADS_PER_CLOCK = 16;
const LIVENESS_POLL_MS = 20;

export const DEFAULT_SYNC_BYTES = 64 * 1024;

const now = (): number => performance.now();

/* Lets the event loop run (ports, timers) before the server goes on. */
const toEventLoop: () => Promise<void> = typeof setImmediate === 'function'
  ? () => new Promise((resolve) => void setImmediate(resolve))
  : () => new Promise((resolve) => void setTimeout(resolve, 0));

/* A reply not yet taken by the client (bit per state). */
const REPLIED_STATES = (1 << REPLY) | (1 << ERROR);
/* States in which the server has nothing to do (bit per state). */
const SERVER_IDLE_STATES = (1 << IDLE) | (1 << REPLY) | (1 << ERROR) | (1 << OVERFLOW);

/* Watches STATE while it is one of `waiting` (bit per state), until `deadline`; returns the state last seen. */
function spin(state: Int32Array, waiting: number, deadline: number): number {
  for (;;) {
    for (let i = 0; i < LOADS_PER_CLOCK; i++) {
      const value = Atomics.load(state, STATE);
      if (((1 << value) & waiting) === 0) return value;
    }
    if (now() >= deadline) return Atomics.load(state, STATE);
  }
}

function slotSize(payload: number): number {
  let size = DEFAULT_SYNC_BYTES;
  while (size < SYNC_HEADER_BYTES + payload) size *= 2;
  return size;
}

/* A request as it must arrive: a method name and an argument list. */
function asRequest(value: unknown): { m: string; a: unknown[] } {
  const request = value as { m?: unknown; a?: unknown } | null;
  if (typeof request !== 'object' || request === null || typeof request.m !== 'string' || !Array.isArray(request.a)) {
    throw new UnmarshallableValue('synchronous call: malformed request');
  }
  return request as { m: string; a: unknown[] };
}

/** Client end of a synchronous channel. */
export class SyncClientChannel {
  #sab: SharedArrayBuffer;
  #state: Int32Array;
  #wire: WireBuffer;
  readonly #announce: (sab: SharedArrayBuffer, fetch: boolean) => void;
  readonly #alive: () => boolean;

  /**
   * `announce` hands a new slot to the server over the capability's port;
   * `alive` tells whether the server's protection domain still exists.
   */
  constructor(announce: (sab: SharedArrayBuffer, fetch: boolean) => void, alive: () => boolean, payload = 0) {
    this.#announce = announce;
    this.#alive = alive;
    this.#sab = new SharedArrayBuffer(slotSize(payload));
    this.#state = new Int32Array(this.#sab, 0, 4);
    this.#wire = new WireBuffer(this.#sab, SYNC_HEADER_BYTES);
    announce(this.#sab, false);
  }

  #replace(payload: number, fetch: boolean): void {
    Atomics.store(this.#state, STATE, CLOSED);
    Atomics.notify(this.#state, STATE);
    this.#sab = new SharedArrayBuffer(slotSize(payload));
    this.#state = new Int32Array(this.#sab, 0, 4);
    this.#wire = new WireBuffer(this.#sab, SYNC_HEADER_BYTES);
    this.#announce(this.#sab, fetch);
  }

  /** Sends `method(args)` and blocks until the reply is there. */
  call(method: string, args: readonly unknown[]): unknown {
    const overflow = this.#wire.write({ m: method, a: args });
    if (overflow !== undefined) {
      this.#replace(overflow.size, false);
      this.#wire.writeEncoded(overflow);
    }
    Atomics.store(this.#state, STATE, REQUEST);
    /* Sequentially consistent: either the server sees REQUEST before it parks, or we see it parked. */
    if (Atomics.load(this.#state, SERVER_AWAKE) === 0) Atomics.notify(this.#state, STATE);
    let state = this.#await(REQUEST);
    if (state === OVERFLOW) {
      this.#replace(Atomics.load(this.#state, LENGTH), true);
      state = this.#await(IDLE);
    }
    if (state === REVOKED || state === CLOSED) throw new CapabilityRevoked('synchronous call: capability revoked');
    const value = this.#wire.read();
    Atomics.store(this.#state, STATE, IDLE);
    if (state === ERROR) throw fromWireError(value as WireError);
    return value;
  }

  /* Waits until STATE leaves `from`: bounded spin, then sleep. */
  #await(from: number): number {
    let state = spin(this.#state, 1 << from, now() + CLIENT_SPIN_MS);
    while (state === from) {
      Atomics.wait(this.#state, STATE, from, LIVENESS_POLL_MS);
      state = Atomics.load(this.#state, STATE);
      if (state === from && !this.#alive()) throw new CapabilityRevoked('synchronous call: server is gone');
    }
    return state;
  }

  /** Tells a server loop that this slot is no longer used. */
  close(): void {
    Atomics.store(this.#state, STATE, CLOSED);
    Atomics.notify(this.#state, STATE);
  }
}

/** Server end: serves requests in one slot with `invoke` until closed. */
export class SyncServerChannel {
  readonly #state: Int32Array;
  readonly #wire: WireBuffer;
  #overflow: Encoded | undefined;
  #closed = false;
  #spinMs = SERVER_SPIN_MAX_MS;

  constructor(sab: SharedArrayBuffer) {
    this.#state = new Int32Array(sab, 0, 4);
    this.#wire = new WireBuffer(sab, SYNC_HEADER_BYTES);
  }

  /** Moves a reply that did not fit the previous slot into this one. */
  adoptOverflow(previous: SyncServerChannel | undefined): void {
    const reply = previous === undefined ? undefined : previous.#overflow;
    if (reply === undefined) return;
    this.#wire.writeEncoded(reply);
    Atomics.store(this.#state, STATE, REPLY);
    Atomics.notify(this.#state, STATE);
  }

  /** Serves until the client closes the slot or `revoke` is called. */
  async serve(invoke: (method: string, args: unknown[]) => unknown): Promise<void> {
    /* When this loop last let the event loop run; it is called from a message handler. */
    let yielded = now();
    /* When a reply went out whose post-reply watch missed the next request. */
    let missedAt = -1;
    Atomics.store(this.#state, SERVER_AWAKE, 1);
    for (;;) {
      let state = Atomics.load(this.#state, STATE);
      if (this.#closed || state === CLOSED || state === REVOKED) return;
      if (state !== REQUEST) {
        Atomics.store(this.#state, SERVER_AWAKE, 0);
        const wait = Atomics.waitAsync(this.#state, STATE, state);
        if (wait.async) {
          await wait.value;
          yielded = now();
        }
        Atomics.store(this.#state, SERVER_AWAKE, 1);
        if (missedAt >= 0 && Atomics.load(this.#state, STATE) === REQUEST) {
          this.#spinMs = now() - missedAt < SERVER_RESTORE_MS ? SERVER_SPIN_MAX_MS : this.#spinMs / 2;
          missedAt = -1;
        }
        continue;
      }
      let overflow: Encoded | undefined;
      let outcome = REPLY;
      /* A request that is no request (a hostile client's bytes) is answered with an error like any failing call. */
      try {
        const request = asRequest(this.#wire.read());
        let value = invoke(request.m, request.a);
        if (value instanceof Promise) value = await value;
        if (this.#closed) return;
        overflow = this.#wire.write(value ?? null);
      } catch (error) {
        if (this.#closed) return;
        overflow = this.#wire.write(toWireError(error) as unknown as Record<string, unknown>);
        outcome = ERROR;
      }
      this.#reply(overflow, outcome);
      const replied = now();
      if (replied - yielded >= YIELD_MS) {
        await toEventLoop();
        yielded = now();
        continue;
      }
      /*
       * Stay awake a bounded while: the client's next request usually
       * follows within microseconds. But a client that spins takes the
       * reply within a microsecond or two; one that has not by then sleeps
       * or has no core to run on (it shares this one), and watching for its
       * next request would be in vain or even keep it from running.
       */
      if (this.#spinMs < SERVER_SPIN_MIN_MS) {
        missedAt = replied;
        continue;
      }
      state = spin(this.#state, REPLIED_STATES, replied + Math.min(this.#spinMs, CLIENT_TAKES_REPLY_MS));
      if (state === REPLY || state === ERROR) continue;
      state = spin(this.#state, SERVER_IDLE_STATES, replied + this.#spinMs);
      if (state !== REQUEST && state !== REVOKED && state !== CLOSED) missedAt = replied;
    }
  }

  #reply(overflow: Encoded | undefined, outcome: number): void {
    if (overflow !== undefined) {
      this.#overflow = overflow;
      Atomics.store(this.#state, LENGTH, overflow.size);
      outcome = OVERFLOW;
    }
    Atomics.store(this.#state, STATE, outcome);
    Atomics.notify(this.#state, STATE);
  }

  /** Wakes a blocked client with a revocation and ends the loop. */
  revoke(): void {
    this.#closed = true;
    Atomics.store(this.#state, STATE, REVOKED);
    Atomics.notify(this.#state, STATE);
  }
}
