/*
 * Running start_probe.js (one measurement in a fresh Node process) from a
 * benchmark, and the boot directories it needs: the start benchmark's and
 * the noux benchmark's starts are measured the same way, against the same
 * bare worker.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProbeResult, ProbeSpec } from './start_probe.js';

const probeFile = fileURLToPath(new URL('./start_probe.js', import.meta.url));
const verbose = process.env['BENCH_VERBOSE'] !== undefined;

/** Writes `files` (name → content) into `dir`; answers `dir`. */
export async function writeDir(dir: string, files: Record<string, string>): Promise<string> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/**
 * A directory under `parent` with the bare worker of the baselines: a
 * worker that imports one module and posts back (and, with
 * `workerData.stay`, stays idle).
 */
export async function bareWorkerDir(parent: string): Promise<string> {
  return writeDir(await mkdtemp(join(parent, 'bare-')), {
    'bare_module.mjs': 'export const answer = 42;\n',
    'bare_worker.mjs': `import { parentPort, workerData } from 'node:worker_threads';
import { answer } from './bare_module.mjs';
parentPort.postMessage(answer);
/* Stays, idle, while the port has a listener. */
if (workerData?.stay) parentPort.on('message', () => undefined);
`,
  });
}

/**
 * Runs one measurement in a fresh process (BENCH_VERBOSE also prints how long it took).
 *
 *   const { samples } = await probe({ mode: 'bare-single', dir, count: 7, pauseMs: 250 });
 */
export async function probe(spec: ProbeSpec): Promise<ProbeResult> {
  const started = performance.now();
  const result = await runProbe(spec);
  if (verbose) process.stderr.write(`start probe ${JSON.stringify(spec)}: ${(performance.now() - started).toFixed(0)} ms\n`);
  return result;
}

function runProbe(spec: ProbeSpec): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [probeFile, JSON.stringify(spec)], { timeout: 420_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      /* A probe kills itself once it printed its result (see start_probe.ts). */
      const result = stdout.trim().split('\n').at(-1) ?? '';
      if (error !== null && !(error.signal === 'SIGKILL' && result.startsWith('{'))) {
        reject(new Error(`start probe ${spec.mode} failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve(JSON.parse(result) as ProbeResult);
    });
  });
}

/** The samples of a single-start probe without its first start (binary transform, cold JIT: not a typical start). */
export function samplesOf(result: ProbeResult): number[] {
  return (result.samples ?? []).slice(1);
}

/*
 * Plays init for single starts: starts its children one after another with
 * the parent-side Child library, as init does, and logs "spawn N" right
 * before each start. The probe takes the time from that line to the
 * child's "up" (`childRam` its quota): the parent's side of starting a child (environment
 * sessions at core, quota transfers, the binary's ROM session), the PD
 * (a pooled or a new worker), the runtime building env, and the LOG write.
 */
export function starterComponent(count: number, pauseMs: number, childRam = 1024 * 1024): string {
  return `// Starts ${count} children one at a time (bench/start.ts).
import { Child, Timer } from 'nido';

export async function construct(env) {
  const timer = await env.connect(Timer);
  for (let i = 0; i < ${count}; i++) {
    await timer.client.msleep(${pauseMs});
    let exited;
    const ended = new Promise((resolve) => { exited = resolve; });
    const policy = {
      resolve: (child, request) => ({
        kind: 'parent',
        label: request.env && request.service === 'ROM' && request.label === child.name ? child.binary : request.label,
      }),
      exited: () => exited(),
    };
    env.log('spawn ' + i);
    const child = new Child(env, policy, { name: 'c' + i, binary: 'up', ram: ${childRam}, caps: 100 });
    await child.start();
    await ended;
    await child.kill();
  }
  env.log('done');
}
`;
}
