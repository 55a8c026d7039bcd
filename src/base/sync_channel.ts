/*
 * The synchronous RPC path: one request/reply slot in shared memory per
 * capability, for clients that must block (a WebAssembly program inside a
 * system call cannot return to its event loop).
 *
 * A round trip between two threads that run on cores of their own and
 * watch the slot costs about 1 µs. A thread that sleeps costs far more to
 * wake: 30-90 µs when its core went idle (a VM's virtual CPU halts;
 * measured here), and a server parked in Atomics.waitAsync more still
 * (its event loop must run first). But when both threads share one core
 * (the machine has two, and other work takes one), a thread that spins
 * keeps the other from running until its spin ends: a woken thread does
 * not preempt the spinner. So each side spins where it sees the other
 * run, and every spin is bounded by time.
 *
 * - The client writes the request, flips STATE to REQUEST (notifying the
 *   server if it sleeps) and waits for the reply in one of two ways:
 *   spinning up to 100 µs, or spinning only while it sees the server run
 *   (the server marks a request taken, SERVING), and sleeping otherwise
 *   in Atomics.wait. It times every wait and keeps the faster way (see
 *   #wayOfWaiting).
 * - The client takes a reply (STATE back to IDLE) the moment it sees it,
 *   before decoding it: nothing writes the slot again before its next
 *   request. That is how the server tells a client that runs.
 * - With every request the client publishes its pause: how long it
 *   typically takes from taking a reply to its next request (decoding,
 *   its own work, encoding). Only the client can measure that.
 * - The server waits with Atomics.waitAsync on its event loop, so that it
 *   keeps serving ordinary calls in between. After a reply, for a client
 *   whose pause is short, it waits for the next request for twice the
 *   pause and 5 µs, at most 50 µs: spinning if the client took the reply
 *   within 2 µs (it runs on a core of its own), otherwise asleep in
 *   Atomics.wait (the client sleeps, or waits for this very core), which
 *   the request's notify ends sooner than a turn of the event loop. A
 *   request on another slot this thread serves ends a spin. However many
 *   requests arrive, the server returns to its event loop at least once
 *   per YIELD_MS.
 *
 * Before, the server watched 10 µs after a reply if the client had
 * decoded the reply within 2 µs, and the client spun 50 µs whatever the
 * server did. A client in a protection domain (metered allocations)
 * decodes more slowly and computes longer between calls (a noux process:
 * 15-40 µs), so the server parked after 99 % of the replies and the client
 * slept for half of them: 100-240 µs per call where plain workers took 9.
 *
 * While asleep, the client wakes every LIVENESS_POLL_MS to check that the
 * server's protection domain is still alive, because a terminated worker
 * cannot notify anybody.
 */

import { CapabilityRevoked, fromWireError, toWireError, UnmarshallableValue, type WireError } from './errors.js';
import { WireBuffer, type Encoded } from './wire.js';

/* Int32 slots of the header. */
const STATE = 0;
const LENGTH = 1;
/* 0 while the server sleeps (Atomics.waitAsync, or Atomics.wait after a reply): a request must notify it. */
const SERVER_AWAKE = 2;
/* The client's pause from taking a reply to its next request, in ns (see the header). */
const CLIENT_PAUSE = 3;
export const SYNC_HEADER_BYTES = 16;

/* Values of STATE. */
const IDLE = 0;
const REQUEST = 1;
const REPLY = 2;
const ERROR = 3;
const OVERFLOW = 4; /* reply larger than the slot: LENGTH holds its size */
const REVOKED = 5;
const CLOSED = 6;
const SERVING = 7; /* the server took the request and works on it */

