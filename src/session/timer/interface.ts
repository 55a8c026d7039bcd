/*
 * Timer session: elapsed time and timeouts delivered as signals.
 *
 * `msleep` answers after the given time, so an asynchronous client awaits it
 * and a synchronous client blocks in it, like Genode's blocking msleep.
 */

import type { SignalContextCapability } from '../../base/capability.js';
import { defineInterface } from '../../base/interface.js';

export interface Timer {
  /** Arms a one-shot timeout `us` microseconds from now (replacing an armed one). */
  triggerOnce(us: number): void;
  /** Arms a periodic timeout every `us` microseconds (0 disarms). */
  triggerPeriodic(us: number): void;
  /** Installs the handler of timeouts. */
  sigh(handler: SignalContextCapability): void;
  elapsedMs(): number;
  elapsedUs(): number;
  /**
   * Microseconds since the Unix epoch. Genode reads wall-clock time from
   * an Rtc session; a host has one clock for both, so Nido's Timer answers
   * it too (the JavaScript Date of a component rests on it).
   */
  wallClockUs(): number;
  /** Answers after `ms` milliseconds. */
  msleep(ms: number): void;
}

export const Timer = defineInterface<Timer>('Timer', ['triggerOnce', 'triggerPeriodic', 'sigh', 'elapsedMs', 'elapsedUs', 'wallClockUs', 'msleep']);

export const TIMER_SESSION_RAM = 8 * 1024;
export const TIMER_SESSION_CAPS = 2;
