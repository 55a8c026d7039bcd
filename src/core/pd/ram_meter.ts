/*
 * RAM meter: charges the memory a component holds inside its isolate to
 * its PD's RAM account (docs/quotas.md, "What counts").
 *
 * Two ways in, one account:
 *
 * - **Charges before the fact.** Every intrinsic that allocates memory
 *   outside the JavaScript heap (metered_intrinsics.ts, metered_webassembly.ts)
 *   asks `charge(bytes)` before it allocates. The account pays from the
 *   shared `avail` cell, or the allocation is refused with a RangeError and
 *   nothing is taken. Before refusing, the meter collects garbage and trues
 *   the account up: a loop that drops what it allocated gets its memory
 *   back, as it would from `free`.
 * - **Measurement.** After every garbage collection (and before a
 *   refusal) the meter measures what the isolate really holds: heap bytes
 *   above the runtime's own, array-buffer bytes its allocator hands out,
 *   WebAssembly linear memory. The account is trued up to it, so freed and
 *   collected memory returns to `avail`, and memory nobody charged up front
 *   (the heap; buffers the engine made while decoding a message) is paid
 *   all the same.
 *
 * A measurement that finds the component over its quota (its heap grew
 * past it) by more than a small grace ends the component: `overrun`
 * tells core, which ends the PD with a line naming the quota and what
 * holds it.
 */

import v8, { getHeapSpaceStatistics } from 'node:v8';
import vm from 'node:vm';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { giveRam, RamCell, ramAvail, ramCell, takeRam, type RamCells } from '../ram_cells.js';

/** What a PD's memory is made of, in bytes (reports and messages). */
export interface RamShares {
  readonly heap: number;
  readonly buffers: number;
  readonly wasm: number;
}

interface Tracked {
  readonly ref: WeakRef<object>;
  readonly share: 'buffers' | 'wasm';
  readonly sizeOf: (object: object) => number;
}

interface Attachment {
  readonly cells: RamCells;
  readonly overrun: (message: string) => void;
  readonly bufferBaseline: number;
}

/*
 * The JavaScript heap (old generation and large objects) every PD holds
 * without its component: the locked-down runtime, env and the RPC
 * machinery take about 9 MiB after a collection (8.6 MiB an idle dummy,
 * 9.0 MiB an idle init before the stack traces with source maps and the
 * Gui and interposition parts of the base library came; 9.0 and 9.3 MiB
 * since). Heap beyond it is the component's and is charged. A fixed
 * figure, not one measured at start, because the heap holds garbage of
 * unknown size at any moment but right after a full collection; it keeps
 * the headroom over the runtime's own heap it had (about 1.5 MiB), which
 * a parent's bookkeeping of many children needs before it shrinks again.
 */
export const HEAP_BASE = 10.5 * 1024 * 1024;

const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/* Buffers the runtime itself holds and churns (messages, scratch space): part of the base as well. */
export const BUFFER_BASE = 256 * 1024;

/* Quiet time after the engine's last collection before the meter settles the account, and the longest between two settles (see #scheduleSettle). */
const SETTLE_MS = 1000;
const SETTLE_MAX_MS = 32_000;
/* A change of the account by a settle that is worth telling the component about (besides its return to nothing charged). */
const SETTLE_NEWS = 64 * 1024;
/* A collection asked for (by the meter), not one the engine chose. */
const FORCED_GC = constants.NODE_PERFORMANCE_GC_FLAGS_FORCED;

/*
 * How far the heap may take a component past its quota before it is
 * ended. A component that filled its quota with buffers up to a refusal
 * and holds them still needs its heap to grow a little (compiled code,
 * the objects of its next steps); meanwhile every charge is refused. The
 * grace is part of the PD's base (docs/quotas.md).
 */
export const HEAP_GRACE = 2 * 1024 * 1024;

/* Charges (bytes) between two measurements of the heap before a charge. */
const MEASURE_AFTER = 64 * 1024;

/* Taken before any component runs. */
const later = setImmediate;

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/* Bytes the isolate's ArrayBuffer allocator handed out (shared memory made here included, memory received from core not). */
function allocatorBytes(): number {
  return process.memoryUsage().arrayBuffers;
}

export class RamMeter {
  #account: Attachment | undefined;
  /* What the account was charged for each share, as of the last charge or measurement. */
  #heap = 0;
  #buffers = 0;
  /* How much of BUFFER_BASE the component's buffers take (what lies beyond is #buffers). */
  #baseUsed = 0;
  #wasm = 0;
  #settle: ReturnType<typeof setTimeout> | undefined;
  /* Bytes charged since the heap was last measured. */
  #unmeasured = 0;
  #collectGarbage: CollectGarbage | undefined;
  #ended = false;
  /* A verdict on a measurement over the quota is due (#judge). */
  #judging = false;
  /** Called when a settle moved the account by SETTLE_NEWS or more (init reports its RAM anew). */
  settled: (() => void) | undefined;
  /* Memory outside the allocator the meter measures, measured by size while its object lives. */
  readonly #tracked = new Set<Tracked>();

