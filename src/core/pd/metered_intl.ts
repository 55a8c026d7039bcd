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
import { Metering, type Constructor, type Method } from './metering.js';

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

/** Replaces Intl's constructors and per-call ICU methods by metered ones. Call once, before SES is evaluated. */
export function installMeteredIntl(meter: RamMeter): void {
  const intl = Intl as unknown as Record<string, unknown>;
  /* Found with the engine's Segmenter, before it is replaced: a metered one would charge for this probe. */
  const segmentsPrototype = Object.getPrototypeOf(new Intl.Segmenter().segment('')) as object;
  const metering = new Metering(meter);
  for (const [name, bytes] of Object.entries(CONSTRUCTORS)) {
    const Original = intl[name] as Constructor | undefined;
    if (typeof Original !== 'function') continue;
    metering.replaceConstructor(intl, Original, () => bytes, (object) => meter.track(object, 'buffers', () => bytes), true);
  }
  /* Each call makes an ICU object, counted while the result lives. */
  const perCall = (what: string) => (original: Method) => (self: unknown, args: unknown[]) => {
    const made = metering.paid(SEGMENTS_BYTES, what, () => Reflect.apply(original, self, args));
    if (typeof made === 'object' && made !== null) meter.track(made, 'buffers', () => SEGMENTS_BYTES);
    return made;
  };
  const Segmenter = intl['Segmenter'] as Constructor & { prototype: object };
  metering.replaceMethod(Segmenter.prototype, 'segment', perCall('Intl.Segmenter.prototype.segment'));
  metering.replaceMethod(segmentsPrototype, Symbol.iterator, perCall('Intl.Segments iterator'));
}