/* Spin budgets, in milliseconds of wall time. */
const CLIENT_SPIN_MS = 0.05;
/* How long a client that waits by spinning spins for the reply: longer than an idle core takes to wake (see #awaitReply). */
const CLIENT_LONG_SPIN_MS = 0.1;
/* The client's two ways of waiting for a reply, and how often it tries the one it does not use (see #awaitReply). */
const BY_SPINNING = 0;
const BY_YIELDING = 1;
const TRIAL_EVERY = 128;
const TRIAL_CALLS = 4;
/* How long a client waits, spinning, for a server that was awake to take the request (see #awaitReply). */
const TAKE_SPIN_MS = 0.004;
/* How long a client that woke a sleeping server waits, spinning, for it to take the request: adapted, at least this long. */
const WAKE_SPIN_MIN_MS = 0.002;
/* Every so many takes with the shortest spin, one spins the full budget again (see #awaitReply). */
const TAKE_PROBE_EVERY = 16;
/* The server's watch for the next request: twice the client's pause and the slack, at most the maximum. */
const SERVER_WATCH_MAX_MS = 0.05;
const SERVER_WATCH_SLACK_MS = 0.005;
/* A client that spins takes a reply within this long. */
const CLIENT_TAKES_REPLY_MS = 0.002;
/* Longest the server keeps its event loop busy with back-to-back synchronous requests. */
const YIELD_MS = 1;
/* Loads of STATE between two reads of the clock (a read costs about 0.1 µs). */
const LOADS_PER_CLOCK = 16;
const LIVENESS_POLL_MS = 20;
const INT32_MAX = 0x7fffffff;

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

/*
 * The slots this thread's servers wait on in Atomics.waitAsync. A request
 * in one of them cannot be served while another slot's watch keeps the
 * thread busy (its wake-up is a task of the event loop), so it ends the
 * watch.
 */
const parked = new Set<Int32Array>();

function requestParked(): boolean {
  for (const state of parked) if (Atomics.load(state, STATE) === REQUEST) return true;
  return false;
}

