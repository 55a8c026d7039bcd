/*
 * The RAM meter's verdict on a measurement over the quota: memory the
 * component dropped but the engine has not collected yet must not end it
 * (the noux process that exec'd a new program while its old memory was
 * garbage), memory it holds must.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTask } from 'node:timers/promises';
import { RamMeter } from './ram_meter.js';
import { createRamCells, RamCell, ramAvail } from '../ram_cells.js';

/* The engine's WebAssembly.Memory (the project's TypeScript library has no WebAssembly types). */
interface WasmMemory { readonly buffer: ArrayBuffer }
const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number }) => WasmMemory } }).WebAssembly;

const MIB = 1024 * 1024;
const QUOTA = 4 * MIB;

function attached(): { meter: RamMeter; cells: BigInt64Array; overruns: string[] } {
  const cells = createRamCells(QUOTA);
  Atomics.store(cells, RamCell.quota, BigInt(QUOTA));
  const overruns: string[] = [];
  const meter = new RamMeter();
  meter.attach(cells, (message) => overruns.push(message));
  return { meter, cells, overruns };
}

function trackedMemory(meter: RamMeter, mib: number): WasmMemory {
  const memory = new Memory({ initial: (mib * MIB) / 65536 });
  meter.track(memory, 'wasm', (object) => (object as WasmMemory).buffer.byteLength);
  return memory;
}

test('a dropped memory over the quota is collected before the verdict, not counted against the component', async () => {
  const { meter, cells, overruns } = attached();
  let dropped: WasmMemory | undefined = trackedMemory(meter, 8);
  assert.equal(dropped.buffer.byteLength, 8 * MIB);
  dropped = undefined;
  /* One task measures (and so keeps the memory alive to its end); the verdict comes in the next. */
  meter.measure();
  assert.ok(ramAvail(cells) < 0, 'the first measurement finds the memory still alive');
  await nextTask();
  await nextTask();
  assert.deepEqual(overruns, []);
  assert.equal(meter.shares().wasm, 0);
  assert.ok(ramAvail(cells) > 0, `all back: ${ramAvail(cells)}`);
});

test('a memory the component holds over its quota ends it, with what holds it', async () => {
  const { meter, overruns } = attached();
  const held = trackedMemory(meter, 8);
  meter.measure();
  await nextTask();
  await nextTask();
  assert.equal(overruns.length, 1);
  assert.match(overruns[0] ?? '', /^RAM quota of 4\.0 MiB exceeded: the component holds 8\.\d MiB \(heap [\d.]+ MiB, buffers [\d.]+ MiB, WebAssembly memory 8\.0 MiB, the rest dataspaces\)$/);
  assert.equal(held.buffer.byteLength, 8 * MIB);
});
