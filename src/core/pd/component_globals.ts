/*
 * The global scope of a JavaScript component: the common web platform API
 * that Node, Deno, workerd and Bun share (WinterTC's minimum common API),
 * every ECMAScript intrinsic, and nothing that carries authority except
 * through a session.
 *
 * The implementations are the worker's own (Node's), hardened before the
 * component can reach them (each group on its first use, below): the
 * worker hosts exactly one component, so what is changed or frozen here
 * changes nothing for any other. Hardening freezes each global and
 * everything reachable from it (prototypes, methods, accessors), so that a
 * component cannot rewrite what the runtime itself uses (its ports are
 * EventTargets, its wire format uses the text codecs, and so on); the
 * error boundary (error_boundary.ts) covers what only a call reaches.
 *
 * What would reach the world otherwise is cut or rerouted first:
 *
 * - time: Date, performance, setTimeout and friends, AbortSignal.timeout
 *   and Intl.DateTimeFormat's "now" go through the Timer session
 *   (component_time.ts); Event.prototype.timeStamp reads that clock only
 *   once the component has it;
 * - URL.createObjectURL/revokeObjectURL go: their registry is shared by
 *   every worker of the process, a channel between components;
 * - fetch, the network, BroadcastChannel, MessageChannel, Worker,
 *   SharedArrayBuffer and Atomics (shared memory and blocking waits) are
 *   not there at all.
 *
 * Randomness carries no authority: Math.random and crypto work everywhere.
 */

/// <reference types="ses" />
import type { ComponentTime } from './component_time.js';
import { guardErrors, guardInPlace, hardenTextCodecErrors } from './error_boundary.js';
import { EAGER, LAZY, TIME_AND_MATH } from './global_names.js';

type Record_ = Record<string, unknown>;

/* The engine's own (its errors are the realm's, frozen by SES, and its results' classes reachable) needs no error boundary. */
const ENGINE_OWN = new Set<string>(['WebAssembly']);

function descriptor(target: object, key: PropertyKey): PropertyDescriptor {
  const found = Object.getOwnPropertyDescriptor(target, key);
  if (found === undefined) throw new Error(`the worker's ${String(key)} is missing`);
  return found;
}

/* Date, called, constructed without arguments, or asked for now, reads the component's clock. */
function componentDate(time: ComponentTime): DateConstructor {
  const HostDate = globalThis.Date;
  const hostToString = HostDate.prototype.toString;
  function Date(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return Reflect.apply(hostToString, new HostDate(time.dateNow('Date()')), []);
    return Reflect.construct(HostDate, args.length === 0 ? [time.dateNow('new Date()')] : args, new.target);
  }
  Object.defineProperties(Date, {
    prototype: { value: HostDate.prototype, writable: false },
    length: { value: 7 },
    now: { value: () => time.dateNow(), writable: true, configurable: true },
    parse: { value: HostDate.parse, writable: true, configurable: true },
    UTC: { value: HostDate.UTC, writable: true, configurable: true },
  });
  return Date as unknown as DateConstructor;
}

function componentPerformance(time: ComponentTime): object {
  return {
    now: () => time.performanceNow(),
    get timeOrigin() { return time.timeOrigin(); },
    toJSON: () => ({ timeOrigin: time.timeOrigin() }),
    [Symbol.toStringTag]: 'Performance',
  };
}

function componentTimers(time: ComponentTime): Record_ {
  return {
    setTimeout: (callback: unknown, delay?: unknown, ...args: unknown[]) => time.setTimeout('setTimeout', callback, delay, args, false),
    setInterval: (callback: unknown, delay?: unknown, ...args: unknown[]) => time.setTimeout('setInterval', callback, delay, args, true),
    clearTimeout: (id?: unknown) => time.clearTimeout(id),
    clearInterval: (id?: unknown) => time.clearTimeout(id),
  };
}

/* Math with the start realm's random (SES's shared Math throws). */
function componentMath(): Math {
  return Object.create(Object.prototype, Object.getOwnPropertyDescriptors(Math)) as Math;
}

/*
 * Reroutes what reads the host's clock or shares state between workers in
 * the worker's own classes, before they are hardened.
 */
function reroute(realm: Record_, time: ComponentTime): void {
  const AbortSignal = realm['AbortSignal'] as { timeout?: unknown };
  const AbortController = realm['AbortController'] as new () => { signal: unknown; abort(reason: unknown): void };
  const DOMException = realm['DOMException'] as new (message: string, name: string) => Error;
  Object.defineProperty(AbortSignal, 'timeout', {
    value: function timeout(ms: unknown): unknown {
      const controller = new AbortController();
      time.setTimeout('AbortSignal.timeout', () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms, [], false);
      return controller.signal;
    },
    writable: true, configurable: true,
  });

  const Event = realm['Event'] as { prototype: object };
  Object.defineProperty(Event.prototype, 'timeStamp', { get: () => time.eventTimeStamp(), configurable: true, enumerable: true });

  const { prototype } = Intl.DateTimeFormat;
  const format = descriptor(prototype, 'format').get as (this: Intl.DateTimeFormat) => (date?: Date | number) => string;
  const formatToParts = prototype.formatToParts;
  Object.defineProperty(prototype, 'format', {
    get(this: Intl.DateTimeFormat) {
      const bound = format.call(this);
      return (date?: Date | number) => bound(date === undefined ? time.dateNow('Intl.DateTimeFormat format()') : date);
    },
    configurable: true,
  });
  Object.defineProperty(prototype, 'formatToParts', {
    value: function (this: Intl.DateTimeFormat, date?: Date | number) {
      return formatToParts.call(this, date === undefined ? time.dateNow('Intl.DateTimeFormat formatToParts()') : date);
    },
    writable: true, configurable: true,
  });
}

