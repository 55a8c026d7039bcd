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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreToPd, PdToCore } from './protocol.js';
import type { ExitInfo } from '../../session/pd/interface.js';

const MiB = 1024 * 1024;
/* V8 heap a locked-down runtime needs before the component allocates anything, plus slack for GC. */
export const HEAP_BASELINE_MB = 24;
const SMALLEST_CLASS_MB = 16;

/** The heap limit (MiB) of a protection domain with `ram` bytes of RAM quota. */
export function heapLimitMb(ram: number): number {
  let quotaMb = SMALLEST_CLASS_MB;
  while (quotaMb * MiB < ram) quotaMb *= 2;
  return HEAP_BASELINE_MB + quotaMb;
}

const workerMain = fileURLToPath(new URL('./worker_main.js', import.meta.url));
const require = createRequire(import.meta.url);
const sesPath = join(dirname(require.resolve('ses')), 'ses.umd.min.js');
const sesSource = readFileSync(sesPath, 'utf8');
const cacheFile = join(dirname(workerMain), '..', '..', 'cache', `ses-${process.version}.v8cache`);

let sesCache: Uint8Array | undefined;
try {
  sesCache = new Uint8Array(readFileSync(cacheFile));
} catch {
  sesCache = undefined;
}

function adoptCache(cache: Uint8Array): void {
  if (sesCache !== undefined) return;
  sesCache = cache;
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
  constructor(readonly worker: Worker, readonly limitMb: number) {
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: PdToCore) => {
        if (message.t !== 'ready') return;
        if (message.cache !== undefined) adoptCache(message.cache);
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    /* An idle worker must not keep `nido run` alive. */
    worker.unref();
  }
}

function spawnWorker(limitMb: number): IdleWorker {
  const worker = new Worker(workerMain, {
    workerData: { sesSource, sesCache },
    resourceLimits: { maxOldGenerationSizeMb: limitMb, maxYoungGenerationSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  return new IdleWorker(worker, limitMb);
}

export class WorkerPool {
  readonly #idle: IdleWorker[] = [];
  #closed = false;

  constructor(readonly size: number) {}

  /** Fills the pool with workers of the smallest limit class. */
  fill(): void {
    while (!this.#closed && this.#idle.length < this.size) {
      const idle = spawnWorker(heapLimitMb(0));
      idle.ready.catch(() => this.#idle.splice(this.#idle.indexOf(idle), 1));
      this.#idle.push(idle);
    }
  }

  /** A ready worker with the heap limit for `ram`, from the pool if one fits. */
  async take(ram: number): Promise<IdleWorker> {
    const limitMb = heapLimitMb(ram);
    const index = this.#idle.findIndex((idle) => idle.limitMb === limitMb);
    const idle = index >= 0 ? (this.#idle.splice(index, 1)[0] as IdleWorker) : spawnWorker(limitMb);
    if (this.size > 0) setImmediate(() => this.fill());
    await idle.ready;
    return idle;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const idle = this.#idle.splice(0);
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
  #heapWaiters: ((used: number) => void)[] = [];

  private constructor(worker: Worker, readonly limitMb: number, events: ProcessEvents) {
    this.#worker = worker;
    worker.ref();
    worker.on('message', (message: PdToCore) => {
      switch (message.t) {
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

  #end(events: ProcessEvents, info: ExitInfo): void {
    if (this.#ended) return;
    this.#ended = true;
    void this.#worker.terminate();
    for (const resolve of this.#heapWaiters) resolve(0);
    this.#heapWaiters = [];
    events.exited(info);
  }

  /** Starts a component in a worker from `pool`. */
  static async start(pool: WorkerPool, ram: number, start: Extract<CoreToPd, { t: 'start' }>, transfer: unknown[], events: ProcessEvents): Promise<Process> {
    const idle = await pool.take(ram);
    const process = new Process(idle.worker, idle.limitMb, events);
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
