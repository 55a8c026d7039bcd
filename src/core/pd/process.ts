/*
 * Process: the worker thread behind a protection domain, and the pool of
 * pre-started, locked-down workers that makes starting one cheap.
 *
 * A worker's V8 heap limit is fixed when it is created, so it is derived
 * from the RAM quota at start: the heap base plus the quota in whole MiB
 * (a limit class). Pooled workers are of the classes the last starts asked
 * for: the children of one parent tend to have the same quota, and a
 * component that starts children of its own (noux and its processes)
 * brings a second class.
 */

import { Worker } from 'node:worker_threads';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentStack, nodeGlobalHint, type BundleLine } from './crash_hint.js';
import { scriptMapReader } from './source_map.js';
import type { CoreToPd, PdToCore } from './protocol.js';
import type { RuntimeData } from './worker_main.js';
import type { ExitInfo } from '../../session/pd/interface.js';

const MiB = 1024 * 1024;
/*
 * The JavaScript heap every PD has before its component allocates
 * anything: the locked-down runtime's own objects, the young generation
 * and slack for the collector. It is part of the PD's base, which core
 * pays (docs/quotas.md); the component's heap beyond it is charged to its
 * RAM account.
 */
export const HEAP_BASE_MB = 16;
/* Quiet time after the last start before the pool boots a worker: the started component's first steps come first. */
const REFILL_DELAY_MS = 10;
/* Workers booting at once: booting is CPU-bound, more than the cores only share them (and memory). */
const MAX_BOOTING = Math.max(2, availableParallelism());

/* The quota part of a heap limit is rounded up to this (MiB), so that PDs of similar quota share a class of pooled workers. */
const HEAP_CLASS_MB = 8;

/**
 * The heap limit (MiB) of a protection domain with `ram` bytes of RAM
 * quota: the base plus the quota rounded up to HEAP_CLASS_MB. The engine
 * ends a heap that outgrows it; the RAM meter ends one whose charge the
 * account cannot pay, usually earlier. Rounded, because the pool holds
 * workers of one limit each: noux's processes, whose quotas differ by a
 * few hundred KiB, would otherwise each need a class of their own.
 */
export function heapLimitMb(ram: number): number {
  return HEAP_BASE_MB + Math.max(1, Math.ceil(ram / MiB / HEAP_CLASS_MB)) * HEAP_CLASS_MB;
}

