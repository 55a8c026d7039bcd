/*
 * Metered Intl: the ICU objects behind Intl's instances live outside the
 * JavaScript heap and outside the array-buffer allocator, where the RAM
 * meter does not look, and one can be far bigger than its wrapper: a
 * DateTimeFormat holds about 26-31 KiB of the host's memory behind 188
 * bytes of heap, so a component with a 4 MiB quota could otherwise hold
 * gigabytes. Each constructor (called or constructed, as Intl's may be)
 * and each method that makes an ICU object per call (Segmenter's
 * `segment`, its segments' iterator) charges what the object holds, and
 * the meter counts it for as long as the object lives (ram_meter.ts).
 *
 * The sizes are what one instance added to a Node process's resident
 * memory, over 3,000 instances, rounded up; instances that share ICU's
 * caches (NumberFormat, PluralRules, ...) cost less than a KiB and are
 * charged one.
 *
 * Installed before SES, like the other metered intrinsics, so that the
 * compartment's Intl (hardened in component_globals.ts) has only these.
 */

import type { RamMeter } from './ram_meter.js';

const KiB = 1024;

const CONSTRUCTORS: Readonly<Record<string, number>> = {
  DateTimeFormat: 32 * KiB,
  Collator: KiB,
  NumberFormat: KiB,
  PluralRules: KiB,
  RelativeTimeFormat: KiB,
  ListFormat: KiB,
  Segmenter: KiB,
  DisplayNames: KiB,
};
/* A Segments object and its iterator each clone a break iterator. */
const SEGMENTS_BYTES = 2 * KiB;

type Callable = (this: unknown, ...args: unknown[]) => unknown;
type Constructor = new (...args: unknown[]) => object;

/* Runs `make` after charging `bytes`; the object it makes is counted while it lives. */
function paid(meter: RamMeter, bytes: number, what: string, make: () => unknown): unknown {
  meter.charge(bytes, what);
  let made: unknown;
  try {
    made = make();
  } catch (error) {
    meter.refund(bytes);
    throw error;
  }
  if (typeof made === 'object' && made !== null) meter.track(made, 'buffers', () => bytes);
  return made;
}

function replaceMethod(meter: RamMeter, target: object, key: PropertyKey, bytes: number, what: string): void {
  const original = Reflect.get(target, key) as Callable;
  const metered = {
    [what](this: unknown, ...args: unknown[]): unknown {
      return paid(meter, bytes, what, () => Reflect.apply(original, this, args));
    },
  }[what] as Callable;
  Object.defineProperty(metered, 'name', { value: original.name });
  Object.defineProperty(metered, 'length', { value: original.length });
  Object.defineProperty(target, key, { value: metered, writable: true, enumerable: false, configurable: true });
}

/** Replaces Intl's constructors and per-call ICU methods by metered ones. Call once, before SES is evaluated. */
export function installMeteredIntl(meter: RamMeter): void {
  const intl = Intl as unknown as Record<string, unknown>;
  /* Found with the engine's Segmenter, before it is replaced: a metered one would charge for this probe. */
  const segmentsPrototype = Object.getPrototypeOf(new Intl.Segmenter().segment('')) as object;
  for (const [name, bytes] of Object.entries(CONSTRUCTORS)) {
    const Original = intl[name] as Constructor | undefined;
    if (typeof Original !== 'function') continue;
    const what = `Intl.${name}`;
    const Metered = function (this: unknown, ...args: unknown[]): unknown {
      const target = new.target as unknown as Constructor | undefined;
      return paid(meter, bytes, what, () => (target === undefined
        ? Reflect.apply(Original as unknown as Callable, this, args)
        : Reflect.construct(Original, args, target)));
    };
    for (const key of Reflect.ownKeys(Original)) {
      const descriptor = Object.getOwnPropertyDescriptor(Original, key);
      if (descriptor !== undefined) Object.defineProperty(Metered, key, descriptor);
    }
    Object.setPrototypeOf(Metered, Object.getPrototypeOf(Original) as object);
    Object.defineProperty(Original.prototype, 'constructor', { value: Metered, writable: true, enumerable: false, configurable: true });
    Object.defineProperty(intl, name, { value: Metered, writable: true, enumerable: false, configurable: true });
  }
  const Segmenter = intl['Segmenter'] as Constructor & { prototype: object };
  replaceMethod(meter, Segmenter.prototype, 'segment', SEGMENTS_BYTES, 'Intl.Segmenter.prototype.segment');
  replaceMethod(meter, segmentsPrototype, Symbol.iterator, SEGMENTS_BYTES, 'Intl.Segments iterator');
}
