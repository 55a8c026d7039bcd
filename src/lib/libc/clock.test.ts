import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clocks, parseRtc, RECALIBRATE_MS } from './clock.js';
import type { SyncClient } from '../../base/interface.js';
import type { Timer } from '../../session/timer/interface.js';
import { ClockId, WasiErrno } from './wasi_abi.js';
import { SyscallError } from './errors.js';

test('rtc text in Genode\'s format is UTC nanoseconds', () => {
  assert.equal(parseRtc('2024-02-29 12:34:56\n'), BigInt(Date.UTC(2024, 1, 29, 12, 34, 56)) * 1_000_000n);
  assert.equal(parseRtc('1970-01-01 00:00'), 0n);
  assert.equal(parseRtc('yesterday'), undefined);
});

/* A Timer session and a local clock that advance together (the session may be made to jump alone). */
function fakeTimer(): { timer: SyncClient<Timer>; local: () => number; advance(us: number): void; jump(us: number): void; slept: number[]; asked: () => number } {
  let now = 5_000_000;
  let local = 77_000;
  let asked = 0;
  const slept: number[] = [];
  const timer = {
    elapsedUs: () => { asked++; return now; }, elapsedMs: () => Math.floor(now / 1000), wallClockUs: () => now,
    msleep: (ms: number) => { slept.push(ms); now += ms * 1000; local += ms; },
    triggerOnce: () => {}, triggerPeriodic: () => {}, sigh: () => {},
  } as SyncClient<Timer>;
  return {
    timer, local: () => local, slept, asked: () => asked,
    advance: (us) => { now += us; local += us / 1000; },
    jump: (us) => { now += us; },
  };
}

test('the wall clock starts at the rtc and advances with the Timer', () => {
  const { timer, local, advance } = fakeTimer();
  let reads = 0;
  const clocks = new Clocks(timer, () => { reads++; return 1_000_000_000_000n; }, local);
  assert.equal(clocks.now(ClockId.REALTIME), 1_000_000_000_000n);
  advance(250);
  assert.equal(clocks.now(ClockId.REALTIME), 1_000_000_250_000n);
  assert.equal(reads, 1, 'the rtc is read once');
  assert.equal(clocks.now(ClockId.MONOTONIC), 5_000_250_000n);
  assert.equal(clocks.now(ClockId.PROCESS_CPUTIME), 250_000n, 'CPU time counts from the program\'s start');
});

test('sleeping rounds up to whole milliseconds; no Timer, no monotonic clock', () => {
  const { timer, local, slept } = fakeTimer();
  const clocks = new Clocks(timer, () => undefined, local);
  clocks.sleep(1n);
  clocks.sleep(2_000_001n);
  clocks.sleep(0n);
  assert.deepEqual(slept, [1, 3]);
  const without = new Clocks(undefined, () => undefined);
  assert.equal(without.now(ClockId.REALTIME), 0n, 'without rtc the wall clock is the epoch');
  assert.throws(() => without.now(ClockId.MONOTONIC), (e: unknown) => e instanceof SyscallError && e.errno === WasiErrno.NOTSUP);
  assert.throws(() => clocks.now(17), (e: unknown) => e instanceof SyscallError && e.errno === WasiErrno.INVAL);
});

test('between questions to the Timer the local clock carries the monotonic clock, which never runs backwards', () => {
  const { timer, local, advance, jump, asked } = fakeTimer();
  const clocks = new Clocks(timer, () => undefined, local);
  const first = asked();
  for (let i = 0; i < 100; i++) {
    advance(1000);
    assert.equal(clocks.now(ClockId.MONOTONIC), BigInt(5_000_000 + (i + 1) * 1000) * 1000n);
  }
  assert.equal(asked(), first, 'readings within RECALIBRATE_MS do not ask the session');
  /* The session's time runs ahead of the local clock: the next question takes it over. */
  jump(5_000_000);
  advance(RECALIBRATE_MS * 1000);
  assert.equal(clocks.now(ClockId.MONOTONIC), BigInt(5_000_000 + 100_000 + 5_000_000 + RECALIBRATE_MS * 1000) * 1000n);
  assert.equal(asked(), first + 1);
  /* A session that fell behind does not take the clock back. */
  jump(-2_000_000);
  advance(RECALIBRATE_MS * 1000);
  const held = clocks.now(ClockId.MONOTONIC);
  assert.equal(held, BigInt(5_000_000 + 100_000 + 5_000_000 + RECALIBRATE_MS * 1000) * 1000n, 'held where it was');
  advance(1000);
  assert.equal(clocks.now(ClockId.MONOTONIC), held, 'and stays there until the session catches up');
});
