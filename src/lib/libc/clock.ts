/*
 * The clocks of WASI on Nido's sessions. A component has no clock of its
 * own: the monotonic clock is the elapsed time of a Timer session, asked
 * through the synchronous path (the program is inside a system call and
 * cannot await). The wall clock is read once from the `<libc rtc>` file
 * and then advanced by the monotonic clock, as Genode's libc does;
 * without an rtc it starts at the epoch when the program starts. The CPU
 * time clocks count the program's monotonic lifetime: a protection domain
 * runs one thread, and the host's CPU accounting is out of reach.
 */

import type { SyncClient } from '../../base/interface.js';
import type { Timer } from '../../session/timer/interface.js';
import { SyscallError } from './errors.js';
import { ClockId, WasiErrno } from './wasi_abi.js';

/* Timer sessions count microseconds. */
const RESOLUTION_NS = 1000n;

/** Parses Genode's rtc format, `YYYY-MM-DD HH:MM:SS` (UTC), into nanoseconds since the epoch. */
export function parseRtc(text: string): bigint | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const ms = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  return Number.isFinite(ms) ? BigInt(ms) * 1_000_000n : undefined;
}

export class Clocks {
  readonly #timer: SyncClient<Timer> | undefined;
  readonly #readRtc: () => bigint | undefined;
  readonly #start: bigint;
  #realtimeBase: { readonly rtc: bigint; readonly monotonic: bigint } | undefined;

  /**
   * `timer` is undefined when the component has no Timer session (then
   * only the wall clock answers, standing still); `readRtc` reads the rtc
   * file on first use of the wall clock.
   */
  constructor(timer: SyncClient<Timer> | undefined, readRtc: () => bigint | undefined) {
    this.#timer = timer;
    this.#readRtc = readRtc;
    this.#start = timer === undefined ? 0n : this.monotonic();
  }

  get available(): boolean {
    return this.#timer !== undefined;
  }

  /** Nanoseconds since the Timer's start. */
  monotonic(): bigint {
    if (this.#timer === undefined) throw new SyscallError(WasiErrno.NOTSUP, 'no Timer session: the component has no monotonic clock');
    return BigInt(Math.floor(this.#timer.elapsedUs())) * 1000n;
  }

  /** The value of clock `id` in nanoseconds. */
  now(id: number): bigint {
    switch (id) {
      case ClockId.REALTIME: return this.#realtime();
      case ClockId.MONOTONIC: return this.monotonic();
      case ClockId.PROCESS_CPUTIME:
      case ClockId.THREAD_CPUTIME: return this.monotonic() - this.#start;
      default: throw new SyscallError(WasiErrno.INVAL, `unknown clock ${id}`);
    }
  }

  resolution(id: number): bigint {
    if (id < ClockId.REALTIME || id > ClockId.THREAD_CPUTIME) throw new SyscallError(WasiErrno.INVAL, `unknown clock ${id}`);
    return RESOLUTION_NS;
  }

  /** Blocks the program for at least `ns` nanoseconds (a Timer msleep). */
  sleep(ns: bigint): void {
    if (ns <= 0n) return;
    if (this.#timer === undefined) throw new SyscallError(WasiErrno.NOTSUP, 'no Timer session: the component cannot sleep');
    this.#timer.msleep(Number((ns + 999_999n) / 1_000_000n));
  }

  #realtime(): bigint {
    const monotonic = this.#timer === undefined ? 0n : this.monotonic();
    this.#realtimeBase ??= { rtc: this.#readRtc() ?? 0n, monotonic };
    return this.#realtimeBase.rtc + (monotonic - this.#realtimeBase.monotonic);
  }
}
