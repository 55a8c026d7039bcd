/*
 * One measurement of the start benchmark, run in a fresh Node process
 * (`node dist/bench/start_probe.js SPEC-JSON`) so that every measurement
 * starts from the same state and RSS figures see nothing but what the
 * measurement started. Prints one JSON line (a ProbeResult) on stdout.
 *
 * Nido is driven through core's API (class Core), not through `nido run`:
 * log lines then reach this process as calls of `output.line`, stamped
 * with performance.now() the moment core writes them, with no pipe or
 * child process start in between.
 */

import { Worker } from 'node:worker_threads';
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { load } from './dist.js';
import { median } from './table.js';

export type ProbeSpec =
  /*
   * A starter component (the boot dir's init.js) starts `count` children one at a time; spawn → the child's
   * first log line (`[label] up`), or the first line matching `upPattern` (a RegExp's source) after each spawn.
   */
  | {
    readonly mode: 'single'; readonly bootDir: string; readonly reportDir: string; readonly pool: number; readonly count: number;
    readonly upPattern?: string;
  }
  /* The same, `count` times, for a bare worker importing one module. */
  | { readonly mode: 'bare-single'; readonly dir: string; readonly count: number; readonly pauseMs: number }
  /* init starts `n` (≥ 1) children that log and stay idle: boot → all logged. With `settleMs`, the RSS after that, too. */
  | { readonly mode: 'many'; readonly bootDir: string; readonly reportDir: string; readonly pool: number; readonly n: number; readonly settleMs?: number }
  /* `n` bare workers started at once: start → all posted back; with `settleMs`, the RSS after that, too. */
  | { readonly mode: 'bare-many'; readonly dir: string; readonly n: number; readonly settleMs?: number };

export interface ProbeResult {
  /** Start times in ms (single modes). */
  readonly samples?: number[];
  /** ms until the first and the last of many had logged. */
  readonly firstMs?: number;
  readonly allMs?: number;
  /** RSS of this process after settling, bytes. */
  readonly rss?: number;
}

type CoreModule = typeof import('../src/core/core.js');

/* 1,000 children take a minute or two on two cores. */
const TIMEOUT_MS = 400_000;
/* Enough for 1,000 children of 1 MiB and their environment sessions. */
const RAM = 4 * 1024 * 1024 * 1024;
const CAPS = 100_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/* RSS after the system sat idle for `settleMs`: median of a few readings. */
async function settledRss(settleMs: number): Promise<number> {
  await sleep(settleMs);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(process.memoryUsage.rss());
    await sleep(100);
  }
  return median(readings);
}

/*
 * Boots a Core on `bootDir`, calling `line` with each log line and the time
 * core wrote it. Resolves with the time boot began (core's modules loaded).
 */
async function bootCore(spec: { bootDir: string; reportDir: string; pool: number }, line: (text: string, at: number) => void): Promise<number> {
  const { Core } = await load<CoreModule>('core/core.js');
  const { bootDir, reportDir, pool } = spec;
  const core = new Core({
    bootDir, reportDir, ram: RAM, caps: CAPS, poolSize: pool,
    output: { line: (text) => line(text, performance.now()) },
    initExited: (code) => fail(`init exited with ${code}`),
  });
  const start = performance.now();
  await core.boot();
  return start;
}

/* Ends the probe without a result (with SIGKILL, as at the end: see there). */
function fail(message: string): never {
  writeSync(2, `start probe: ${message}\n`);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const UP = /^\[[^\]]*\] up$/;
const SPAWN = /^\[init\] spawn (\d+)$/;

async function single(spec: Extract<ProbeSpec, { mode: 'single' }>): Promise<ProbeResult> {
  const spawned = new Map<number, number>();
  const samples: number[] = [];
  let current = -1;
  const up = spec.upPattern === undefined ? UP : new RegExp(spec.upPattern);
  return new Promise((resolve) => {
    void bootCore(spec, (raw, at) => {
      const text = raw.replace(ANSI, '');
      const spawn = SPAWN.exec(text);
      if (spawn !== null) {
        current = Number(spawn[1]);
        spawned.set(current, at);
      } else if (up.test(text)) {
        if (current < 0) fail(`"up" before any spawn: ${text}`);
        const start = spawned.get(current);
        /* Only the first such line after a spawn ends its start. */
        spawned.delete(current);
        if (start !== undefined) samples.push(at - start);
      } else if (text === '[init] done') {
        resolve({ samples });
      } else if (/Error|Warning/.test(text)) {
        fail(text);
      }
    });
  });
}

async function bareSingle(spec: Extract<ProbeSpec, { mode: 'bare-single' }>): Promise<ProbeResult> {
  const samples: number[] = [];
  for (let i = 0; i < spec.count; i++) {
    await sleep(spec.pauseMs);
    const start = performance.now();
    const worker = new Worker(join(spec.dir, 'bare_worker.mjs'));
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    samples.push(performance.now() - start);
    await worker.terminate();
  }
  return { samples };
}

async function many(spec: Extract<ProbeSpec, { mode: 'many' }>): Promise<ProbeResult> {
  let up = 0;
  let firstAt = 0;
  let allAt = 0;
  let booted: Promise<number> | undefined;
  await new Promise<void>((resolve) => {
    booted = bootCore(spec, (raw, at) => {
      const text = raw.replace(ANSI, '');
      if (UP.test(text)) {
        if (up++ === 0) firstAt = at;
        if (up === spec.n) {
          allAt = at;
          resolve();
        }
      } else if (/Error|Warning/.test(text)) {
        fail(text);
      }
    });
  });
  const start = await (booted as Promise<number>);
  return {
    firstMs: firstAt - start,
    allMs: allAt - start,
    ...(spec.settleMs === undefined ? {} : { rss: await settledRss(spec.settleMs) }),
  };
}

async function bareMany(spec: Extract<ProbeSpec, { mode: 'bare-many' }>): Promise<ProbeResult> {
  const start = performance.now();
  let firstMs = 0;
  const workers: Worker[] = [];
  await Promise.all(Array.from({ length: spec.n }, () => {
    const worker = new Worker(join(spec.dir, 'bare_worker.mjs'), { workerData: { stay: true } });
    workers.push(worker);
    return new Promise((resolve, reject) => {
      worker.once('message', (message) => {
        if (firstMs === 0) firstMs = performance.now() - start;
        resolve(message);
      });
      worker.once('error', reject);
    });
  }));
  const allMs = performance.now() - start;
  return { firstMs, allMs, ...(spec.settleMs === undefined ? {} : { rss: await settledRss(spec.settleMs) }) };
}

const spec = JSON.parse(process.argv[2] ?? 'null') as ProbeSpec | null;
if (spec === null) fail('usage: start_probe.js SPEC-JSON');
setTimeout(() => fail(`no result within ${TIMEOUT_MS} ms`), TIMEOUT_MS).unref();
const result = spec.mode === 'single' ? await single(spec)
  : spec.mode === 'bare-single' ? await bareSingle(spec)
  : spec.mode === 'many' ? await many(spec)
  : await bareMany(spec);
/*
 * The probe process is thrown away. Even process.exit() tears down every
 * worker's isolate, which takes seconds with 100 of them (about 0.3 s
 * each here), so the probe ends itself with SIGKILL once the result is out.
 */
process.stdout.write(JSON.stringify(result) + '\n', () => process.kill(process.pid, 'SIGKILL'));
