/*
 * Sizes in a typed config: a number of bytes, or Genode's num_bytes text
 * (digits with an optional K, M or G suffix, spec/init.md §1.1). Both are
 * written as Genode writes them ("2M"). Anything else (a fraction, a
 * negative number, "4 MB", which init would read as 0) is refused where
 * it is written.
 *
 *   sizeText('16M', 'ram')        // '16M'
 *   sizeText(4 * 1024 ** 2, 'ram') // '4M'
 */

import { formatNumBytes, parseNumBytes } from '../../util/num_bytes.js';
import { InvalidConfig } from './invalid_config.js';

/** Bytes as a number, or Genode's size text: "4096", "64K", "16M", "1G". */
export type Size = number | `${bigint}` | `${bigint}K` | `${bigint}M` | `${bigint}G`;

/** Genode's text for `size`; throws InvalidConfig naming `what` when init could not read it. */
export function sizeText(size: Size, what: string): string {
  if (typeof size === 'number') {
    if (!Number.isSafeInteger(size) || size < 0) throw new InvalidConfig(`${what}: ${size} is no size (a whole number of bytes, or text such as "16M")`);
    return formatNumBytes(size);
  }
  if (typeof size !== 'string' || parseNumBytes(size) === undefined || size.trim() !== size) {
    throw new InvalidConfig(`${what}: ${JSON.stringify(size)} is no size (digits with an optional K, M or G, such as "16M", or a number of bytes)`);
  }
  return size;
}

/** A count (caps, milliseconds, ...); throws InvalidConfig naming `what` unless it is a whole number ≥ 0. */
export function naturalValue(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidConfig(`${what}: ${JSON.stringify(value)} is no whole number of 0 or more`);
  }
  return value;
}
