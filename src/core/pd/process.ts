/*
 * Process: the worker thread behind a protection domain, and the pool of
 * pre-started, locked-down workers that makes starting one cheap.
 *
 * A worker's V8 heap limit is fixed when it is created, so it is derived
 * from the RAM quota at start: the isolate's baseline plus the quota,
 * rounded up to a limit class. Pooled workers exist for the smallest class,
 * which covers the quotas typical scenarios give their components.
 */

import { Worker } from 'node:worker_threads';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreToPd, PdToCore } from './protocol.js';
import type { RuntimeData } from './worker_main.js';
import type { ExitInfo } from '../../session/pd/interface.js';

const MiB = 1024 * 1024;
/* V8 heap a locked-down runtime needs before the component allocates anything, plus slack for GC. */
export const HEAP_BASELINE_MB = 24;
const SMALLEST_CLASS_MB = 16;
/* Quiet time after the last start before the pool boots a worker: the started component's first steps come first. */
const REFILL_DELAY_MS = 10;
/* Workers booting at once: booting is CPU-bound, more than the cores only share them (and memory). */
const MAX_BOOTING = Math.max(2, availableParallelism());

/** The heap limit (MiB) of a protection domain with `ram` bytes of RAM quota. */
export function heapLimitMb(ram: number): number {
  let quotaMb = SMALLEST_CLASS_MB;
  while (quotaMb * MiB < ram) quotaMb *= 2;
  return HEAP_BASELINE_MB + quotaMb;
}

/*
 * The young generation grows with the limit class, from 2 MiB for the
 * smallest to 8 MiB. Its semi-spaces stay as large as booting made them,
 * so 8 MiB cost every idle worker about 2 MiB more resident memory than
 * 2 MiB, and booted no faster.
 */
function youngGenerationMb(limitMb: number): number {
  return Math.min(8, Math.max(2, (limitMb - HEAP_BASELINE_MB) / 8));
}

/* The PD runtime, bundled by scripts/build.mjs from worker_main.ts and everything it imports. */
const runtimeFile = fileURLToPath(new URL('./runtime.js', import.meta.url));
const require = createRequire(import.meta.url);
const sesPath = join(dirname(require.resolve('ses')), 'ses.umd.min.js');
const cacheFile = join(dirname(runtimeFile), '..', '..', 'cache', `ses-${process.version}.v8cache`);

/* Shared, not copied into every worker: cloning them costs core's thread milliseconds per spawn. */
function shared(bytes: Uint8Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

const sesSource = shared(readFileSync(sesPath));
let sesCache: SharedArrayBuffer | undefined;
try {
  sesCache = shared(readFileSync(cacheFile));
} catch {
  sesCache = undefined;
}

/* A runtime that compiled SES without a (usable) cache hands one back; the first is kept. */
function adoptCache(cache: Uint8Array, replaces: SharedArrayBuffer | undefined): void {
  if (sesCache !== replaces) return;
  sesCache = shared(cache);
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(cacheFile, cache);
  } catch {
    /* read-only installation: the cache lives in memory only */
  }
}

/** A locked-down worker waiting for its component. */
class IdleWorker {
  readonly ready: Promise<void>;
  #settled = false;
  constructor(readonly worker: Worker, readonly limitMb: number, cacheGiven: SharedArrayBuffer | undefined) {
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: PdToCore) => {
        if (message.t !== 'ready') return;
        if (message.cache !== undefined) adoptCache(message.cache, cacheGiven);
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    this.ready.then(() => { this.#settled = true; }, () => { this.#settled = true; });
    /* An idle worker must not keep `nido run` alive. */
    worker.unref();
  }

  /** Whether the runtime finished booting (or failed to). */
  get settled(): boolean {
    return this.#settled;
  }
}

function spawnWorker(limitMb: number): IdleWorker {
  const worker = new Worker(runtimeFile, {
    workerData: { sesSource, sesCache } satisfies RuntimeData,
    resourceLimits: { maxOldGenerationSizeMb: limitMb, maxYoungGenerationSizeMb: youngGenerationMb(limitMb) },
    stdout: false,
    stderr: false,
  });
  return new IdleWorker(worker, limitMb, sesCache);
}

/**
 * Pre-started workers of the smallest limit class. Booting a worker takes
 * a core for tens of milliseconds, and the machine may have only two, so
 * the pool never competes with a start: it fills only once core enabled
 * it (after init is up), only while no start is in progress, and one
 * worker at a time. A start that finds no ready worker takes one that is
 * still booting rather than booting another.
 */
export class WorkerPool {
  readonly #idle: IdleWorker[] = [];
  /* Booted ahead of one particular start (see prepare()), outside the pool's size. */
  readonly #prepared: IdleWorker[] = [];
  #closed = false;
  #enabled = false;
  /* Starts between take() and the component running (see started()). */
  #starting = 0;
  #scheduled = false;
  /* Workers booting now, and starts waiting for one of them to finish. */
  #booting = 0;
  readonly #bootQueue: (() => void)[] = [];

  constructor(readonly size: number) {}

  /** Lets the pool fill up, one worker at a time, whenever no start is in progress. */
  fill(): void {
    this.#enabled = true;
    this.#schedule();
  }

  /**
   * Boots a worker for a start that is about to come (init's, while core
   * still loads init's binary), whatever the pool's size. The next take()
   * of the same limit class gets it.
   */
  prepare(ram: number): void {
    if (!this.#closed) this.#prepared.push(this.#boot(heapLimitMb(ram)));
  }

  #schedule(): void {
    if (this.#scheduled || !this.#wanted()) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      if (!this.#wanted() || this.#booting >= MAX_BOOTING) return;
      const idle = this.#boot(heapLimitMb(0));
      this.#idle.push(idle);
      idle.ready.then(() => this.#schedule(), () => {
        const index = this.#idle.indexOf(idle);
        if (index >= 0) this.#idle.splice(index, 1);
        void idle.worker.terminate();
      });
    }, REFILL_DELAY_MS).unref();
  }

