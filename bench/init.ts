/*
 * init under load: how long a config change takes that starts 100
 * children (until the state report lists all of them alive), one that
 * kills them (until the report lists none), and how long a state report
 * for 100 children takes, as the round trip of a version-only config change
 * (config file written → report file with that version), with 100 children
 * against the same round trip with none.
 *
 * Baselines from the same run: 100 bare worker threads started at once
 * until all posted back, and terminated; the report round trip without
 * children.
 */

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { median, report, type Row } from './table.js';

const CHILDREN = 100;
const REPORT_ROUNDS = 15;
const nidoBin = fileURLToPath(new URL('../../bin/nido.js', import.meta.url));

function config(version: string, children: number): string {
  const starts = Array.from({ length: children }, (_, i) =>
    `  <start name="c${i}"> <binary name="dummy"/> <config/> </start>`).join('\n');
  return `<config version="${version}">
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Report"/> <service name="Timer"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
  <report ids="yes" child_ram="yes" child_caps="yes" requested="yes" delay_ms="1" buffer="1M"/>
${starts}
</config>
`;
}

/* Polls the report file until `predicate` holds (5 ms apart: no busy spin). */
async function until(file: string, predicate: (text: string) => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (predicate(text)) return;
    if (performance.now() > deadline) throw new Error(`report did not reach the expected state; last:\n${text.slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const hasVersion = (text: string, version: string) => text.startsWith(`<state version="${version}">`) || text.startsWith(`<state version="${version}"/>`);
const childCount = (text: string) => (text.match(/<child /g) ?? []).length;
const alive = (text: string, n: number) => childCount(text) === n && !text.includes('state="incomplete"') && (n === 0 || text.includes('quota='));

async function reportRoundTrips(file: string, reportFile: string, children: number, tag: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REPORT_ROUNDS; i++) {
    const version = `${tag}-${i}`;
    const started = performance.now();
    await writeFile(file, config(version, children));
    await until(reportFile, (text) => hasVersion(text, version));
    samples.push(performance.now() - started);
  }
  return samples;
}

async function bareWorkers(n: number): Promise<{ startMs: number; stopMs: number }> {
  const source = 'const { parentPort } = require("node:worker_threads"); parentPort.postMessage(1);';
  const started = performance.now();
  const workers = Array.from({ length: n }, () => new Worker(source, { eval: true }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const startMs = performance.now() - started;
  const stopping = performance.now();
  await Promise.all(workers.map((w) => w.terminate()));
  return { startMs, stopMs: performance.now() - stopping };
}

export async function run(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-init-'));
  const reports = await mkdtemp(join(tmpdir(), 'nido-bench-reports-'));
  const file = join(dir, 'config');
  const reportFile = join(reports, 'init', 'state');
  await writeFile(file, config('empty', 0));
  const nido = spawn(process.execPath, [nidoBin, 'run', dir, '--report-dir', reports, '--ram', '2G', '--caps', '50000'], { stdio: 'ignore' });
  try {
    await until(reportFile, (text) => hasVersion(text, 'empty'));
    const emptyRounds = await reportRoundTrips(file, reportFile, 0, 'none');

    let started = performance.now();
    await writeFile(file, config('hundred', CHILDREN));
    await until(reportFile, (text) => alive(text, CHILDREN));
    const startMs = performance.now() - started;

    const fullRounds = await reportRoundTrips(file, reportFile, CHILDREN, 'full');

    started = performance.now();
    await writeFile(file, config('gone', 0));
    await until(reportFile, (text) => hasVersion(text, 'gone') && childCount(text) === 0);
    const killMs = performance.now() - started;

    const bare = await bareWorkers(CHILDREN);
    const rows: Row[] = [
      {
        name: `config change starting ${CHILDREN} children, until all alive in the report`, value: startMs, unit: 'ms',
        baseline: bare.startMs, baselineName: `${CHILDREN} bare workers started at once`,
      },
      {
        name: `config change killing ${CHILDREN} children, until the report lists none`, value: killMs, unit: 'ms',
        baseline: bare.stopMs, baselineName: `${CHILDREN} bare workers terminated`,
      },
      {
        name: `state report with ${CHILDREN} children (version change → report file)`, value: median(fullRounds), unit: 'ms',
        baseline: median(emptyRounds), baselineName: 'the same round trip without children',
        samples: fullRounds, baselineSamples: emptyRounds,
      },
    ];
    await report('init', rows);
    return rows;
  } finally {
    nido.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  }
}
