/*
 * Metered intrinsics: every JavaScript intrinsic that allocates memory
 * outside the heap asks the PD's RAM meter first (ram_meter.ts).
 *
 * The PD runtime installs them before SES is evaluated, so they are the
 * realm's intrinsics from then on: the globals a compartment gets, the
 * `constructor` of every prototype (`new Uint8Array(8).buffer.constructor`
 * is the metered ArrayBuffer), and what SES itself captures (its
 * `ArrayBuffer.prototype.transfer` allocates through them). The engine's
 * own constructors stay in this module's closure.
 *
 * What allocates, and how each is paid before the memory is taken:
 *
 * - `new ArrayBuffer(n)`, `new SharedArrayBuffer(n)`, `new Uint8Array(n)`
 *   and every other typed array (from a length, a typed array, an
 *   iterable or an array-like, which is read into a list first so that its
 *   length is known), `%TypedArray%.from`/`of` (they construct `this`);
 * - `slice`, `map` and `filter` of typed arrays and `slice` of both
 *   buffers, which construct their result through the species
 *   constructor or, where the species is undefined, through the engine's
 *   own constructor: the result's size is held in escrow while they run
 *   (see `escrowed`);
 * - `toReversed`, `toSorted` and `with`, which always use the engine's
 *   constructor of their own type;
 * - `ArrayBuffer.prototype.resize`, `transfer`, `transferToFixedLength`
 *   (where the engine has them) and `SharedArrayBuffer.prototype.grow`
 *   (a resizable buffer's memory lies outside the allocator the meter
 *   measures, so the meter also tracks its size);
 * - `TextEncoder.prototype.encode` (its exact UTF-8 length).
 */

import type { RamMeter } from './ram_meter.js';
import {
  arrayBufferByteLength, bufferByteLength, getter, Metering, sharedArrayBufferByteLength, toIndex, TypedArrayPrototype,
  typedArrayName, type Constructor, type Sized,
} from './metering.js';

interface TypedArrayConstructor {
  readonly BYTES_PER_ELEMENT: number;
}

const TYPED_ARRAYS = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
] as const;

/* Captured before anything is replaced. */
const realm = globalThis as unknown as Record<string, unknown>;
const OriginalArrayBuffer = ArrayBuffer;
const OriginalSharedArrayBuffer = SharedArrayBuffer;
const typedArrayLength = getter(TypedArrayPrototype, 'length');
const arrayFrom = Array.from;
const isArray = Array.isArray;
const arrayValues = Array.prototype.values;

/* The element count of a typed array, undefined for anything else. */
function elementsOf(value: unknown): number | undefined {
  return typedArrayName.call(value) === undefined ? undefined : typedArrayLength.call(value) as number;
}

/* ToLength (ECMA-262 7.1.20). */
function toLength(value: unknown): number {
  const number = +(value as number);
  if (Number.isNaN(number) || number <= 0) return 0;
  return Math.min(Math.trunc(number), Number.MAX_SAFE_INTEGER);
}

/* ToIntegerOrInfinity, for the arguments of slice. */
function toInteger(value: unknown): number {
  const number = +(value as number);
  return Number.isNaN(number) ? 0 : Math.trunc(number) + 0;
}

/* A relative index of slice into `length` elements, clamped. */
function relativeIndex(value: number, length: number): number {
  return value < 0 ? Math.max(length + value, 0) : Math.min(value, length);
}

/*
 * The count slice(start, end) takes from `length` elements, and its
 * arguments as numbers (so they are converted once). No closure here:
 * the runtime bundle keeps function names, which costs every named
 * closure made at run time half a microsecond, on every slice.
 */
function sliceCount(length: number, start: unknown, end: unknown): { count: number; args: [number, number] } {
  const first = relativeIndex(toInteger(start), length);
  const final = end === undefined ? length : relativeIndex(toInteger(end), length);
  return { count: Math.max(final - first, 0), args: [first, final] };
}

/* Exact length of `text` in UTF-8, lone surrogates as U+FFFD (what TextEncoder writes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Replaces the realm's allocating intrinsics by metered ones charging
 * `meter`. Call once, before SES is evaluated.
 */