  #wanted(): boolean {
    return this.#enabled && !this.#closed && this.#starting === 0
      && this.#idle.length < this.size && this.#idle.every((idle) => idle.settled);
  }

  /**
   * A ready worker with the heap limit for `ram`: a pooled one if one fits
   * (ready ones first), else a new one. Every successful take must be
   * followed by started().
   */
  async take(ram: number): Promise<IdleWorker> {
    const limitMb = heapLimitMb(ram);
    const pooled = this.#claim(this.#prepared, limitMb) ?? this.#claim(this.#idle, limitMb);
    this.#starting++;
    try {
      const idle = pooled ?? await this.#bootWhenFree(limitMb);
      await idle.ready;
      return idle;
    } catch (error) {
      this.started();
      throw error;
    }
  }

  /* Removes and returns a worker of class `limitMb` from `list`, a ready one if there is one. */
  #claim(list: IdleWorker[], limitMb: number): IdleWorker | undefined {
    const fits = list.filter((idle) => idle.limitMb === limitMb);
    const found = fits.find((idle) => idle.settled) ?? fits[0];
    if (found !== undefined) list.splice(list.indexOf(found), 1);
    return found;
  }

  /* Boots a worker once fewer than MAX_BOOTING are booting: more would only share the cores and memory. */
  async #bootWhenFree(limitMb: number): Promise<IdleWorker> {
    while (this.#booting >= MAX_BOOTING) await new Promise<void>((resolve) => this.#bootQueue.push(resolve));
    return this.#boot(limitMb);
  }

  #boot(limitMb: number): IdleWorker {
    this.#booting++;
    const idle = spawnWorker(limitMb);
    const booted = () => {
      this.#booting--;
      this.#bootQueue.shift()?.();
      this.#schedule();
    };
    idle.ready.then(booted, booted);
    return idle;
  }

  /** A start that took a worker is over (its component runs, or it failed): the pool may refill. */
  started(): void {
    this.#starting = Math.max(0, this.#starting - 1);
    this.#schedule();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const idle = [...this.#idle.splice(0), ...this.#prepared.splice(0)];
    await Promise.all(idle.map((w) => w.worker.terminate()));
  }
}

export interface ProcessEvents {
  /** The runtime reported its capability use. */
  caps(used: number): void;
  /** The process ended; `info` tells how. */
  exited(info: ExitInfo): void;
}

export class Process {
  readonly #worker: Worker;
  #ended = false;
  #started: (() => void) | undefined;
  #heapWaiters: ((used: number) => void)[] = [];

  private constructor(worker: Worker, readonly limitMb: number, events: ProcessEvents, started: () => void) {
    this.#worker = worker;
    this.#started = started;
    worker.ref();
    worker.on('message', (message: PdToCore) => {
      switch (message.t) {
        case 'started': this.#startDone(); return;
        case 'caps': events.caps(message.used); return;
        case 'heap': {
          const waiters = this.#heapWaiters;
          this.#heapWaiters = [];
          for (const resolve of waiters) resolve(message.used);
          return;
        }
        case 'exit':
          this.#end(events, { reason: 'exit', code: message.code, message: `exit(${message.code})` });
          return;
        default:
          return;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.#end(events, { reason: 'heap', code: 1, message: `heap limit of ${limitMb} MiB exceeded` });
      } else {
        this.#end(events, { reason: 'crash', code: 1, message: `uncaught ${error.stack ?? String(error)}` });
      }
    });
    worker.on('exit', (code) => this.#end(events, { reason: 'crash', code, message: `worker ended with ${code}` }));
  }

  /* Tells the pool once that this start is over. */
  #startDone(): void {
    const started = this.#started;
    this.#started = undefined;
    started?.();
  }

  #end(events: ProcessEvents, info: ExitInfo): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#startDone();
    void this.#worker.terminate();
    for (const resolve of this.#heapWaiters) resolve(0);
    this.#heapWaiters = [];
    events.exited(info);
  }

  /** Starts a component in a worker from `pool`. */
  static async start(pool: WorkerPool, ram: number, start: Extract<CoreToPd, { t: 'start' }>, transfer: unknown[], events: ProcessEvents): Promise<Process> {
    const idle = await pool.take(ram);
    const process = new Process(idle.worker, idle.limitMb, events, () => pool.started());
    idle.worker.postMessage(start, transfer as never);
    return process;
  }

  send(message: CoreToPd): void {
    if (!this.#ended) this.#worker.postMessage(message);
  }

  /** Heap bytes in use above the runtime's baseline. */
  heap(): Promise<number> {
    if (this.#ended) return Promise.resolve(0);
    return new Promise((resolve) => {
      this.#heapWaiters.push(resolve);
      this.#worker.postMessage({ t: 'heap' } satisfies CoreToPd);
    });
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Ends the process (its PD session was closed). */
  kill(events: ProcessEvents): void {
    this.#end(events, { reason: 'killed', code: 0, message: 'killed by its parent' });
  }
}