  /**
   * From now on, everything the component allocates is paid from `cells`.
   * Buffers the runtime holds at this point, BUFFER_BASE bytes more, the
   * young generation and the first HEAP_BASE bytes of the rest of the heap
   * are the PD's base, not charged.
   */
  attach(cells: RamCells, overrun: (message: string) => void): void {
    this.#account = {
      cells, overrun,
      bufferBaseline: allocatorBytes(),
    };
    const observer = new PerformanceObserver((list) => {
      this.measure();
      /* A collection the engine chose (not the meter's own): settle once things are quiet. */
      const forced = list.getEntries().every((entry) => (((entry as { detail?: { flags?: number } }).detail?.flags ?? 0) & FORCED_GC) !== 0);
      if (!forced) this.#scheduleSettle();
    });
    observer.observe({ entryTypes: ['gc'] });
  }

  /**
   * Pays `bytes` for an allocation `what` is about to make, or throws a
   * RangeError (nothing taken) when the account cannot pay them.
   */
  charge(bytes: number, what: string): void {
    const account = this.#account;
    if (account === undefined || bytes <= 0) return;
    /* The heap grows unannounced: weigh it before a sizable charge, so that the refusal comes where the quota ends. */
    this.#unmeasured += bytes;
    if (this.#unmeasured >= MEASURE_AFTER) this.#trueUpHeap(account);
    if (!this.#take(account, bytes)) {
      /*
       * Garbage may hold what it needs (a loop that drops what it
       * allocated): collect before refusing. (Tracked memories this task
       * already measured stay alive through it, see measure: a second
       * refusal in one task may count a dropped memory still.)
       */
      this.#collectGarbageNow();
      this.#trueUp(account);
      if (!this.#take(account, bytes)) {
        const { heap, buffers, wasm } = this.shares();
        throw new RangeError(`${what}: ${bytes} bytes refused: the RAM quota of ${mib(ramCell(account.cells, RamCell.quota))} has ${Math.max(0, ramAvail(account.cells))} bytes available `
          + `(heap ${mib(heap)}, buffers ${mib(buffers)}, WebAssembly ${mib(wasm)})`);
      }
    }
  }

  /* Takes `bytes` from what is left of the buffer base first, the rest from the account; whether it could. */
  #take(account: Attachment, bytes: number): boolean {
    const fromBase = Math.min(bytes, BUFFER_BASE - this.#baseUsed);
    if (!takeRam(account.cells, bytes - fromBase)) return false;
    this.#baseUsed += fromBase;
    this.#buffers += bytes - fromBase;
    return true;
  }

  /** Gives back `bytes` charged for an allocation that did not happen (or shrank): to the account first, then to the base. */
  refund(bytes: number): void {
    const account = this.#account;
    if (account === undefined || bytes <= 0) return;
    const toAccount = Math.min(bytes, this.#buffers);
    giveRam(account.cells, toAccount);
    this.#buffers -= toAccount;
    this.#baseUsed = Math.max(0, this.#baseUsed - (bytes - toAccount));
  }

  /**
   * Measures `object`'s memory by `sizeOf` as part of `share` for as long
   * as it lives: memory the allocator measure does not see (resizable
   * buffers, WebAssembly memories and modules). `sizeOf` must not be a
   * method the component could override.
   */
  track(object: object, share: 'buffers' | 'wasm', sizeOf: (object: object) => number): void {
    this.#tracked.add({ ref: new WeakRef(object), share, sizeOf });
  }

  /** Trues the account up to what the isolate holds now; a component found over its quota is judged in a task of its own (#judge). */
  measure(): void {
    const account = this.#account;
    if (account === undefined || this.#ended) return;
    this.#trueUp(account);
    if (ramAvail(account.cells) >= 0 || this.#judging) return;
    /*
     * Garbage may hold it (the memory of a program the component dropped,
     * not yet collected): collect before deciding. Not in this task: the
     * engine keeps whatever a WeakRef's `deref` answered alive until the
     * task ends, and #trueUp just asked every tracked memory, so a
     * collection now could free none of them.
     */
    this.#judging = true;
    later(() => this.#judge(account)).unref();
  }

  /* In a task that has not looked at the tracked memories yet: collect, measure, and end the component if it is still over. */
  #judge(account: Attachment): void {
    this.#judging = false;
    if (this.#ended) return;
    this.#collectGarbageNow();
    this.#trueUp(account);
    if (ramAvail(account.cells) >= -HEAP_GRACE) return;
    this.#ended = true;
    const { heap, buffers, wasm } = this.shares();
    const quota = ramCell(account.cells, RamCell.quota);
    account.overrun(`RAM quota of ${mib(quota)} exceeded: the component holds ${mib(quota - ramAvail(account.cells))} `
      + `(heap ${mib(heap)}, buffers ${mib(buffers)}, WebAssembly memory ${mib(wasm)}, the rest dataspaces)`);
  }

  /*
   * The engine collects the old generation rarely once a component is
   * quiet, so what it freed would stay charged: a second after the
   * engine's last collection, a component charged for heap, buffers or
   * WebAssembly memory has its garbage collected and its account trued
   * up; again after 2, 4, ... up to 32 seconds for as long as it stays
   * charged and quiet (what it released meanwhile comes back), once more
   * from 1 second after the engine collects again.
   */
  #scheduleSettle(delayMs = SETTLE_MS): void {
    clearTimeout(this.#settle);
    if (this.#heap === 0 && this.#buffers === 0 && this.#wasm === 0) return;
    this.#settle = setTimeout(() => {
      if (this.#account === undefined || this.#ended) return;
      const before = this.#heap + this.#buffers + this.#wasm;
      this.#collectGarbageNow();
      this.measure();
      const after = this.#heap + this.#buffers + this.#wasm;
      /* News: a sizable change, or the account back where nothing is charged (a report then shows every byte back). */
      if (Math.abs(after - before) >= SETTLE_NEWS || (after === 0 && before !== 0)) this.settled?.();
      this.#scheduleSettle(Math.min(delayMs * 2, SETTLE_MAX_MS));
    }, delayMs);
    this.#settle.unref();
  }

  shares(): RamShares {
    return { heap: this.#heap, buffers: this.#buffers, wasm: this.#wasm };
  }

  #trueUpHeap(account: Attachment): void {
    const heap = this.#heapNow();
    giveRam(account.cells, this.#heap - heap);
    this.#heap = heap;
    this.#unmeasured = 0;
  }

  /*
   * The old generation and the large objects: the young generation (2 to
   * 8 MiB, part of the base) is mostly garbage at any moment and would
   * make the figure jump with every allocation.
   */
  #heapNow(): number {
    let used = 0;
    for (const space of getHeapSpaceStatistics()) {
      if (!YOUNG_SPACES.has(space.space_name)) used += space.space_used_size;
    }
    return Math.max(0, used - HEAP_BASE);
  }

  #trueUp(account: Attachment): void {
    this.#unmeasured = 0;
    const heap = this.#heapNow();
    const allocated = Math.max(0, allocatorBytes() - account.bufferBaseline);
    this.#baseUsed = Math.min(allocated, BUFFER_BASE);
    let buffers = allocated - this.#baseUsed;
    let wasm = 0;
    for (const tracked of this.#tracked) {
      const object = tracked.ref.deref();
      if (object === undefined) this.#tracked.delete(tracked);
      else if (tracked.share === 'wasm') wasm += tracked.sizeOf(object);
      else buffers += tracked.sizeOf(object);
    }
    giveRam(account.cells, (this.#heap + this.#buffers + this.#wasm) - (heap + buffers + wasm));
    this.#heap = heap;
    this.#buffers = buffers;
    this.#wasm = wasm;
    const { cells } = account;
    Atomics.store(cells, RamCell.heap, BigInt(heap));
    Atomics.store(cells, RamCell.buffers, BigInt(buffers));
    Atomics.store(cells, RamCell.wasm, BigInt(wasm));
  }

  #collectGarbageNow(): void {
    const gc = this.#collectGarbage ??= exposeGc();
    gc();
    /* A full collection frees array buffers on a helper thread, later; the next collection waits for that. */
    gc({ type: 'minor' });
  }
}

/*
 * The engine's `gc` for this isolate, taken from a context made for the
 * purpose; the flag that exposes it is set only for that moment. The
 * component never sees it. V8's flags are one set for the whole process:
 * another PD's thread may switch the flag off between our setting it and
 * making the context (many PDs start at once under noux), so a context
 * without `gc` is made again, a bounded number of times.
 */
type CollectGarbage = (options?: { type: 'major' | 'minor' }) => void;

const EXPOSE_ATTEMPTS = 100;

function exposeGc(): CollectGarbage {
  for (let attempt = 0; attempt < EXPOSE_ATTEMPTS; attempt++) {
    v8.setFlagsFromString('--expose-gc');
    try {
      const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
      if (typeof gc === 'function') return gc as CollectGarbage;
    } finally {
      v8.setFlagsFromString('--no-expose-gc');
    }
  }
  throw new Error('the engine exposed no gc');
}
