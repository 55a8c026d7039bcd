/*
 * The synchronous RPC path: one request/reply slot in shared memory per
 * capability, for clients that must block (a WebAssembly program inside a
 * system call cannot return to its event loop).
 *
 * The client writes the request, flips STATE to REQUEST and spins for a
 * bounded, adaptive number of iterations before it sleeps in Atomics.wait:
 * on two cores an unbounded spin would starve the server. The server waits
 * with Atomics.waitAsync on its event loop, so it keeps serving ordinary
 * calls in between. While asleep, the client wakes every few milliseconds
 * to check that the server's protection domain is still alive, because a
 * terminated worker cannot notify anybody.
 */

import { CapabilityRevoked, fromWireError, toWireError, type WireError } from './errors.js';
import { decodeWire, encodeWire, type Encoded } from './wire.js';

/* Int32 slots of the header. */
const STATE = 0;
const LENGTH = 1;
export const SYNC_HEADER_BYTES = 16;

/* Values of STATE. */
const IDLE = 0;
const REQUEST = 1;
const REPLY = 2;
const ERROR = 3;
const OVERFLOW = 4; /* reply larger than the slot: LENGTH holds its size */
const REVOKED = 5;
const CLOSED = 6;

const MIN_SPIN = 64;
const MAX_SPIN = 1 << 14;
const LIVENESS_POLL_MS = 20;

export const DEFAULT_SYNC_BYTES = 64 * 1024;

function slotSize(payload: number): number {
  let size = DEFAULT_SYNC_BYTES;
  while (size < SYNC_HEADER_BYTES + payload) size *= 2;
  return size;
}

/** Client end of a synchronous channel. */
export class SyncClientChannel {
  #sab: SharedArrayBuffer;
  #state: Int32Array;
  #bytes: Uint8Array;
  #spin = 1024;
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
    this.#bytes = new Uint8Array(this.#sab);
    announce(this.#sab, false);
  }

  #replace(payload: number, fetch: boolean): void {
    Atomics.store(this.#state, STATE, CLOSED);
    Atomics.notify(this.#state, STATE);
    this.#sab = new SharedArrayBuffer(slotSize(payload));
    this.#state = new Int32Array(this.#sab, 0, 4);
    this.#bytes = new Uint8Array(this.#sab);
    this.#announce(this.#sab, fetch);
  }

  /** Sends `method(args)` and blocks until the reply is there. */
  call(method: string, args: readonly unknown[]): unknown {
    const request = encodeWire({ m: method, a: args });
    if (SYNC_HEADER_BYTES + request.size > this.#sab.byteLength) this.#replace(request.size, false);
    request.write(this.#bytes, SYNC_HEADER_BYTES);
    Atomics.store(this.#state, STATE, REQUEST);
    Atomics.notify(this.#state, STATE);
    let state = this.#await(REQUEST);
    if (state === OVERFLOW) {
      this.#replace(Atomics.load(this.#state, LENGTH), true);
      state = this.#await(IDLE);
    }
    if (state === REVOKED || state === CLOSED) throw new CapabilityRevoked('synchronous call: capability revoked');
    const value = decodeWire(this.#bytes, SYNC_HEADER_BYTES);
    Atomics.store(this.#state, STATE, IDLE);
    if (state === ERROR) throw fromWireError(value as WireError);
    return value;
  }

  /* Waits until STATE leaves `from`: bounded spin, then sleep. */
  #await(from: number): number {
    for (let i = 0; i < this.#spin; i++) {
      const state = Atomics.load(this.#state, STATE);
      if (state !== from) {
        this.#spin = Math.min(MAX_SPIN, this.#spin * 2);
        return state;
      }
    }
    this.#spin = Math.max(MIN_SPIN, this.#spin >> 1);
    for (;;) {
      Atomics.wait(this.#state, STATE, from, LIVENESS_POLL_MS);
      const state = Atomics.load(this.#state, STATE);
      if (state !== from) return state;
      if (!this.#alive()) throw new CapabilityRevoked('synchronous call: server is gone');
    }
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
  readonly #bytes: Uint8Array;
  #overflow: Encoded | undefined;
  #closed = false;

  constructor(sab: SharedArrayBuffer) {
    this.#state = new Int32Array(sab, 0, 4);
    this.#bytes = new Uint8Array(sab);
  }

  /** Moves a reply that did not fit the previous slot into this one. */
  adoptOverflow(previous: SyncServerChannel | undefined): void {
    const reply = previous === undefined ? undefined : previous.#overflow;
    if (reply === undefined) return;
    reply.write(this.#bytes, SYNC_HEADER_BYTES);
    Atomics.store(this.#state, STATE, REPLY);
    Atomics.notify(this.#state, STATE);
  }

  /** Serves until the client closes the slot or `revoke` is called. */
  async serve(invoke: (method: string, args: unknown[]) => unknown): Promise<void> {
    for (;;) {
      const state = Atomics.load(this.#state, STATE);
      if (this.#closed || state === CLOSED || state === REVOKED) return;
      if (state !== REQUEST) {
        const wait = Atomics.waitAsync(this.#state, STATE, state);
        if (wait.async) await wait.value;
        continue;
      }
      const request = decodeWire(this.#bytes, SYNC_HEADER_BYTES) as { m: string; a: unknown[] };
      let reply: Encoded;
      let outcome = REPLY;
      try {
        let value = invoke(request.m, request.a);
        if (value instanceof Promise) value = await value;
        reply = encodeWire(value ?? null);
      } catch (error) {
        reply = encodeWire(toWireError(error) as unknown as Record<string, unknown>);
        outcome = ERROR;
      }
      if (this.#closed) return;
      if (SYNC_HEADER_BYTES + reply.size > this.#bytes.byteLength) {
        this.#overflow = reply;
        Atomics.store(this.#state, LENGTH, reply.size);
        outcome = OVERFLOW;
      } else {
        reply.write(this.#bytes, SYNC_HEADER_BYTES);
      }
      Atomics.store(this.#state, STATE, outcome);
      Atomics.notify(this.#state, STATE);
    }
  }

  /** Wakes a blocked client with a revocation and ends the loop. */
  revoke(): void {
    this.#closed = true;
    Atomics.store(this.#state, STATE, REVOKED);
    Atomics.notify(this.#state, STATE);
  }
}
