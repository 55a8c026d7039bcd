/*
 * The GNU userland on noux (issue 12): Debian's bash, coreutils, grep
 * and vim under noux against the same programs on Linux, each
 * measurement timed by bash itself ($EPOCHREALTIME) around the work
 * (bench/userland/userland.sh), so that neither side's start of the
 * system is in a figure:
 *
 * - bash start → prompt (`bash -i` with standard input at its end: start,
 *   prompt, exit), and `bash -c true` spawn → exit, inside a running noux;
 * - a loop of bash running /bin/true 200 times;
 * - sort of 10 MiB of lines (`seq 1 1400000`), `grep -c` over 100 MiB
 *   (`seq 1 12000000`); `find | wc -l` over a tree of 5,000 files (in the
 *   RAM file system of noux's /tmp; on Linux, $TMPDIR);
 * - vim start → first screen → `:q` (noux only: on Linux vim would need a
 *   terminal of its own to draw).
 *
 * Every noux measurement is a `nido run` of its own; the table shows
 * medians of ROUNDS - 1 rounds of each of RUNS runs (the first round of
 * each run dropped: JIT warm-up, caches), the JSON file every sample.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoDir } from './dist.js';
import { runNode } from './node_process.js';
import { median, report, type Row } from './table.js';

const RUNS = 2;
const ROUNDS = 6;
const TIMEOUT_S = 600;
const PROCESS_TIMEOUT_MS = (TIMEOUT_S + 10) * 1000;

interface Measurement {
  readonly name: string;
  readonly what: string;
  /** The goal: at most `ms` milliseconds, or at most `ratio` times Linux's figure. */
  readonly goal: { readonly ms: number } | { readonly ratio: number };
  readonly native: boolean;
}

const MEASUREMENTS: readonly Measurement[] = [
  { name: 'start', what: 'bash start → prompt → exit (bash --norc -i, input at its end)', goal: { ms: 100 }, native: true },
  { name: 'spawn', what: 'bash -c true, spawn → exit', goal: { ms: 100 }, native: true },
  { name: 'loop', what: 'a bash loop running /bin/true 200 times', goal: { ratio: 20 }, native: true },
  { name: 'sort', what: 'sort of 10 MiB of lines', goal: { ratio: 2.5 }, native: true },
  { name: 'grep', what: 'grep -c over 100 MiB', goal: { ratio: 2.5 }, native: true },
  { name: 'find', what: 'find | wc -l over a tree of 5,000 files', goal: { ratio: 2.5 }, native: true },
  { name: 'vim', what: 'vim start → first screen → :q', goal: { ms: 300 }, native: false },
];

const TARS = ['bash.tar', 'coreutils.tar', 'grep.tar', 'findutils.tar', 'vim.tar'];

function nouxConfig(measurement: string): string {
  return `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/> </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <start name="log_terminal" ram="2M"> <provides> <service name="Terminal"/> </provides> </start>
  <start name="noux" caps="2000" ram="700M">
    <exit propagate="yes"/>
    <config>
      <fstab>
        ${TARS.map((tar) => `<tar name="${tar}"/>`).join(' ')}
        <dir name="etc"> <rom name="userland.sh"/> </dir>
        <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> </dir>
      </fstab>
      <start name="/bin/bash">
        <env name="PATH" value="/bin"/> <env name="TMPDIR" value="/tmp"/> <env name="TERM" value="linux"/> <env name="HOME" value="/"/>
        <arg value="/etc/userland.sh"/> <arg value="${measurement}"/> <arg value="${ROUNDS}"/>
      </start>
    </config>
    <route> <service name="Terminal"> <child name="log_terminal"/> </service> <any-service> <parent/> </any-service> </route>
  </start>
</config>
`;
}

const CONSOLE = /^\[init -> log_terminal\] ?/;
/*
 * A round's line; vim leaves escape sequences to the terminal before the
 * shell's next line (`\x1b[24;1Hvim round 1: …`), so it is found anywhere
 * in the line.
 */
const ROUND = / round (\d+): (\d+) us$/;

/* The milliseconds of each round but the first. */
function rounds(measurement: string, lines: readonly string[]): number[] {
  const samples = lines.flatMap((line) => {
    const match = ROUND.exec(line);
    const named = match !== null && line.slice(0, match.index).endsWith(measurement);
    return !named || match[1] === '0' ? [] : [Number(match[2]) / 1000];
  });
  if (samples.length !== ROUNDS - 1) throw new Error(`${measurement}: ${samples.length} rounds instead of ${ROUNDS - 1} in\n${lines.join('\n')}`);
  return samples;
}

async function underNoux(script: Buffer, measurement: string): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-userland-'));
  try {
    await writeFile(join(dir, 'config'), nouxConfig(measurement));
    await writeFile(join(dir, 'userland.sh'), script);
    const { output } = await runNode([join(repoDir, 'bin', 'nido.js'), 'run', dir, '--ram', '1G', '--timeout', String(TIMEOUT_S),
      '--fail', 'Error|uncaught'], PROCESS_TIMEOUT_MS);
    return rounds(measurement, output.split('\n').filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd()));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function natively(scriptPath: string, measurement: string): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-userland-native-'));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      execFile('bash', [scriptPath, measurement, String(ROUNDS)], {
        env: { PATH: '/usr/bin:/bin', TMPDIR: dir, HOME: '/', TERM: 'linux' }, timeout: PROCESS_TIMEOUT_MS, maxBuffer: 1 << 20,
      }, (error, stdout, stderr) => (error !== null ? reject(new Error(`${measurement}: ${error.message}\n${stdout}${stderr}`)) : resolve(stdout)));
    });
    return rounds(measurement, output.split('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Row[]> {
  for (const tar of TARS) {
    await readFile(join(repoDir, 'dist', 'wasm', tar)).catch(() => {
      throw new Error(`dist/wasm/${tar} is missing: run "npm run ports" first`);
    });
  }
  const scriptPath = join(repoDir, 'bench', 'userland', 'userland.sh');
  const script = await readFile(scriptPath);
  const rows: Row[] = [];
  for (const m of MEASUREMENTS) {
    const noux: number[] = [];
    const native: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      noux.push(...await underNoux(script, m.name));
      if (m.native) native.push(...await natively(scriptPath, m.name));
    }
    const value = median(noux);
    const baseline = median(native);
    const goal = 'ms' in m.goal ? { goal: `≤ ${m.goal.ms} ms`, met: value <= m.goal.ms } : { goal: `≤ ${m.goal.ratio}×`, met: value / baseline <= m.goal.ratio };
    rows.push({
      name: `${m.what} under noux`, value, unit: 'ms', samples: noux, ...goal,
      ...(m.native ? { baseline, baselineName: 'the same on Linux (Debian\'s programs)', baselineSamples: native } : {}),
    });
  }
  await report('userland', rows);
  return rows;
}
