/*
 * `<rtc [name]/>`: reading gives the current time as
 * `YYYY-MM-DD HH:MM:SS\n` (spec/runtime.md §2), computed at each read.
 *
 * Nido's core has no real-time clock and components have no clock of
 * their own; the time comes from a Timer session: the epoch
 * (1970-01-01 00:00:00) at the moment core booted, plus the time elapsed
 * since. Programs thus see a monotonic, boot-relative calendar time, which
 * is what Genode's libc sees without an rtc too (the epoch).
 */

import type { OpenFlags, VfsHandle, VfsStat } from './interface.js';
import { FileHandle, readContent } from './file_handle.js';
import type { Clock } from './services.js';
import { SingleFileSystem } from './single_file_system.js';

/** Length of `YYYY-MM-DD HH:MM:SS\n`. */
export const TIMESTAMP_LENGTH = 20;

const NS_PER_SECOND = 1_000_000_000n;

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS` of a time in nanoseconds since the epoch (UTC, proleptic Gregorian). */
export function formatTimestamp(ns: bigint): string {
  const seconds = Number(ns / NS_PER_SECOND);
  const days = Math.floor(seconds / 86400);
  const secondOfDay = seconds - days * 86400;
  /* days → civil date (H. Hinnant's algorithm), no Date needed: a compartment's Date is tamed */
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(secondOfDay % 60)}`;
}

class RtcHandle extends FileHandle {
  readonly #clock: Clock;
  readonly #stat: VfsStat;

  constructor(flags: OpenFlags, clock: Clock, stat: VfsStat) {
    super(flags);
    this.#clock = clock;
    this.#stat = stat;
  }

  stat(): VfsStat {
    return this.#stat;
  }

  protected readAt(buffer: Uint8Array, offset: number): number {
    if (offset >= TIMESTAMP_LENGTH) return 0;
    return readContent(new TextEncoder().encode(formatTimestamp(this.#clock.now()) + '\n'), buffer, offset);
  }

  protected writeAt(): number {
    return 0;
  }
}

export class RtcFileSystem extends SingleFileSystem {
  readonly #clock: Clock;

  constructor(name: string, clock: Clock, inode: number) {
    super(name, 'file', inode, 'rtc', false);
    this.#clock = clock;
  }

  protected size(): number {
    return TIMESTAMP_LENGTH;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    return new RtcHandle(flags, this.#clock, this.nodeStat());
  }
}
