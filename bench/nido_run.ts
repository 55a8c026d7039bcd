/*
 * `nido run` end to end: the wall time of
 * `node bin/nido.js run examples/hello --until 'Hello world'` from spawn to
 * exit, against `node -e ''`, the floor that any Node command pays.
 * Runs alternate. The same run with `--pool 0` is a diagnostic: it shows
 * what the pool of pre-started workers costs or saves a short run.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoDir } from './dist.js';
import { runNode } from './node_process.js';
import { median, report, type Row } from './table.js';

const RUNS = 10;
const TIMEOUT_MS = 30_000;

/* Wall time (ms) of one run of `node args...`, which must exit with 0. */
async function timeRun(args: readonly string[]): Promise<number> {
  return (await runNode(args, TIMEOUT_MS)).wallMs;
}

export async function run(): Promise<Row[]> {
  const reports = await mkdtemp(join(tmpdir(), 'nido-bench-reports-'));
  const nido = [join(repoDir, 'bin', 'nido.js'), 'run', join(repoDir, 'examples', 'hello'), '--until', 'Hello world', '--report-dir', reports];
  const bare = ['-e', ''];
  try {
    const cold = [...nido, '--pool', '0'];
    /* One unmeasured run of each: the first nido run may write the SES code cache. */
    await timeRun(nido);
    await timeRun(bare);
    const samples = { nido: [] as number[], cold: [] as number[], bare: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      samples.nido.push(await timeRun(nido));
      samples.cold.push(await timeRun(cold));
      samples.bare.push(await timeRun(bare));
    }
    const baseline = median(samples.bare);
    const rows: Row[] = [
      {
        name: "nido run examples/hello --until 'Hello world': spawn → exit", value: median(samples.nido), unit: 'ms',
        baseline, baselineName: "node -e ''", samples: samples.nido, baselineSamples: samples.bare,
      },
      {
        name: 'the same with --pool 0', value: median(samples.cold), unit: 'ms',
        baseline, baselineName: "node -e ''", samples: samples.cold,
      },
    ];
    await report('run', rows);
    return rows;
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
}