export function installMeteredIntrinsics(meter: RamMeter): void {
  const metering = new Metering(meter);

  /* Buffers: their length argument, converted once. A resizable one is tracked by size. */
  const bufferSize = (args: unknown[]): number => {
    const length = toIndex(args[0]);
    if (length !== undefined) args[0] = length;
    return length ?? 0;
  };
  /* A resizable buffer's memory lies outside the allocator the meter measures: it is measured by its size. */
  const trackResizable = (byteLength: (this: unknown) => unknown, resizable: (this: unknown) => unknown) => (object: object) => {
    if (resizable.call(object) === true) meter.track(object, 'buffers', (buffer) => byteLength.call(buffer) as number);
  };
  metering.replaceConstructor(realm, OriginalArrayBuffer as unknown as Constructor, bufferSize,
    trackResizable(arrayBufferByteLength, getter(ArrayBuffer.prototype, 'resizable')));
  metering.replaceConstructor(realm, OriginalSharedArrayBuffer as unknown as Constructor, bufferSize,
    trackResizable(sharedArrayBufferByteLength, getter(SharedArrayBuffer.prototype, 'growable')));

  for (const name of TYPED_ARRAYS) {
    const Original = realm[name] as unknown as Constructor & TypedArrayConstructor;
    const element = Original.BYTES_PER_ELEMENT;
    metering.replaceConstructor(realm, Original, (args): number | Sized => {
      const source = args[0];
      if ((typeof source !== 'object' || source === null) && typeof source !== 'function') {
        const length = toIndex(source);
        if (length === undefined) return 0;
        args[0] = length;
        return length * element;
      }
      if (bufferByteLength(source) !== undefined) return 0;
      const elements = elementsOf(source);
      if (elements !== undefined) return elements * element;
      const iterator: unknown = (source as { [Symbol.iterator]?: unknown })[Symbol.iterator];
      if (iterator !== undefined && iterator !== null && !(isArray(source) && iterator === arrayValues)) {
        /* An iterable: read into a list first, as the engine does, so that its length is known. */
        const list = arrayFrom(source as Iterable<unknown>);
        args[0] = list;
        return list.length * element;
      }
      /*
       * An array-like (or an array iterated the ordinary way): its length
       * is read once and paid, then the elements are read into the new
       * array one by one, as the engine would, but without a copy on the
       * heap first.
       */
      const length = toLength((source as { length?: unknown }).length);
      args.length = 0;
      args.push(length);
      return {
        bytes: length * element,
        init: (array) => {
          const target = array as Record<number, unknown>;
          const from = source as Record<number, unknown>;
          for (let index = 0; index < length; index++) target[index] = from[index];
        },
      };
    });
  }

  const elementSize = (array: unknown): number => {
    const name = typedArrayName.call(array);
    return typeof name === 'string' ? (realm[name] as TypedArrayConstructor).BYTES_PER_ELEMENT : 0;
  };
  const byteLengthOf = (array: object): number => (elementsOf(array) ?? 0) * elementSize(array);

  metering.replaceMethod(TypedArrayPrototype, 'slice', (original) => (self, [start, end]) => {
    const { count, args } = sliceCount(typedArrayLength.call(self) as number, start, end);
    return metering.escrowed(count * elementSize(self), 'TypedArray.prototype.slice', byteLengthOf, () => Reflect.apply(original, self, args));
  });
  metering.replaceMethod(TypedArrayPrototype, 'map', (original) => (self, args) => {
    const bytes = (typedArrayLength.call(self) as number) * elementSize(self);
    return metering.escrowed(bytes, 'TypedArray.prototype.map', byteLengthOf, () => Reflect.apply(original, self, args));
  });
  metering.replaceMethod(TypedArrayPrototype, 'filter', (original) => (self, args) => {
    /* At most every element is kept; the escrow pays the result and the rest goes back. */
    const bytes = (typedArrayLength.call(self) as number) * elementSize(self);
    return metering.escrowed(bytes, 'TypedArray.prototype.filter', byteLengthOf, () => Reflect.apply(original, self, args));
  });
  for (const name of ['toReversed', 'toSorted', 'with']) {
    metering.replaceMethod(TypedArrayPrototype, name, (original) => (self, args) => {
      const bytes = (typedArrayLength.call(self) as number) * elementSize(self);
      return metering.paid(bytes, `TypedArray.prototype.${name}`, () => Reflect.apply(original, self, args));
    });
  }

  for (const [prototype, byteLength] of [
    [OriginalArrayBuffer.prototype, arrayBufferByteLength],
    [OriginalSharedArrayBuffer.prototype, sharedArrayBufferByteLength],
  ] as const) {
    const what = prototype === OriginalArrayBuffer.prototype ? 'ArrayBuffer' : 'SharedArrayBuffer';
    metering.replaceMethod(prototype, 'slice', (original) => (self, [start, end]) => {
      const { count, args } = sliceCount(byteLength.call(self) as number, start, end);
      return metering.escrowed(count, `${what}.prototype.slice`, (result) => byteLength.call(result) as number, () => Reflect.apply(original, self, args));
    });
    /* transfer(newLength) moves the contents into new memory of that length (engines that have it natively). */
    for (const name of ['resize', 'grow', 'transfer', 'transferToFixedLength']) {
      metering.replaceMethod(prototype, name, (original) => (self, [newLength]) => {
        const old = byteLength.call(self) as number;
        const length = newLength === undefined ? old : toIndex(newLength);
        if (length === undefined) return Reflect.apply(original, self, [newLength]);
        return metering.paid(Math.max(0, length - old), `${what}.prototype.${name}`, () => Reflect.apply(original, self, [length]));
      });
    }
  }

  metering.replaceMethod(TextEncoder.prototype, 'encode', (original) => (self, [input]) => {
    const text = input === undefined ? '' : `${input as string}`;
    return metering.paid(utf8Length(text), 'TextEncoder.prototype.encode', () => Reflect.apply(original, self, [text]));
  });
}