/* Watches for the next request in `state` until `deadline`, or until another slot of this thread has one. */
function watch(state: Int32Array, deadline: number): void {
  for (;;) {
    for (let i = 0; i < LOADS_PER_CLOCK; i++) {
      if (((1 << Atomics.load(state, STATE)) & SERVER_IDLE_STATES) === 0) return;
    }
    if (now() >= deadline || requestParked()) return;
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
  /* When this client took its last reply (ms), and its pause from a reply to the next request, averaged (ms). */
  #replyTaken = -1;
  #pause = 0;
  /* See #wayOfWaiting and #awaitYielding. */
  #waiting = BY_SPINNING;
  /* What a wait for a reply took in each way, averaged (ms; -1: never tried). */
  readonly #waited = [-1, -1];
  #calls = 0;
  #wakeSpinMs = CLIENT_SPIN_MS;
  #shortTakeSpins = 0;
  #lastTakeFailed = false;

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
    const request = { m: method, a: args };
    const overflow = this.#wire.write(request);
    if (overflow !== undefined) {
      this.#replace(overflow.size, false);
      this.#wire.writeEncoded(overflow);
    }
    if (this.#replyTaken >= 0) {
      this.#pause = (this.#pause + now() - this.#replyTaken) / 2;
      Atomics.store(this.#state, CLIENT_PAUSE, Math.min(INT32_MAX, Math.round(this.#pause * 1e6)));
    }
    /* Only from IDLE: a slot the server revoked between two calls stays revoked. */
    if (Atomics.compareExchange(this.#state, STATE, IDLE, REQUEST) !== IDLE) {
      throw new CapabilityRevoked('synchronous call: capability revoked');
    }
    /* Sequentially consistent: either the server sees REQUEST before it sleeps, or we see it asleep. */
    const asleep = Atomics.load(this.#state, SERVER_AWAKE) === 0;
    if (asleep) Atomics.notify(this.#state, STATE);
    let state = this.#awaitReply(asleep, this.#wayOfWaiting());
    if (state === OVERFLOW) {
      this.#replace(Atomics.load(this.#state, LENGTH), true);
      state = this.#await(IDLE);
    }
    if (state === REVOKED || state === CLOSED) throw new CapabilityRevoked('synchronous call: capability revoked');
    /* Taken before it is decoded, so that the server sees this client awake (see the header). */
    Atomics.store(this.#state, STATE, IDLE);
    this.#replyTaken = now();
    const value = this.#wire.read();
    if (state === ERROR) throw fromWireError(value as WireError);
    return value;
  }

  /*
   * The way to wait for this call's reply. Which way is faster depends on
   * where the two threads run, which only the outcome tells: on cores of
   * their own, a short spin lets the pair fall asleep at every call,
   * whose wake-ups (an idle virtual CPU: 30-90 µs, measured) a long spin
   * would have saved; on one shared core, a long spin keeps the server
   * from running until it ends. So the client times every wait, keeps
   * the way that waited less on average, and every TRIAL_EVERY calls
   * waits TRIAL_CALLS times the other way, to see whether things changed.
   * Measured with getpgid(0) from a noux process, on an otherwise idle
   * machine and beside a process that keeps one core busy: yielding
   * only, 76 and 48 µs a call; choosing, 13 and 62 µs (the channel before
   * these changes: 89 µs beside the busy core).
   */
  #wayOfWaiting(): number {
    const phase = this.#calls++ % TRIAL_EVERY;
    if (phase === 0) {
      const [spinning, yielding] = this.#waited as [number, number];
      if (spinning >= 0 && yielding >= 0) this.#waiting = spinning <= yielding ? BY_SPINNING : BY_YIELDING;
    }
    return phase >= TRIAL_EVERY - TRIAL_CALLS ? 1 - this.#waiting : this.#waiting;
  }

  /* Waits for the reply in `way`, timing the wait. */
  #awaitReply(wokeServer: boolean, way: number): number {
    const started = now();
    const state = way === BY_SPINNING ? this.#sleep(spin(this.#state, (1 << REQUEST) | (1 << SERVING), started + CLIENT_LONG_SPIN_MS))
      : this.#awaitYielding(wokeServer, started);
    const waited = now() - started;
    const average = this.#waited[way] ?? -1;
    this.#waited[way] = average < 0 ? waited : average + (waited - average) / 8;
    return state;
  }

  /* Sleeps while the server has not replied. */
  #sleep(from: number): number {
    let state = from;
    while (state === REQUEST || state === SERVING) {
      Atomics.wait(this.#state, STATE, state, LIVENESS_POLL_MS);
      state = Atomics.load(this.#state, STATE);
      if ((state === REQUEST || state === SERVING) && !this.#alive()) throw new CapabilityRevoked('synchronous call: server is gone');
    }
    return state;
  }

  /*
   * Waits for the reply yielding: spins while the server runs on a core
   * of its own, sleeps where spinning would keep it from running. The
   * server marks the request taken (SERVING) before it works on it; the
   * client spins for that mark first, and on for the reply only once it
   * came, up to CLIENT_SPIN_MS in all.
   *
   * - A server that was awake takes the request within a microsecond if
   *   it runs; one that does not within TAKE_SPIN_MS waits for a core,
   *   maybe this one (a server preempted by the client it woke with its
   *   last reply): the client sleeps.
   * - A server that had to be woken takes about 30 µs on a core of its
   *   own that was idle (a VM's virtual CPU wakes that slowly), and never
   *   while the client spins if it shares the client's core: a woken
   *   thread does not preempt the spinner (measured: every call then took
   *   the client's whole spin). So the client spins for the take twice as
   *   long as the last one took (at least WAKE_SPIN_MIN_MS), and halves
   *   that spin when the take did not come.
   *
   * After takes that did not come (the shortest spin), one take in
   * TAKE_PROBE_EVERY spins the full budget: to find out whether the
   * server has a core of its own again, and to let the scheduler give it
   * one: two threads that only hand one core to each other look like one
   * thread to the scheduler, which moves to an idle core only a thread
   * that waits to run.
   */
  #awaitYielding(wokeServer: boolean, started: number): number {
    const shortest = wokeServer ? this.#wakeSpinMs <= WAKE_SPIN_MIN_MS : this.#lastTakeFailed;
    const probe = shortest && ++this.#shortTakeSpins % TAKE_PROBE_EVERY === 0;
    const takeSpinMs = probe ? CLIENT_SPIN_MS : wokeServer ? this.#wakeSpinMs : TAKE_SPIN_MS;
    let state = spin(this.#state, 1 << REQUEST, started + takeSpinMs);
    this.#lastTakeFailed = state === REQUEST;
    if (state !== REQUEST) {
      if (wokeServer) this.#wakeSpinMs = Math.min(CLIENT_SPIN_MS, Math.max(WAKE_SPIN_MIN_MS, 2 * (now() - started)));
      state = spin(this.#state, 1 << SERVING, started + CLIENT_SPIN_MS);
    } else if (wokeServer) {
      this.#wakeSpinMs = Math.max(WAKE_SPIN_MIN_MS, this.#wakeSpinMs / 2);
    }
    return this.#sleep(state);
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
    Atomics.store(this.#state, SERVER_AWAKE, 1);
    for (;;) {
      const state = Atomics.load(this.#state, STATE);
      if (this.#closed || state === CLOSED || state === REVOKED) return;
      if (state !== REQUEST) {
        Atomics.store(this.#state, SERVER_AWAKE, 0);
        const wait = Atomics.waitAsync(this.#state, STATE, state);
        if (wait.async) {
          parked.add(this.#state);
          try {
            await wait.value;
          } finally {
            parked.delete(this.#state);
          }
          yielded = now();
        }
        Atomics.store(this.#state, SERVER_AWAKE, 1);
        continue;
      }
      /* Taken: a client spinning for that sees this thread run (see SyncClientChannel.#awaitYielding). */
      Atomics.store(this.#state, STATE, SERVING);
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
      const watchMs = this.#watchMs();
      if (watchMs === 0) continue;
      if (((1 << spin(this.#state, REPLIED_STATES, replied + Math.min(watchMs, CLIENT_TAKES_REPLY_MS))) & REPLIED_STATES) === 0) {
        watch(this.#state, replied + watchMs);
      } else {
        this.#sleepWatch(replied + watchMs);
      }
    }
  }

  /*
   * The watch of a client that has not taken the reply: it sleeps, or
   * waits for the core this thread runs on. The thread gives the core up
   * in Atomics.wait until the next request or `deadline`; the client's
   * request then wakes it with a notify, which costs far less than a turn
   * of the event loop after Atomics.waitAsync.
   */
  #sleepWatch(deadline: number): void {
    Atomics.store(this.#state, SERVER_AWAKE, 0);
    for (;;) {
      const state = Atomics.load(this.#state, STATE);
      if (((1 << state) & SERVER_IDLE_STATES) === 0) break;
      const left = deadline - now();
      if (left <= 0) break;
      Atomics.wait(this.#state, STATE, state, left);
    }
    Atomics.store(this.#state, SERVER_AWAKE, 1);
  }

  /* How long to watch for the next request after a reply: 0 for a client that pauses longer than a watch may last. */
  #watchMs(): number {
    const pauseMs = Atomics.load(this.#state, CLIENT_PAUSE) / 1e6;
    if (pauseMs > SERVER_WATCH_MAX_MS) return 0;
    return Math.min(SERVER_WATCH_MAX_MS, 2 * pauseMs + SERVER_WATCH_SLACK_MS);
  }

  #reply(overflow: Encoded | undefined, outcome: number): void {
    if (overflow !== undefined) {
      this.#overflow = overflow;
      Atomics.store(this.#state, LENGTH, overflow.size);
      outcome = OVERFLOW;
    }
    /* Only over SERVING: a slot the client closed meanwhile stays closed. */
    Atomics.compareExchange(this.#state, STATE, SERVING, outcome);
    Atomics.notify(this.#state, STATE);
  }

  /** Wakes a blocked client with a revocation and ends the loop. */
  revoke(): void {
    this.#closed = true;
    Atomics.store(this.#state, STATE, REVOKED);
    Atomics.notify(this.#state, STATE);
  }
}
