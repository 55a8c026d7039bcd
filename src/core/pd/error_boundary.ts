/*
 * The boundary of the web platform's globals.
 *
 * Node implements most of them in JavaScript and, for a bad argument or a
 * bad state, throws errors of its own classes: one class per error code
 * (`TypeError [ERR_INVALID_ARG_TYPE]` is an instance of a subclass of
 * TypeError private to Node), whose prototypes nothing freezes and nothing
 * outside Node can reach in advance. A component that caught one could
 * change the class of every such error its worker's runtime meets. The
 * same holds for objects whose classes only a call reaches (the iterator
 * of a URLSearchParams, of a stream, of Intl's segments). So every
 * function a component can reach in these globals (constructors, methods,
 * accessors, in their classes and namespaces) is wrapped: an error that
 * leaves it, thrown or as the rejection of a promise it returned, is
 * hardened first, its class with it, and the prototype chain of what it
 * returns (or its promise fulfils with) is hardened.
 *
 * Applied to the worker's own objects, before they are hardened: Node's
 * internal callers of these methods go through the wrappers too, which
 * only adds a try/catch.
 */

/// <reference types="ses" />

type Callable = (this: unknown, ...args: unknown[]) => unknown;

const NativePromise = Promise;
const promiseThen = Promise.prototype.then;

function hardened(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? harden(error) : error;
}

/*
 * Makes the data property `key` of `target` (a prototype about to be
 * hardened) an accessor, as SES's override taming does for the
 * intrinsics: hardened, a data property would make an assignment to the
 * same name on an object inheriting it fail (JavaScript's "override
 * mistake"), and Node's code does assign so (`stream.constructor = …` on
 * the streams it makes internally).
 */
function overridable(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, {
    get: () => value,
    set(this: object, replacement: unknown) {
      if (this === target) throw new TypeError(`Cannot assign to read only property '${String(key)}' of a hardened prototype`);
      Object.defineProperty(this, key, { value: replacement, writable: true, enumerable: true, configurable: true });
    },
    enumerable: false, configurable: true,
  });
}

/* `value` with its prototype chain hardened (not itself: an array or a buffer a method returns stays the caller's to change). */
function adopted(value: unknown): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  const chain: object[] = [];
  for (let prototype = Object.getPrototypeOf(value) as object | null; prototype !== null && !Object.isFrozen(prototype);
    prototype = Object.getPrototypeOf(prototype) as object | null) chain.push(prototype);
  for (const prototype of chain) {
    for (const key of Reflect.ownKeys(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      if (descriptor !== undefined && 'value' in descriptor && descriptor.configurable === true && descriptor.writable === true) {
        overridable(prototype, key, descriptor.value);
      }
    }
  }
  if (chain[0] !== undefined) harden(chain[0]);
  return value;
}

/* The result, adopted; a promise's fulfilment adopted and its rejection hardened on their way out. */
function passed(value: unknown): unknown {
  if (!(value instanceof NativePromise)) return adopted(value);
  return Reflect.apply(promiseThen, value, [adopted, (error: unknown) => { throw hardened(error); }]);
}

const guardedFunctions = new WeakMap<Callable, Callable>();

/* The wrapper of `original` (one per function); a class's prototype points back at the wrapper. */
function guardFunction(original: Callable): Callable {
  const known = guardedFunctions.get(original);
  if (known !== undefined) return known;
  const prototype = (original as { prototype?: unknown }).prototype;
  const isClass = typeof prototype === 'object' && prototype !== null;
  const run = (self: unknown, args: unknown[], newTarget: Function | undefined): unknown => {
    try {
      return passed(newTarget === undefined ? Reflect.apply(original, self, args) : Reflect.construct(original as never, args, newTarget));
    } catch (error) {
      throw hardened(error);
    }
  };
  /* A class's wrapper constructs; a method's is a method too (no prototype, no constructor). */
  const guarded: Callable = isClass
    ? function (this: unknown, ...args: unknown[]): unknown { return run(this, args, new.target); }
    : { method(this: unknown, ...args: unknown[]): unknown { return run(this, args, undefined); } }.method;
  for (const key of Reflect.ownKeys(original)) {
    const descriptor = Object.getOwnPropertyDescriptor(original, key);
    if (descriptor !== undefined && key !== 'prototype') Object.defineProperty(guarded, key, descriptor);
  }
  if (isClass) {
    Object.defineProperty(guarded, 'prototype', { value: prototype, writable: false });
    const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor');
    if (constructor?.value === original && constructor.configurable === true) {
      overridable(prototype, 'constructor', guarded);
    }
  }
  Object.setPrototypeOf(guarded, Object.getPrototypeOf(original) as object);
  guardedFunctions.set(original, guarded);
  return guarded;
}