/* The worker's `names`, Node's implementations behind the error boundary. */
function handedOver(realm: Record_, names: readonly string[]): Record_ {
  const values = guardErrors(realm, names.filter((name) => !ENGINE_OWN.has(name)));
  for (const name of names) if (ENGINE_OWN.has(name)) values[name] = realm[name];
  return values;
}

/*
 * Prototypes no global leads to, only a call (a URLSearchParams' or a
 * stream's iterator, Intl's segments and their iterator): put behind the
 * boundary and hardened with the rest, before the component can call.
 */
function reachedByCalls(values: Record_): object[] {
  const proto = (value: unknown): object => Object.getPrototypeOf(value) as object;
  const Segmenter = (values['Intl'] as typeof Intl).Segmenter;
  const segments = new Segmenter().segment('');
  const ReadableStream = values['ReadableStream'] as new () => { values(): unknown };
  const prototypes = [
    proto(new URLSearchParams().entries()),
    proto(new ReadableStream().values()),
    proto(segments),
    proto(segments[Symbol.iterator]()),
  ];
  guardInPlace(prototypes);
  return prototypes;
}

/* Defines `name` on `global` as a global is: writable, configurable, not enumerable. */
function define(global: Record_, name: string, value: unknown): void {
  Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
}

/*
 * Defines each of `names` on `global` as an accessor that, on the first
 * read of any of them, has `make` answer all of them and makes them
 * ordinary globals; a write before that makes just that one an ordinary
 * global, as assigning a global does.
 */
function onFirstUse(global: Record_, names: readonly string[], make: () => Record_): void {
  const pending = new Set<string>(names);
  const makeAll = (): void => {
    const values = make();
    for (const name of pending) define(global, name, values[name]);
    pending.clear();
  };
  for (const name of names) {
    Object.defineProperty(global, name, {
      get: Object.freeze(() => {
        makeAll();
        return global[name];
      }),
      set: Object.freeze((value: unknown) => {
        pending.delete(name);
        define(global, name, value);
      }),
      configurable: true,
      enumerable: false,
    });
  }
}

/**
 * The globals of the component's compartment, after SES's lockdown, on
 * `global` (the compartment's global object); `userAgent` is
 * navigator.userAgent. Call once per worker.
 *
 * Each group is made, hardened, on the component's first use of any of
 * it. Made at boot, they cost every worker about 8 ms and 650 KiB of heap
 * (Node loads most of LAZY's on first read), also the many workers that
 * run a C program or init and never look at them: the heap a PD's runtime
 * holds is its base, which no quota pays (docs/quotas.md).
 */
export function installComponentGlobals(global: Record_, time: ComponentTime, userAgent: string): void {
  const realm = globalThis as unknown as Record_;
  /* The text codecs' errors, whose classes SES froze before they could be wrapped: provoked and hardened at boot (about 1 ms). */
  hardenTextCodecErrors();
  for (const name of [...EAGER, ...LAZY]) {
    /* `in`, not a read: Node loads most of these on first read. */
    if (!(name in realm)) throw new Error(`the worker has no ${name}`);
  }
  onFirstUse(global, TIME_AND_MATH, () => {
    const values: Record_ = {
      ...componentTimers(time),
      Date: componentDate(time),
      Math: componentMath(),
      performance: componentPerformance(time),
      navigator: { userAgent, [Symbol.toStringTag]: 'Navigator' },
    };
    for (const name of ['Float32Array', 'Float64Array', 'WeakRef', 'FinalizationRegistry']) values[name] = realm[name];
    for (const value of Object.values(values)) harden(value);
    return values;
  });
  onFirstUse(global, EAGER, () => {
    /* The registry of blob URLs is shared by every worker of the process: a channel between components. */
    const URL = realm['URL'] as Record_;
    delete URL['createObjectURL'];
    delete URL['revokeObjectURL'];
    const values = handedOver(realm, EAGER);
    for (const value of Object.values(values)) harden(value);
    return values;
  });
  onFirstUse(global, LAZY, () => {
    reroute(realm, time);
    const values = handedOver(realm, LAZY);
    for (const prototype of reachedByCalls(values)) harden(prototype);
    for (const value of Object.values(values)) harden(value);
    return values;
  });
}