export function mibText(bytes: number): string {
  const mib = bytes / MiB;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/*
 * The young generation grows with the quota, from 2 MiB to 8 MiB. Its
 * semi-spaces stay as large as booting made them, so 8 MiB cost every
 * idle worker about 2 MiB more resident memory than 2 MiB, and booted no
 * faster.
 */
function youngGenerationMb(limitMb: number): number {
  return Math.min(8, Math.max(2, (limitMb - HEAP_BASE_MB) / 8));
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
 * Pre-started workers of the limit classes of the last starts: as many
 * classes as the pool holds workers, the most recent first. Booting a
 * worker takes a core for tens of milliseconds, and the machine may have
 * only two, so the pool never competes with a start: it fills only once
 * core enabled it (after init is up), only while no start is in progress,
 * and one worker at a time, first a class it holds none of. A start that
 * finds no ready worker takes one that is still booting rather than
 * booting another.
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
  /* The classes (heap limits) of the last starts, distinct, most recent first, at most `size`: what the pool boots. */
  #recent: number[] = [heapLimitMb(0)];

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
      const missing = this.#recent.find((limitMb) => !this.#idle.some((idle) => idle.limitMb === limitMb));
      const idle = this.#boot(missing ?? (this.#recent[0] as number));
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
    const prepared = this.#claim(this.#prepared, limitMb);
    /* A start prepared for (init's, with all the RAM there is) says nothing about the starts to come. */
    if (prepared === undefined) this.#recent = [limitMb, ...this.#recent.filter((recent) => recent !== limitMb)].slice(0, Math.max(1, this.size));
    const pooled = prepared ?? this.#claim(this.#idle, limitMb);
    /*
     * A miss: the pool holds workers of other classes, which it would keep
     * for good (it refills only below its size). One of them goes, so that
     * the refill boots one of the class asked for now (noux's processes
     * after noux itself; measured: a fork from 200 to 60 ms).
     */
    if (pooled === undefined) this.#evictOther(limitMb);
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

  /*
   * Terminates one ready idle worker of a class other than `limitMb`: of a
   * class the pool holds several of, else of the least recent class.
   */
  #evictOther(limitMb: number): void {
    const copies = (limit: number) => this.#idle.filter((idle) => idle.limitMb === limit).length;
    const age = (limit: number) => {
      const at = this.#recent.indexOf(limit);
      return at < 0 ? this.#recent.length : at;
    };
    const others = this.#idle.filter((idle) => idle.limitMb !== limitMb && idle.settled);
    const other = others.sort((a, b) => copies(b.limitMb) - copies(a.limitMb) || age(b.limitMb) - age(a.limitMb))[0];
    if (other === undefined) return;
    this.#idle.splice(this.#idle.indexOf(other), 1);
    void other.worker.terminate();
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

  private constructor(
    worker: Worker, readonly limitMb: number, ram: number, events: ProcessEvents, started: () => void,
    explain: (stack: string) => string,
  ) {
    this.#worker = worker;
    this.#started = started;
    worker.ref();
    worker.on('message', (message: PdToCore) => {
      switch (message.t) {
        case 'started': this.#startDone(); return;
        case 'caps': events.caps(message.used); return;
        case 'ram':
          this.#end(events, { reason: 'ram', code: 1, message: message.message });
          return;
        case 'exit':
          this.#end(events, { reason: 'exit', code: message.code, message: `exit(${message.code})` });
          return;
        default:
          return;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.#end(events, { reason: 'ram', code: 1, message: `RAM quota of ${mibText(ram)} exceeded: the JavaScript heap reached its limit of ${limitMb} MiB (${HEAP_BASE_MB} MiB base + the quota, rounded up to ${HEAP_CLASS_MB} MiB)` });
      } else {
        const stack = error.stack ?? String(error);
        this.#end(events, { reason: 'crash', code: 1, message: `uncaught ${componentStack(stack)}${explain(stack)}` });
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
    events.exited(info);
  }

  /**
   * Starts a component in a worker from `pool`. `debug`, for a monitored
   * PD, runs once the worker is known and before the component's code
   * reaches it: the inspector's target (a `wait` policy holds the start
   * there).
   */
  static async start(
    pool: WorkerPool, ram: number, start: Extract<CoreToPd, { t: 'start' }>, transfer: unknown[], events: ProcessEvents,
    debug?: (threadId: number) => Promise<void>,
  ): Promise<Process> {
    const idle = await pool.take(ram);
    const { binary, filename } = start;
    const explain = (stack: string) => {
      if (binary.kind !== 'script') return '';
      /* The stack names the component's files (stack_trace.ts): the hint reads the bundle's line, found back through the map. */
      const reader = binary.map === undefined ? undefined : scriptMapReader(binary.map);
      const back: BundleLine = (file, line, column) => reader?.generated(file, line, column)?.line;
      return nodeGlobalHint(stack, binary.code, filename, back);
    };
    const process = new Process(idle.worker, idle.limitMb, ram, events, () => pool.started(), explain);
    if (debug !== undefined) {
      /* A start held for its debugger is over for the pool: others start meanwhile. */
      process.#startDone();
      await debug(idle.worker.threadId);
      if (process.#ended) return process;
    }
    idle.worker.postMessage(start, transfer as never);
    return process;
  }

  send(message: CoreToPd): void {
    if (!this.#ended) this.#worker.postMessage(message);
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Ends the process (its PD session was closed, or `info` says why). */
  kill(events: ProcessEvents, info: ExitInfo = { reason: 'killed', code: 0, message: 'killed by its parent' }): void {
    this.#end(events, info);
  }
}