/* Wraps the functions among `target`'s own properties (and walks the classes among them; other objects they hold are Node's business). */
function guardProperties(target: object, seen: WeakSet<object>): void {
  for (const key of Reflect.ownKeys(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor === undefined || !descriptor.configurable) continue;
    if (key === 'constructor') continue;
    if (typeof descriptor.value === 'function') {
      const value = descriptor.value as Callable;
      guardObject(value, seen);
      Object.defineProperty(target, key, { ...descriptor, value: guardFunction(value) });
    } else if (descriptor.get !== undefined || descriptor.set !== undefined) {
      Object.defineProperty(target, key, {
        ...descriptor,
        ...(descriptor.get === undefined ? {} : { get: guardFunction(descriptor.get as Callable) }),
        ...(descriptor.set === undefined ? {} : { set: guardFunction(descriptor.set as Callable) }),
      });
    }
  }
}

/* A class (its statics and its prototype's members) or a namespace object (its members and its prototype's). */
function guardObject(object: object, seen: WeakSet<object>): void {
  if (seen.has(object) || object === Object.prototype || object === Function.prototype) return;
  seen.add(object);
  guardProperties(object, seen);
  if (typeof object === 'function') {
    const prototype = (object as { prototype?: unknown }).prototype;
    if (typeof prototype === 'object' && prototype !== null) guardObject(prototype, seen);
  } else {
    const prototype = Object.getPrototypeOf(object) as object | null;
    if (prototype !== null) guardObject(prototype, seen);
  }
}

/**
 * The classes of the errors TextEncoder and TextDecoder throw, hardened:
 * SES freezes those two classes before Nido can wrap their methods, and
 * their few errors are known (every one is provoked here). The classes are
 * per error code and shared by all of Node's APIs.
 */
export function hardenTextCodecErrors(): void {
  const provoke = (run: () => unknown): void => {
    try {
      run();
    } catch (error) {
      hardened(error);
    }
  };
  provoke(() => new TextDecoder('no such encoding'));
  provoke(() => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])));
  provoke(() => new TextDecoder().decode(1 as never));
  provoke(() => Reflect.apply(TextDecoder.prototype.decode, {}, []));
  provoke(() => new TextEncoder().encodeInto('', 1 as never));
  provoke(() => Reflect.apply(TextEncoder.prototype.encode, {}, []));
  provoke(() => Reflect.apply(TextDecoder as unknown as Callable, undefined, []));
}

/** Puts the boundary around `objects` in place: their members and, for a class, its prototype's. */
export function guardInPlace(objects: readonly object[], seen = new WeakSet<object>()): void {
  for (const object of objects) guardObject(object, seen);
}

/**
 * Puts the boundary around `realm[name]` for each name: their classes'
 * members and their namespaces' are wrapped in place; the answer holds
 * the globals to hand over (constructors and functions wrapped, other
 * values themselves).
 */
export function guardErrors(realm: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const seen = new WeakSet<object>();
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = realm[name];
    if ((typeof value === 'object' || typeof value === 'function') && value !== null) guardInPlace([value], seen);
    out[name] = typeof value === 'function' ? guardFunction(value as Callable) : value;
  }
  return out;
}
