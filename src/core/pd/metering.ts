/*
 * Metering: how an engine constructor or method is replaced by one that
 * pays the RAM meter before the engine allocates (metered_intrinsics.ts,
 * metered_webassembly.ts).
 *
 * A metered constructor stands where the engine's stood: same name,
 * length, statics, [[Prototype]] and `prototype`, and the prototype's
 * `constructor` points to it, so the engine's constructor is reachable
 * from nowhere but this module's callers.
 */

import { types } from 'node:util';
import type { RamMeter } from './ram_meter.js';

export type Constructor = new (...args: never[]) => object;
export type Method = (this: unknown, ...args: never[]) => unknown;

/** The getter of `key` on `target` (captured, so that an own property of an instance cannot stand in for it). */
export function getter(target: object, key: PropertyKey): (this: unknown) => unknown {
  const get = Object.getOwnPropertyDescriptor(target, key)?.get;
  if (get === undefined) throw new Error(`metering: no getter ${String(key)}`);
  return get;
}

/* The engine's own getters, captured when this module is evaluated, before the PD runtime replaces anything. */
export const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
/** A typed array's kind (`'Uint8Array'`, ...), undefined for anything else. */
export const typedArrayName = getter(TypedArrayPrototype, Symbol.toStringTag);
export const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
export const sharedArrayBufferByteLength = getter(SharedArrayBuffer.prototype, 'byteLength');
/* The engine's brand checks: they answer without throwing (a thrown TypeError costs microseconds). */
const { isArrayBuffer, isSharedArrayBuffer } = types;

/** What `read` answers, or undefined where it throws. */
export function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * The byte length of an ArrayBuffer or a SharedArrayBuffer; undefined for
 * anything else. Every view made on a buffer asks this: told by brand
 * checks rather than by a getter that throws, since a caught TypeError
 * cost each view on shared memory 8 µs and each typed array copied from
 * another 17 µs.
 */
export function bufferByteLength(value: unknown): number | undefined {
  if (isArrayBuffer(value)) return arrayBufferByteLength.call(value) as number;
  if (isSharedArrayBuffer(value)) return sharedArrayBufferByteLength.call(value) as number;
  return undefined;
}

/* ToIndex (ECMA-262 7.1.22), or undefined where it throws a RangeError (the engine then throws its own). */
export function toIndex(value: unknown): number | undefined {
  const number = +(value as number);
  const integer = Number.isNaN(number) ? 0 : Math.trunc(number) + 0;
  return integer >= 0 && integer <= Number.MAX_SAFE_INTEGER ? integer : undefined;
}

/** What a metered construction costs, and how the new object is filled once made. */
export interface Sized {
  readonly bytes: number;
  readonly init: (object: object) => void;
}

interface Escrow {
  readonly bytes: number;
  taken: number;
  made: object | undefined;
}

export class Metering {
  /*
   * Open while an engine method that may construct through the engine's
   * own constructor runs (see escrowed()). `made` is the object a metered
   * constructor made (and paid for) last meanwhile: a method's result
   * made by one is made during the method. Kept here rather than in a
   * set of every object the metered constructors made: adding to a
   * WeakSet cost each typed array about 0.5 µs, and most are views that
   * no escrow ever asks about.
   */
  #escrow: Escrow | undefined;

  constructor(readonly meter: RamMeter) {}

