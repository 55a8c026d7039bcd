/*
 * Starting components: spawn to first log line, cold and from the pool of
 * pre-started protection domains; 100 children of one init; RSS per idle
 * component. Baselines: bare worker threads that import one module and
 * post back, measured the same way in the same run.
 *
 * What is measured, and why through core's API rather than `nido run`:
 * a component's start is what happens between its parent deciding to
 * start it and its first log line. Timing `nido run DIR` up to the first
 * line would add Node's own start, loading core, starting init and the
 * pool filling up at boot (the run benchmark has that figure). So each
 * measurement boots class Core in a fresh process (start_probe.ts) with a
 * generated boot directory whose init.js is a small starter that starts
 * one child at a time with the parent-side Child library, as init does,
 * and logs "spawn N" just before. Core's output callback stamps that line
 * and the child's first line, with no pipe in between. For 100 children
 * and memory, the real init runs a generated config.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareWorkerDir, probe, samplesOf, starterComponent, writeDir } from './probe.js';
import { median, report, type Row } from './table.js';

/* Single starts: one warm-up (esbuild's first transform of the binary), then STARTS measured. */
const STARTS = 6;
/* Between single starts, so that the pool is refilled and the previous child is gone. */
const PAUSE_MS = 250;
/* Children of one init (issue: a thousand idle components); BENCH_MANY sets another count. */
const MANY = Number(process.env['BENCH_MANY'] ?? 1000);
const SETTLE_MS = 2000;
const MiB = 1024 * 1024;

/* A child that logs its first line and exits (single starts). */
const UP_COMPONENT = `// Logs one line and exits: its first log line ends the measured start.
export function construct(env) {
  env.log('up');
  env.exit(0);
}
`;

/* A child that logs and then stays, idle (100 children, memory). */
const IDLE_COMPONENT = `// Logs one line and then idles.
export function construct(env) {
  env.log('up');
}
`;

function initConfig(children: number): string {
  const starts = Array.from({ length: children }, (_, i) => `  <start name="c${i}"> <binary name="idle"/> </start>`);
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
${starts.join('\n')}
</config>
`;
}

export async function run(): Promise<Row[]> {
  const temp = await mkdtemp(join(tmpdir(), 'nido-bench-start-'));
  const reportDir = join(temp, 'reports');
  try {
    const bare = await bareWorkerDir(temp);
    const single = await writeDir(await mkdtemp(join(temp, 'single-')), {
      config: '<config/>\n',
      'init.js': starterComponent(STARTS + 1, PAUSE_MS),
      'up.js': UP_COMPONENT,
    });
    const boot = async (children: number) => writeDir(await mkdtemp(join(temp, `init-${children}-`)), {
      config: initConfig(children),
      'idle.js': IDLE_COMPONENT,
    });

    /* The baseline before and after, so that a busy phase of the host does not land on one side only. */
    const bareSingleProbe = () => probe({ mode: 'bare-single', dir: bare, count: STARTS + 1, pauseMs: PAUSE_MS });
    const bareBefore = samplesOf(await bareSingleProbe());
    const cold = samplesOf(await probe({ mode: 'single', bootDir: single, reportDir, pool: 0, count: STARTS + 1 }));
    const pooled = samplesOf(await probe({ mode: 'single', bootDir: single, reportDir, pool: 2, count: STARTS + 1 }));
    const bareSingle = [...bareBefore, ...samplesOf(await bareSingleProbe())];

    /* The same runs give RSS per idle component: (RSS with MANY children − RSS with 1) / (MANY − 1), each settled. */
    const many = await probe({ mode: 'many', reportDir, bootDir: await boot(MANY), pool: 2, n: MANY, settleMs: SETTLE_MS });
    const bareMany = await probe({ mode: 'bare-many', dir: bare, n: MANY, settleMs: SETTLE_MS });
    const one = await probe({ mode: 'many', reportDir, bootDir: await boot(1), pool: 2, n: 1, settleMs: SETTLE_MS });
    const bareOne = await probe({ mode: 'bare-many', dir: bare, n: 1, settleMs: SETTLE_MS });
    const perComponent = ((many.rss ?? 0) - (one.rss ?? 0)) / (MANY - 1) / MiB;
    const perWorker = ((bareMany.rss ?? 0) - (bareOne.rss ?? 0)) / (MANY - 1) / MiB;

    const bareStart = median(bareSingle);
    const rows: Row[] = [
      {
        name: 'component start, cold (--pool 0): spawn → first log line', value: median(cold), unit: 'ms',
        baseline: bareStart, baselineName: 'bare worker importing one module, start → posted back',
        samples: cold, baselineSamples: bareSingle,
      },
      {
        name: 'component start, pooled (pool 2): spawn → first log line', value: median(pooled), unit: 'ms',
        baseline: bareStart, baselineName: 'bare worker importing one module, start → posted back',
        samples: pooled, baselineSamples: bareSingle,
      },
      {
        name: `${MANY} children of one init: boot → all logged`, value: many.allMs ?? 0, unit: 'ms',
        baseline: bareMany.allMs, baselineName: `${MANY} bare workers started at once → all posted back`,
      },
      {
        name: `RSS per idle component (${MANY} idle children)`, value: perComponent, unit: 'MiB',
        baseline: perWorker, baselineName: `RSS per idle bare worker (${MANY} workers)`,
      },
    ];
    await report('start', rows);
    return rows;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
