/*
 * Every byte paid, as the host sees it: ten components that each try to
 * hold far more than their 8 MiB quota, beside a witness that ticks every
 * 100 ms (test/scenarios/ram_hogs). Measured: the host process's peak RSS
 * while they try, and how late the witness's ticks come.
 *
 * Baseline, in the same run: the same boot directory with the ten hogs
 * replaced by idle components of the same quota (their bases, init and
 * core, nothing held). The goal is that the hogs add no more than their
 * quotas: peak RSS ≤ idle RSS + 10 × 8 MiB.
 */

import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoDir } from './dist.js';
import { report, type Row } from './table.js';

const MiB = 1024 * 1024;
const HOGS = 10;
const QUOTA = 8 * MiB;

/* Says it holds nothing, as a hog that settled would, then idles. */
const IDLE_COMPONENT = `// Logs that it holds nothing, then idles.
export function construct(env) {
  env.log('held 0 MiB, refused 0 times, used 0 of 0');
}
`;

interface Sample {
  /** Peak resident set of the nido process (VmHWM), bytes. */
  readonly peak: number;
  /** The witness's largest lateness, ms. */
  readonly lateMs: number;
}

/* VmHWM of a process, in bytes. */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmHWM for ${pid}`);
  return Number(kib) * 1024;
}

/* Boots `dir`, waits until every hog said what it holds (the heap hog: ended) and the witness ticked 20 times more, reads the peak. */
function measure(dir: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/nido.js', 'run', dir, '--timeout', '300'], { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let settled = 0;
    let ticksAfter = -1;
    let lateMs = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      for (const line of chunk.split('\n')) {
        if (/^\[init -> hog_\w+\] held /.test(line) || /^\[init\] child "hog_heap" exited/.test(line)) settled++;
        const tick = /^\[init -> witness\] tick \d+, at most (\d+) ms late/.exec(line);
        if (tick !== null) {
          lateMs = Number(tick[1]);
          if (settled >= HOGS) ticksAfter++;
        }
      }
      if (ticksAfter >= 20) {
        ticksAfter = -Infinity;
        peakRss(child.pid as number).then((peak) => {
          child.kill('SIGKILL');
          resolve({ peak, lateMs });
        }, reject);
      }
    });
    child.on('close', (code) => {
      if (ticksAfter !== -Infinity) reject(new Error(`nido run ${dir} ended (${code}) before the hogs settled:\n${output}`));
    });
  });
}

export async function run(): Promise<Row[]> {
  const temp = await mkdtemp(join(tmpdir(), 'nido-bench-quota-'));
  try {
    const hogs = join(temp, 'hogs');
    await cp(join(repoDir, 'test', 'scenarios', 'ram_hogs'), hogs, { recursive: true });
    const idle = join(temp, 'idle');
    await cp(hogs, idle, { recursive: true });
    await writeFile(join(idle, 'hog.js'), IDLE_COMPONENT);
    const idleSample = await measure(idle);
    const hogSample = await measure(hogs);
    const bound = idleSample.peak + HOGS * QUOTA;
    const rows: Row[] = [
      {
        name: `peak RSS, ${HOGS} components trying to hold 240 MiB each (8 MiB quota) beside a ticking witness`,
        value: hogSample.peak / MiB, unit: 'MiB',
        baseline: bound / MiB, baselineName: `peak RSS with ${HOGS} idle components + ${HOGS} × 8 MiB`,
        goal: '≤ 1×', met: hogSample.peak <= bound,
      },
      {
        name: 'witness: largest lateness of a 100 ms tick while they try', value: hogSample.lateMs, unit: 'ms',
        baseline: idleSample.lateMs, baselineName: 'the same witness beside idle components',
      },
    ];
    await report('quota', rows);
    return rows;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
