/*
 * Ordinary JavaScript in components (docs/component-api.md): what npm
 * packages add to a component's start, and what time by Timer session
 * costs against Node's own clock and timers.
 *
 * - Start with 5 npm packages: the start benchmark's single starts
 *   (start_probe.ts, pool of 2), once with a child that only logs and
 *   once with a child that imports zod, dayjs, semver, nanoid and immer
 *   (from the boot directory's node_modules, bundled by core, cached: the
 *   probe's first start, which bundles, is dropped) and touches each
 *   before it logs. Goal: ≤ 1.2×.
 * - Date.now() and setTimeout(0): a component with a Timer route times a
 *   million Date.now() calls and a chain of 200 setTimeout(0) hops with
 *   performance.now(); the baseline runs the same code in a worker thread
 *   of plain Node. Goal: ≤ 2× each.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoDir } from './dist.js';
import { probe, samplesOf, starterComponent, writeDir } from './probe.js';
import { median, report, type Row } from './table.js';

const STARTS = 8;
const PAUSE_MS = 250;
const TIME_RUNS = 5;
/* The packages' bundle and what its module code builds need more than start.ts's 1 MiB children. */
const CHILD_RAM = 8 * 1024 * 1024;
const DATE_CALLS = 1_000_000;
const TIMEOUT_HOPS = 200;

const PLAIN = `export function construct(env) {
  env.log('up');
  env.exit(0);
}
`;

const WITH_PACKAGES = `import { z } from 'zod';
import dayjs from 'dayjs';
import semver from 'semver';
import { nanoid } from 'nanoid';
import { produce } from 'immer';

export function construct(env) {
  const touched = [z.string, dayjs, semver.valid, nanoid, produce].every((f) => typeof f === 'function');
  env.log(touched ? 'up' : 'a package is missing');
  env.exit(0);
}
`;

/* The measured code, the same in a component and in a plain worker: 'report(name, value)' says what it found. */
const TIME_CODE = `
  let sink = 0;
  const begin = performance.now();
  for (let i = 0; i < ${DATE_CALLS}; i++) sink += Date.now() & 1;
  report('date', (performance.now() - begin) * 1e6 / ${DATE_CALLS}, sink);
  const started = performance.now();
  let hops = 0;
  await new Promise((done) => {
    const hop = () => (++hops === ${TIMEOUT_HOPS} ? done() : setTimeout(hop, 0));
    setTimeout(hop, 0);
  });
  report('timeout', (performance.now() - started) / ${TIMEOUT_HOPS}, 0);
`;

const TIME_COMPONENT = `export async function construct(env) {
  const report = (name, value) => env.log(name + ' ' + value);
  ${TIME_CODE}
  env.log('web time done');
  env.exit(0);
}
`;

const TIME_CONFIG = `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <start name="time" caps="100" ram="16M"/>
</config>
`;

/* One run of the time component under nido run: ns per Date.now(), ms per setTimeout(0) hop. */
function componentTimes(dir: string): Promise<{ date: number; timeout: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(repoDir, 'bin', 'nido.js'), 'run', dir, '--until', 'web time done', '--timeout', '120'],
      { maxBuffer: 1 << 20 }, (error, stdout) => {
        const value = (name: string) => Number(/\] (\S+) (\S+)$/m.exec(stdout.split('\n').find((l) => l.includes(`] ${name} `)) ?? '')?.[2]);
        if (error !== null) reject(new Error(`nido run failed: ${error.message}\n${stdout}`));
        else resolve({ date: value('date'), timeout: value('timeout') });
      });
  });
}

/* The same code in a worker thread of plain Node. */
function workerTimes(): Promise<{ date: number; timeout: number }> {
  return new Promise((resolve, reject) => {
    const found: Record<string, number> = {};
    const worker = new Worker(`const { parentPort } = require('node:worker_threads');
      const report = (name, value) => parentPort.postMessage([name, value]);
      (async () => { ${TIME_CODE} parentPort.postMessage(['end', 0]); })();`, { eval: true });
    worker.on('message', ([name, value]: [string, number]) => {
      if (name === 'end') void worker.terminate().then(() => resolve({ date: found['date'] ?? NaN, timeout: found['timeout'] ?? NaN }));
      else found[name] = value;
    });
    worker.on('error', reject);
  });
}

export async function run(): Promise<Row[]> {
  const temp = await mkdtemp(join(tmpdir(), 'nido-bench-web-'));
  const reportDir = join(temp, 'reports');
  try {
    const plain = await writeDir(await mkdtemp(join(temp, 'plain-')), { config: '<config/>\n', 'init.js': starterComponent(STARTS + 1, PAUSE_MS, CHILD_RAM), 'up.js': PLAIN });
    const packaged = await writeDir(await mkdtemp(join(temp, 'packages-')), { config: '<config/>\n', 'init.js': starterComponent(STARTS + 1, PAUSE_MS, CHILD_RAM), 'up.js': WITH_PACKAGES });
    await symlink(join(repoDir, 'node_modules'), join(packaged, 'node_modules'));
    const startOf = (bootDir: string) => probe({ mode: 'single', bootDir, reportDir, pool: 2, count: STARTS + 1 });
    /* Alternating, so that a busy phase of the host does not land on one side only. */
    const plainStarts = [...samplesOf(await startOf(plain))];
    const packagedStarts = [...samplesOf(await startOf(packaged))];
    plainStarts.push(...samplesOf(await startOf(plain)));
    packagedStarts.push(...samplesOf(await startOf(packaged)));

    const timeDir = await writeDir(await mkdtemp(join(temp, 'time-')), { config: TIME_CONFIG, 'time.js': TIME_COMPONENT });
    const component: { date: number; timeout: number }[] = [];
    const node: { date: number; timeout: number }[] = [];
    for (let i = 0; i < TIME_RUNS; i++) {
      component.push(await componentTimes(timeDir));
      node.push(await workerTimes());
    }
    const dates = component.map((t) => t.date);
    const nodeDates = node.map((t) => t.date);
    const hops = component.map((t) => t.timeout);
    const nodeHops = node.map((t) => t.timeout);
    const ratio = (a: number[], b: number[]) => median(a) / median(b);
    const rows: Row[] = [
      {
        name: 'component start with 5 npm packages (zod, dayjs, semver, nanoid, immer), pooled: spawn → first log line',
        value: median(packagedStarts), unit: 'ms', baseline: median(plainStarts), baselineName: 'the same component without packages',
        goal: '≤ 1.2×', met: ratio(packagedStarts, plainStarts) <= 1.2, samples: packagedStarts, baselineSamples: plainStarts,
      },
      {
        name: 'Date.now() in a component (Timer session)', value: median(dates), unit: 'ns', baseline: median(nodeDates),
        baselineName: 'Date.now() in a Node worker', goal: '≤ 2×', met: ratio(dates, nodeDates) <= 2, samples: dates, baselineSamples: nodeDates,
      },
      {
        name: 'setTimeout(0) hop in a component (Timer session)', value: median(hops), unit: 'ms', baseline: median(nodeHops),
        baselineName: 'setTimeout(0) hop in a Node worker', goal: '≤ 2×', met: ratio(hops, nodeHops) <= 2, samples: hops, baselineSamples: nodeHops,
      },
    ];
    await report('web_platform', rows);
    return rows;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
