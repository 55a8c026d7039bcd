/*
 * Time in a JavaScript component, by session.
 *
 * A clock and timers are authority (Genode gives them through the Timer
 * session), so `Date.now()`, `new Date()`, `performance` and the web
 * platform's timers work only once the runtime has opened a Timer session
 * at the parent, routed and paid like any other. The runtime opens it on
 * the first use of any of them, blocking once (connectSync); where the
 * parent denies it, every one of them throws an error that says so and
 * names the route to add.
 *
 * With the session granted, readings are local, as Genode's
 * Timer::Connection interpolates with the CPU's time-stamp counter between
 * calibrations: the runtime reads the host's counter, offset by the
 * session's wall clock at opening. A round trip per `Date.now()` would
 * cost microseconds where Node's takes nanoseconds.
 *
 * Timeouts live in one local queue, as in Genode's timeout scheduler: the
 * earliest deadline is armed at the session (`triggerOnce`), and its
 * signal runs every timeout that was due when it arrived, in deadline
 * order, then arms the next.
 */

import type { Connection } from '../../base/connection.js';
import type { SignalContextCapability } from '../../base/capability.js';
import { NidoError } from '../../base/errors.js';
import type { SyncClient } from '../../base/interface.js';
import type { Timer } from '../../session/timer/interface.js';

/** What the runtime lends the clock once the component's env exists. */
export interface TimerAccess {
  /** Opens the Timer session, blocking; throws where the parent denies it. */
  open(): Connection<Timer>;
  syncClient(connection: Connection<Timer>): SyncClient<Timer>;
  signalHandler(handler: () => void): SignalContextCapability;
}

/** The host's clocks, captured by the runtime (never handed to the component). */
export interface HostClocks {
  /** Milliseconds, monotonic (the worker's performance.now). */
  monotonic(): number;
  /** Milliseconds since the epoch (Date.now of the start realm). */
  wall(): number;
}

export class TimerDenied extends NidoError {}

interface Timeout {
  readonly id: number;
  deadline: number;
  seq: number;
  readonly callback: (...args: unknown[]) => void;
  readonly args: unknown[];
  readonly interval: number | undefined;
}

/* Node's timers take at least a millisecond; an interval of 0 would run on every turn. */
const MIN_INTERVAL_MS = 1;

