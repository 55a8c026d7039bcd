import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Clocks, parseRtc } from './clock.js';
import type { SyncClient } from '../../base/interface.js';
import type { Timer } from '../../session/timer/interface.js';
import { ClockId, WasiErrno } from './wasi_abi.js';
import { SyscallError } from './errors.js';

test('rtc text in Genode\'s format is UTC nanoseconds', () => {
  assert.equal(parseRtc('2024-02-29 12:34:56\n'), BigInt(Date.UTC(2024, 1, 29, 12, 34, 56)) * 1_000_000n);
  assert.equal(parseRtc('1970-01-01 00:00'), 0n);
  assert.equal(parseRtc('yesterday'), undefined);
});

function fakeTimer(): { timer: SyncClient<Timer>; advance(us: number): void; slept: number[] } {
  let now = 5_000_000;
  const slept: number[] = [];
  const timer = {
    elapsedUs: () => now, elapsedMs: () => Math.floor(now / 1000), wallClockUs: () => now,
    msleep: (ms: number) => { slept.push(ms); now += ms * 1000; },
    triggerOnce: () => {}, triggerPeriodic: () => {}, sigh: () => {},
  } as SyncClient<Timer>;
  return { timer, advance: (us) => { now += us; }, slept };
}

test('the wall clock starts at the rtc and advances with the Timer', () => {
  const { timer, advance } = fakeTimer();
  let reads = 0;
  const clocks = new Clocks(timer, () => { reads++; return 1_000_000_000_000n; });
  assert.equal(clocks.now(ClockId.REALTIME), 1_000_000_000_000n);
  advance(250);
  assert.equal(clocks.now(ClockId.REALTIME), 1_000_000_250_000n);
  assert.equal(reads, 1, 'the rtc is read once');
  assert.equal(clocks.now(ClockId.MONOTONIC), 5_000_250_000n);
  assert.equal(clocks.now(ClockId.PROCESS_CPUTIME), 250_000n, 'CPU time counts from the program\'s start');
});

test('sleeping rounds up to whole milliseconds; no Timer, no monotonic clock', () => {
  const { timer, slept } = fakeTimer();
  const clocks = new Clocks(timer, () => undefined);
  clocks.sleep(1n);
  clocks.sleep(2_000_001n);
  clocks.sleep(0n);
  assert.deepEqual(slept, [1, 3]);
  const without = new Clocks(undefined, () => undefined);
  assert.equal(without.now(ClockId.REALTIME), 0n, 'without rtc the wall clock is the epoch');
  assert.throws(() => without.now(ClockId.MONOTONIC), (e: unknown) => e instanceof SyscallError && e.errno === WasiErrno.NOTSUP);
  assert.throws(() => clocks.now(17), (e: unknown) => e instanceof SyscallError && e.errno === WasiErrno.INVAL);
});
