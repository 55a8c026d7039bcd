/*
 * The RAM side of an account, in shared memory: core and the runtime of
 * the account's protection domain both charge it, without a message.
 *
 * Core charges dataspaces and moves quota; the PD runtime charges what the
 * component allocates inside its isolate (heap, buffers, WebAssembly
 * memory, see pd/ram_meter.ts). Both take from one cell, `avail`, with a
 * compare-and-swap that never lets it fall below zero, so neither can
 * overdraw what the other took meanwhile. Only a measurement (the runtime
 * finding its heap larger than charged) may push it below zero; that
 * component is over its quota and is ended.
 *
 * The other cells say what the runtime's share is made of and what the
 * quota is (core writes it), for reports and messages.
 */

export const RamCell = { avail: 0, heap: 1, buffers: 2, wasm: 3, quota: 4 } as const;
const CELLS = 5;

export type RamCells = BigInt64Array;

export function createRamCells(avail = 0): RamCells {
  const cells = new BigInt64Array(new SharedArrayBuffer(CELLS * BigInt64Array.BYTES_PER_ELEMENT));
  cells[RamCell.avail] = BigInt(avail);
  return cells;
}

/** Takes `bytes` from `avail` if it holds them; false (nothing taken) if not. */
export function takeRam(cells: RamCells, bytes: number): boolean {
  const amount = BigInt(bytes);
  for (;;) {
    const avail = Atomics.load(cells, RamCell.avail);
    if (avail < amount) return false;
    if (Atomics.compareExchange(cells, RamCell.avail, avail, avail - amount) === avail) return true;
  }
}

/** Adds `bytes` (negative: takes them unconditionally) to `avail`. */
export function giveRam(cells: RamCells, bytes: number): void {
  if (bytes !== 0) Atomics.add(cells, RamCell.avail, BigInt(bytes));
}

export function ramAvail(cells: RamCells): number {
  return Number(Atomics.load(cells, RamCell.avail));
}

/** What the runtime charged for one kind of memory (RamCell.heap, .buffers, .wasm). */
export function ramCell(cells: RamCells, cell: number): number {
  return Number(Atomics.load(cells, cell));
}