/** ToNumber of a delay, as HTML's timers take it: NaN and negatives are 0. */
function delayOf(value: unknown): number {
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

export class ComponentTime {
  readonly #host: HostClocks;
  #access: TimerAccess | undefined;
  #session: { readonly connection: Connection<Timer>; readonly wallOffset: number } | undefined;
  #denied: string | undefined;
  /* The host counter's reading when the component started: performance.now()'s zero. */
  #origin = 0;
  #originWall = 0;

  readonly #timeouts = new Map<number, Timeout>();
  /* Pending timeouts by (deadline, seq); cancelled ones are dropped when met. */
  #queue: Timeout[] = [];
  #ids = 0;
  #seq = 0;
  #armed: number | undefined;

  constructor(host: HostClocks) {
    this.#host = host;
  }

  /** Called at the component's start: from now on the session can be opened. */
  attach(access: TimerAccess): void {
    this.#access = access;
    this.#origin = this.#host.monotonic();
    this.#originWall = this.#host.wall();
  }

  /** Milliseconds since the epoch (Date.now). */
  dateNow(what = 'Date.now()'): number {
    return this.#host.wall() + this.#open(what).wallOffset;
  }

  /** Milliseconds since the component started (performance.now). */
  performanceNow(): number {
    this.#open('performance.now()');
    return this.#host.monotonic() - this.#origin;
  }

  /** The wall-clock time of performance.now()'s zero. */
  timeOrigin(): number {
    return this.#originWall + this.#open('performance.timeOrigin').wallOffset;
  }

  /** performance.now() if the component has a clock already, else 0 (an event's timeStamp opens no session). */
  eventTimeStamp(): number {
    return this.#session === undefined ? 0 : this.#host.monotonic() - this.#origin;
  }

  setTimeout(what: string, callback: unknown, delay: unknown, args: unknown[], repeat: boolean): number {
    if (typeof callback !== 'function') throw new TypeError(`${what}: the callback must be a function`);
    this.#open(what);
    const ms = delayOf(delay);
    const timeout: Timeout = {
      id: ++this.#ids, deadline: this.#host.monotonic() + ms, seq: ++this.#seq,
      callback: callback as (...args: unknown[]) => void, args, interval: repeat ? Math.max(ms, MIN_INTERVAL_MS) : undefined,
    };
    this.#timeouts.set(timeout.id, timeout);
    this.#enqueue(timeout);
    this.#arm();
    return timeout.id;
  }

  clearTimeout(id: unknown): void {
    if (typeof id === 'number') this.#timeouts.delete(id);
  }

  #open(what: string): { readonly connection: Connection<Timer>; readonly wallOffset: number } {
    if (this.#session !== undefined) return this.#session;
    if (this.#denied !== undefined) throw new TimerDenied(`${what}: ${this.#denied}`);
    const access = this.#access;
    if (access === undefined) throw new TimerDenied(`${what}: there is no clock while the component's module is being loaded; use it in construct(env)`);
    let connection: Connection<Timer>;
    try {
      connection = access.open();
    } catch (error) {
      this.#denied = `a clock needs a Timer session, and the parent denied it (${(error as Error).message}); `
        + 'route the service "Timer" to this component in its parent\'s config, e.g. <route> <service name="Timer"> <parent/> </service> </route>';
      throw new TimerDenied(`${what}: ${this.#denied}`);
    }
    const wallMs = access.syncClient(connection).wallClockUs() / 1000;
    void connection.client.sigh(access.signalHandler(() => this.#due()));
    this.#session = { connection, wallOffset: Math.round(wallMs - this.#host.wall()) };
    return this.#session;
  }

  #enqueue(timeout: Timeout): void {
    const queue = this.#queue;
    let low = 0;
    let high = queue.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = queue[middle] as Timeout;
      if (other.deadline < timeout.deadline || (other.deadline === timeout.deadline && other.seq < timeout.seq)) low = middle + 1;
      else high = middle;
    }
    queue.splice(low, 0, timeout);
  }

  /* Arms the session for the earliest live timeout, unless it is armed for that one already. */
  #arm(): void {
    while (this.#queue.length > 0 && !this.#timeouts.has((this.#queue[0] as Timeout).id)) this.#queue.shift();
    const next = this.#queue[0];
    if (next === undefined || this.#session === undefined) return;
    if (this.#armed !== undefined && this.#armed <= next.deadline) return;
    this.#armed = next.deadline;
    const us = Math.max(0, Math.ceil((next.deadline - this.#host.monotonic()) * 1000));
    this.#session.connection.client.triggerOnce(us).catch(() => undefined);
  }

  /*
   * The session's signal: runs what was due when it arrived. A timeout
   * set by a callback waits for the next signal even with a delay of 0,
   * so that a callback that sets itself again cannot starve the rest.
   */
  #due(): void {
    this.#armed = undefined;
    const now = this.#host.monotonic();
    const lastSeq = this.#seq;
    try {
      for (;;) {
        const head = this.#queue[0];
        if (head === undefined || head.deadline > now || head.seq > lastSeq) break;
        this.#queue.shift();
        if (!this.#timeouts.has(head.id)) continue;
        if (head.interval === undefined) {
          this.#timeouts.delete(head.id);
        } else {
          head.deadline = now + head.interval;
          head.seq = ++this.#seq;
          this.#enqueue(head);
        }
        Reflect.apply(head.callback, undefined, head.args);
      }
    } finally {
      this.#arm();
    }
  }
}
