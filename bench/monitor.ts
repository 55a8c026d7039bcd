/*
 * The debug monitor (docs/debugging.md): a monitored component that no
 * debugger stops runs CPU-bound work as fast as an unmonitored one.
 *
 * Each sample is one `nido run --inspect=0` of a generated boot
 * directory: init starts `monitor`, whose one child runs ROUNDS rounds of
 * integer mixing and logs each round's time (performance.now() inside
 * the component). The child is an inferior (its PD and CPU sessions go
 * to the monitor's <local/> services, with a <monitor> policy, so core
 * exposes it as a CDP target) or, for the baseline, the same child of
 * the same monitor with its PD and CPU sessions at the parent. Runs
 * alternate, so both see the same machine; the first round of each run
 * (V8 tiering up) is dropped. Goal: ≥ 0.95× (speed, unmonitored's time
 * over monitored's).
 */

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoDir } from './dist.js';
import { writeDir } from './probe.js';
import { median, report } from './table.js';

const RUNS = 5;
const ROUNDS = 12;
const ITERATIONS = 20_000_000;

const WORKER = `// CPU-bound rounds of integer mixing, each timed.
export function construct(env) {
  let state = 1;
  for (let round = 0; round < ${ROUNDS}; round++) {
    const start = performance.now();
    for (let i = 0; i < ${ITERATIONS}; i++) state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) + i | 0;
    env.log('round ' + (performance.now() - start).toFixed(3) + ' ms ' + (state & 1));
  }
  env.log('work done');
}
`;

function config(monitored: boolean): string {
  const route = monitored
    ? '<service name="PD"> <local/> </service> <service name="CPU"> <local/> </service> <any-service> <parent/> </any-service>'
    : '<any-service> <parent/> </any-service>';
  return `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="200" ram="8M"/>
  <start name="monitor" caps="1000" ram="32M">
    <config>
      <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/> </parent-provides>
      <default caps="100" ram="4M"/>
      <monitor> <policy label="worker" stop="no"/> </monitor>
      <start name="worker"> <route> ${route} </route> </start>
    </config>
  </start>
</config>
`;
}

/* One run: the rounds' times (ms), the first dropped. */
function runOnce(dir: string, monitored: boolean): Promise<number[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(repoDir, 'bin', 'nido.js'), 'run', dir, '--inspect=0', '--until', 'work done', '--timeout', '120'], (error, stdout) => {
      if (error !== null) {
        reject(new Error(`nido run failed: ${error.message}\n${stdout}`));
        return;
      }
      if (monitored !== stdout.includes('Debugger for "init -> monitor -> worker"')) {
        reject(new Error(`the worker is ${monitored ? 'not ' : ''}a target:\n${stdout}`));
        return;
      }
      const rounds = [...stdout.matchAll(/\] round ([\d.]+) ms/g)].map((match) => Number(match[1]));
      resolve(rounds.slice(1));
    });
  });
}

export async function run(): Promise<void> {
  const parent = await mkdtemp(join(tmpdir(), 'nido-bench-monitor-'));
  try {
    await mkdir(join(parent, 'monitored'));
    await mkdir(join(parent, 'plain'));
    const dirs = {
      monitored: await writeDir(join(parent, 'monitored'), { config: config(true), 'worker.js': WORKER }),
      plain: await writeDir(join(parent, 'plain'), { config: config(false), 'worker.js': WORKER }),
    };
    const monitored: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(...await runOnce(dirs.plain, false));
      monitored.push(...await runOnce(dirs.monitored, true));
    }
    const value = median(plain) / median(monitored);
    await report('monitor', [{
      name: `CPU-bound round (${ITERATIONS / 1e6}M integer mixes), monitored, not stopped: speed vs unmonitored`,
      value: median(monitored),
      unit: 'ms',
      baseline: median(plain),
      baselineName: 'unmonitored',
      goal: '≤ 1.053× time (≥ 0.95× speed)',
      met: value >= 0.95,
      samples: monitored,
      baselineSamples: plain,
    }]);
    console.log(`speed: ${value.toFixed(3)}× of unmonitored`);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}
