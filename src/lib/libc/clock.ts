/*
 * The clocks of WASI on Nido's sessions. A component has no clock of its
 * own: the monotonic clock is the elapsed time of a Timer session, asked
 * through the synchronous path (the program is inside a system call and
 * cannot await), and between two questions advanced by the thread's own
 * high-resolution clock, as Genode's Timer::Connection interpolates
 * between the timer driver's answers. The session is asked again every
 * RECALIBRATE_MS of that (a session's time may run at its own pace), and
 * the clock never runs backwards. Reading it so costs what reading a
 * clock costs on Linux instead of a round trip to the Timer's server;
 * that matters beyond speed: vim's input loop (ui.c, inchar_loop) turns a
 * wait of N ms into a wait for ever when more than N ms pass between two
 * of its clock readings a few lines apart, which readings that each wait
 * for a busy server made happen (a key that never took effect).
 * The wall clock is read once from the `<libc rtc>` file
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
/* How long the local clock carries the monotonic clock before the session is asked again. */
export const RECALIBRATE_MS = 1000;

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
  readonly #local: () => number;
  /* The session's answer (µs) and the local clock (ms) when it came. */
  #calibration: { readonly sessionUs: number; readonly localMs: number } | undefined;
  #lastUs = 0;
  #realtimeBase: { readonly rtc: bigint; readonly monotonic: bigint } | undefined;

  /**
   * `timer` is undefined when the component has no Timer session (then
   * only the wall clock answers, standing still); `readRtc` reads the rtc
   * file on first use of the wall clock. `local` is the thread's clock
   * in ms (performance.now; a test's own).
   */
  constructor(timer: SyncClient<Timer> | undefined, readRtc: () => bigint | undefined, local: () => number = () => performance.now()) {
    this.#timer = timer;
    this.#readRtc = readRtc;
    this.#local = local;
    this.#start = timer === undefined ? 0n : this.monotonic();
  }

  get available(): boolean {
    return this.#timer !== undefined;
  }

  /** Nanoseconds since the Timer's start. */
  monotonic(): bigint {
    if (this.#timer === undefined) throw new SyscallError(WasiErrno.NOTSUP, 'no Timer session: the component has no monotonic clock');
    let local = this.#local();
    if (this.#calibration === undefined || local - this.#calibration.localMs >= RECALIBRATE_MS || local < this.#calibration.localMs) {
      const sessionUs = this.#timer.elapsedUs();
      local = this.#local();
      this.#calibration = { sessionUs, localMs: local };
    }
    const us = Math.floor(this.#calibration.sessionUs + (local - this.#calibration.localMs) * 1000);
    this.#lastUs = Math.max(this.#lastUs, us);
    return BigInt(this.#lastUs) * 1000n;
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