  /**
   * Replaces `Original` by a metered constructor whose instances cost
   * `size(args)` bytes and installs it as `home[name]`. `size` may
   * normalise `args` in place, so that the engine converts nothing twice,
   * and may return an `init` step that fills the new object; `made` sees
   * every object made. With `calledConstructs` (Intl's constructors), a
   * call without `new` makes an object too and is metered as one.
   */
  replaceConstructor(
    home: object, Original: Constructor, size: (args: unknown[]) => number | Sized, made?: (object: object) => void, calledConstructs = false,
  ): Function {
    const what = Original.name;
    const construct = (args: unknown[], newTarget: Function): object => {
      const sized = size(args);
      const bytes = typeof sized === 'number' ? sized : sized.bytes;
      const object = this.#construct(Original, args, newTarget, bytes, what);
      if (typeof sized !== 'number') sized.init(object);
      return object;
    };
    const Metered = function (this: unknown, ...args: unknown[]): object {
      if (new.target === undefined && !calledConstructs) return Reflect.apply(Original as unknown as Method, this, args) as object;
      const object = construct(args, new.target ?? Original);
      made?.(object);
      return object;
    };
    for (const key of Reflect.ownKeys(Original)) {
      const descriptor = Object.getOwnPropertyDescriptor(Original, key);
      if (descriptor !== undefined) Object.defineProperty(Metered, key, descriptor);
    }
    Object.setPrototypeOf(Metered, Object.getPrototypeOf(Original) as object);
    Object.defineProperty(Original.prototype, 'constructor', { value: Metered, writable: true, enumerable: false, configurable: true });
    Object.defineProperty(home, what, { value: Metered, writable: true, enumerable: false, configurable: true });
    return Metered;
  }

  /**
   * Replaces the method `target[name]` by one that runs `wrap(original)`
   * with its receiver and arguments, keeping its name and length. Like
   * the engine's, it is no constructor (and has no `prototype`).
   */
  replaceMethod(target: object, name: PropertyKey, wrap: (original: Method) => (self: unknown, args: unknown[]) => unknown): void {
    const original = Reflect.get(target, name) as unknown;
    if (typeof original !== 'function') return;
    const run = wrap(original as Method);
    const named: Record<PropertyKey, Method> = { [name](this: unknown, ...args: unknown[]): unknown { return run(this, args); } };
    const metered = named[name] as Method;
    Object.defineProperty(metered, 'length', { value: (original as Method).length });
    Object.defineProperty(target, name, { value: metered, writable: true, enumerable: false, configurable: true });
  }

  /** Runs `run` after charging `bytes` for `what`; gives them back if it throws. */
  paid<T>(bytes: number, what: string, run: () => T): T {
    this.meter.charge(bytes, what);
    try {
      return run();
    } catch (error) {
      this.meter.refund(bytes);
      throw error;
    }
  }

  /**
   * Runs an engine method that constructs its result either through the
   * species constructor (a metered one, which pays) or, where the species
   * is undefined, through the engine's own constructor (which does not):
   * `bytes` are held in escrow while it runs. The first metered
   * construction of at most that size takes the escrow instead of
   * charging again; a result the engine made is paid by the escrow, or
   * charged afresh if something else took it meanwhile. What is left over
   * goes back.
   */
  escrowed(bytes: number, what: string, sizeOf: (result: object) => number, method: () => unknown): unknown {
    const { meter } = this;
    meter.charge(bytes, what);
    const outer = this.#escrow;
    const escrow: Escrow = { bytes, taken: 0, made: undefined };
    this.#escrow = escrow;
    let result: unknown;
    try {
      result = method();
    } catch (error) {
      meter.refund(bytes);
      throw error;
    } finally {
      this.#escrow = outer;
    }
    const object = result as object;
    /* Paid either way: an enclosing escrow whose method returns it must not pay again. */
    if (outer !== undefined) outer.made = object;
    if (escrow.made === object) {
      meter.refund(bytes - escrow.taken);
    } else if (escrow.taken === 0) {
      meter.refund(bytes - sizeOf(object));
    } else {
      meter.refund(bytes - escrow.taken);
      meter.charge(sizeOf(object), what);
    }
    return result;
  }

  #construct(Original: Constructor, args: unknown[], newTarget: Function, bytes: number, what: string): object {
    const escrow = this.#escrow;
    const fromEscrow = escrow !== undefined && escrow.taken === 0 && bytes > 0 && bytes <= escrow.bytes;
    if (fromEscrow) escrow.taken = bytes;
    else this.meter.charge(bytes, what);
    try {
      const object = Reflect.construct(Original, args, newTarget) as object;
      if (escrow !== undefined) escrow.made = object;
      return object;
    } catch (error) {
      if (fromEscrow) escrow.taken = 0;
      else this.meter.refund(bytes);
      throw error;
    }
  }
}
