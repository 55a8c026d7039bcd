/*
 * The global scope of a JavaScript component: the common web platform API
 * that Node, Deno, workerd and Bun share (WinterTC's minimum common API),
 * every ECMAScript intrinsic, and nothing that carries authority except
 * through a session.
 *
 * The implementations are the worker's own (Node's), hardened before the
 * component runs: the worker hosts exactly one component, so what is
 * changed or frozen here changes nothing for any other. Hardening freezes
 * each global and everything reachable from it (prototypes, methods,
 * accessors), so that a component cannot rewrite what the runtime itself
 * uses (the runtime's ports are EventTargets, its sessions use URL-free
 * text codecs, and so on).
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

type Record_ = Record<string, unknown>;

/* The web platform classes and functions handed over as the worker has them. */
const WEB_PLATFORM = [
  'AbortController', 'AbortSignal', 'Blob', 'File', 'DOMException', 'Event', 'EventTarget',
  'TextEncoder', 'TextDecoder', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream',
  'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
  'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'URL', 'URLSearchParams', 'atob', 'btoa', 'structuredClone', 'queueMicrotask',
  'crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto',
] as const;

/* ECMAScript intrinsics that SES keeps out of new compartments (a side channel of NaN bits, of garbage collection), which Nido does not mind. */
const INTRINSICS = ['Float32Array', 'Float64Array', 'WeakRef', 'FinalizationRegistry', 'Intl', 'WebAssembly'] as const;

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

  const URL = realm['URL'] as Record_;
  delete URL['createObjectURL'];
  delete URL['revokeObjectURL'];

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

/**
 * The hardened globals of the component's compartment, after SES's
 * lockdown; `userAgent` is navigator.userAgent. Call once per worker.
 */
export function componentGlobals(time: ComponentTime, userAgent: string): Record_ {
  const realm = globalThis as unknown as Record_;
  reroute(realm, time);
  const globals: Record_ = {};
  for (const name of [...WEB_PLATFORM, ...INTRINSICS]) {
    const value = realm[name];
    if (value === undefined) throw new Error(`the worker has no ${name}`);
    globals[name] = value;
  }
  Object.assign(globals, componentTimers(time), {
    Date: componentDate(time),
    Math: componentMath(),
    performance: componentPerformance(time),
    navigator: { userAgent, [Symbol.toStringTag]: 'Navigator' },
  });
  for (const value of Object.values(globals)) harden(value);
  return globals;
}
