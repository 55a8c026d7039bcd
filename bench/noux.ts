/*
 * noux, the Unix runtime (issue 11): what a process, a pipe and a system
 * call cost under noux, each against a baseline measured in the same run.
 * The C programs are wasm/noux/b_*.c, built for noux (noux_tests.tar) and
 * with the host's clang for Linux; each times itself with
 * clock_gettime(CLOCK_MONOTONIC), so starting Nido is never part of a
 * figure but the first.
 *
 * - Start: noux started by a starter component (noux_starter.ts) running
 *   b_true, from the starter's "spawn" log line to b_true's line on
 *   log_terminal's LOG: noux's protection domain, its VFS, its sessions,
 *   the first process's protection domain, compiling and running b_true.
 *   Measured in a fresh process through core's API (start_probe.ts), as
 *   start.ts measures a component's start, against the same bare worker
 *   (one that imports a module and posts back). For comparison, the same
 *   starter starting a plain C program (echo) as a component.
 * - Fork and exec: b_forkexec under noux (`nido run`, with the default
 *   pool of two workers and with none) and natively: the mean of fork +
 *   _exit + waitpid, and of fork + execvp(b_true) + waitpid, per cycle.
 * - Pipe: b_pipe, `b_pipe_writer | b_pipe_reader` moving 256 MiB in 64 KiB
 *   calls, timed by the reader from the first byte to the end of file,
 *   under noux and natively.
 * - File I/O: b_file, 64 MiB written to a file of noux's `<ram>` file
 *   system and read back in 64 KiB calls (the bytes of grep, sort and cat),
 *   under noux and natively (a file in the host's temporary directory:
 *   its page cache).
 * - System calls: b_syscall, getppid(), getpgid(0) and write() of 1 byte
 *   to /dev/null in loops, under noux (ns per call), against fd_write of
 *   1 byte to `<null/>` by bench_write as a component on the plain C
 *   runtime (libc.ts's figure), and natively.
 *
 * Every noux run is a `nido run` of its own; the table shows medians of
 * the samples of RUNS runs (the first round of each run dropped: JIT
 * warm-up), the JSON file has every sample.
 */

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { componentWriteTimes } from './libc.js';
import { repoDir } from './dist.js';
import { runNode } from './node_process.js';
import { NOUX_TRUE, NOUX_TRUE_LINE, PLAIN_ECHO, starterComponent, type StartedChild } from './noux_starter.js';
import { bareWorkerDir, probe, samplesOf, writeDir } from './probe.js';
import { median, report, type Row } from './table.js';

const RUNS = 3;
const TIMEOUT_S = 300;
const PROCESS_TIMEOUT_MS = (TIMEOUT_S + 10) * 1000;

/* Starts: one warm-up and STARTS measured per probe; the pause lets the pool refill and the last child go. */
const STARTS = 6;
const START_PAUSE_MS = 1000;
const BARE_PAUSE_MS = 250;

/* Fork and exec: ROUNDS rounds of CYCLES cycles per run, round 0 dropped. */
const FORK_ROUNDS = 4;
const FORK_CYCLES = 20;
const NATIVE_FORK_CYCLES = 200;
const FORK_GOAL_MS = 15;
const FORK_GOAL_RATIO = 0.6;

const MiB = 1024 * 1024;
const PIPE_MIB = 256;
const PIPE_ROUNDS = 2;
const PIPE_GOAL_RATIO = 0.3;

const SYSCALLS = 10_000;
const NATIVE_SYSCALLS = 1_000_000;
const SYSCALL_ROUNDS = 4;
const SYSCALL_GOAL_RATIO = 3;

/* ------------------------------------------------------------ running */

function nouxConfig(program: string, args: readonly (string | number)[]): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <start name="log_terminal" ram="2M"> <provides> <service name="Terminal"/> </provides> </start>
  <start name="noux" caps="2000" ram="160M">
    <exit propagate="yes"/>
    <config>
      <fstab> <tar name="noux_tests.tar"/> <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> </dir> </fstab>
      <start name="/bin/${program}"> <env name="PATH" value="/bin"/> ${args.map((arg) => `<arg value="${arg}"/>`).join(' ')} </start>
    </config>
    <route> <service name="Terminal"> <child name="log_terminal"/> </service> <any-service> <parent/> </any-service> </route>
  </start>
</config>
`;
}

const CONSOLE = /^\[init -> log_terminal\] ?/;

/* Runs `program args` under noux in a `nido run` of its own (noux's exit ends it); answers the console's lines. */
async function underNoux(program: string, args: readonly (string | number)[], pool: number): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-noux-'));
  try {
    await writeFile(join(dir, 'config'), nouxConfig(program, args));
    const { output } = await runNode([join(repoDir, 'bin', 'nido.js'), 'run', dir, '--pool', String(pool), '--timeout', String(TIMEOUT_S),
      '--report-dir', join(dir, 'reports'), '--fail', 'Error|uncaught'], PROCESS_TIMEOUT_MS);
    return output.split('\n').filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/* The benchmark programs (wasm/noux/b_*.c) built with the host's clang into DIR/bin. */
async function nativeBuild(dir: string): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  const sources = join(repoDir, 'wasm', 'noux');
  for (const file of (await readdir(sources)).filter((name) => name.startsWith('b_') && name.endsWith('.c'))) {
    await execute('clang', ['-O2', '-Wall', '-Wextra', '-o', join(bin, basename(file, '.c')), join(sources, file)], {});
  }
  return bin;
}

/* Runs `program args` from `bin` on Linux with PATH=bin only; answers its output lines. */
async function natively(bin: string, program: string, args: readonly (string | number)[]): Promise<string[]> {
  return (await execute(join(bin, program), args.map(String), { PATH: bin })).split('\n');
}

function execute(file: string, args: readonly string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: { ...process.env, ...env }, timeout: PROCESS_TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/* The figures of the lines matching `pattern` (groups: name, round, count, ns) by name: value(count, ns) of each round but 0. */
function figures(lines: readonly string[], pattern: RegExp, value: (count: number, ns: number) => number): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match === null || Number(match[2]) === 0) continue;
    const name = match[1] as string;
    byName.set(name, [...(byName.get(name) ?? []), value(Number(match[3]), Number(match[4]))]);
  }
  return byName;
}

/* Appends every sample of `from` to `into`, checking that each name had `expected` samples. */
function collect(into: Map<string, number[]>, from: Map<string, number[]>, names: readonly string[], expected: number, output: readonly string[]): void {
  for (const name of names) {
    const samples = from.get(name) ?? [];
    if (samples.length !== expected) throw new Error(`${samples.length} samples of "${name}" instead of ${expected} in\n${output.join('\n')}`);
    into.set(name, [...(into.get(name) ?? []), ...samples]);
  }
}

/* ------------------------------------------------------------ start */

async function startDir(temp: string, child: StartedChild): Promise<string> {
  return writeDir(await mkdtemp(join(temp, `${child.binary}-`)), {
    config: '<config/>\n',
    'init.js': starterComponent(child, STARTS + 1, START_PAUSE_MS),
  });
}

interface Starts {
  readonly rows: Row[];
  /** The bare worker's start (ms), the baseline of the process figures too. */
  readonly bareSamples: number[];
}

async function starts(temp: string): Promise<Starts> {
  const reportDir = join(temp, 'reports');
  const bare = await bareWorkerDir(temp);
  const nouxDir = await startDir(temp, NOUX_TRUE);
  const echoDir = await startDir(temp, PLAIN_ECHO);
  const single = (bootDir: string, pool: number, upPattern?: string) =>
    probe({ mode: 'single', bootDir, reportDir, pool, count: STARTS + 1, ...(upPattern === undefined ? {} : { upPattern }) }).then(samplesOf);
  const bareSingle = () => probe({ mode: 'bare-single', dir: bare, count: STARTS + 1, pauseMs: BARE_PAUSE_MS }).then(samplesOf);

  /* The baseline before and after, so that a busy phase of the host does not land on one side only. */
  const bareSamples = await bareSingle();
  const pooled = await single(nouxDir, 2, NOUX_TRUE_LINE);
  const cold = await single(nouxDir, 0, NOUX_TRUE_LINE);
  const echo = await single(echoDir, 2);
  bareSamples.push(...await bareSingle());

  const baseline = median(bareSamples);
  const row = (name: string, samples: number[], goal: boolean): Row => ({
    name, value: median(samples), unit: 'ms', baseline, baselineName: 'bare worker importing one module, start → posted back',
    samples, baselineSamples: bareSamples,
    ...(goal ? { goal: '≤ 2×', met: median(samples) / baseline <= 2 } : {}),
  });
  return {
    bareSamples,
    rows: [
      row('noux start → first line of b_true (pool 2)', pooled, true),
      row('noux start → first line of b_true, cold (--pool 0)', cold, false),
      row('for comparison: a C program (echo) as a component, start → first line (pool 2)', echo, false),
    ],
  };
}

/* ------------------------------------------------------------ fork and exec */

const FORK_LINE = /^(fork\+exit\+wait|fork\+exec\+wait) round (\d+): (\d+) cycles in (\d+) ns/;
const FORK_KINDS = ['fork+exit+wait', 'fork+exec+wait'] as const;
const msPerCycle = (count: number, ns: number) => ns / count / 1e6;

async function forkExec(bin: string, bareSamples: readonly number[]): Promise<Row[]> {
  const pooled = new Map<string, number[]>();
  const cold = new Map<string, number[]>();
  const native = new Map<string, number[]>();
  for (let run = 0; run < RUNS; run++) {
    for (const [pool, into] of [[2, pooled], [0, cold]] as const) {
      const lines = await underNoux('b_forkexec', [FORK_ROUNDS, FORK_CYCLES], pool);
      collect(into, figures(lines, FORK_LINE, msPerCycle), FORK_KINDS, FORK_ROUNDS - 1, lines);
    }
    const lines = await natively(bin, 'b_forkexec', [FORK_ROUNDS, NATIVE_FORK_CYCLES]);
    collect(native, figures(lines, FORK_LINE, msPerCycle), FORK_KINDS, FORK_ROUNDS - 1, lines);
  }
  const bare = median(bareSamples);
  const row = (name: string, samples: readonly number[], kind: string, goal?: { text: string; met: (value: number) => boolean }): Row => {
    const baselineSamples = native.get(kind) ?? [];
    const value = median(samples);
    return {
      name, value, unit: 'ms', baseline: median(baselineSamples), baselineName: 'the same program natively on Linux',
      samples, baselineSamples, ...(goal === undefined ? {} : { goal: goal.text, met: goal.met(value) }),
    };
  };
  const execPooled = pooled.get('fork+exec+wait') ?? [];
  return [
    row('fork + exec(b_true) + wait, per cycle (pool 2)', execPooled, 'fork+exec+wait', { text: `≤ ${FORK_GOAL_MS} ms`, met: (value) => value <= FORK_GOAL_MS }),
    {
      name: 'the same against a bare worker start', value: median(execPooled), unit: 'ms',
      baseline: bare, baselineName: 'bare worker importing one module, start → posted back', samples: execPooled, baselineSamples: bareSamples,
      goal: `≤ ${FORK_GOAL_RATIO}×`, met: median(execPooled) / bare <= FORK_GOAL_RATIO,
    },
    row('fork + _exit + wait, per cycle (pool 2)', pooled.get('fork+exit+wait') ?? [], 'fork+exit+wait'),
    row('fork + exec(b_true) + wait, per cycle, cold (--pool 0)', cold.get('fork+exec+wait') ?? [], 'fork+exec+wait'),
    row('fork + _exit + wait, per cycle, cold (--pool 0)', cold.get('fork+exit+wait') ?? [], 'fork+exit+wait'),
  ];
}

/* ------------------------------------------------------------ pipe */

const PIPE_LINE = /^pipe: (\d+) bytes in (\d+) ns/;

/* MiB/s of each round but the first. */
function pipeRates(lines: readonly string[]): number[] {
  const rates = lines.flatMap((line) => {
    const match = PIPE_LINE.exec(line);
    return match === null ? [] : [Number(match[1]) / MiB / (Number(match[2]) / 1e9)];
  });
  if (rates.length !== PIPE_ROUNDS) throw new Error(`b_pipe: ${rates.length} rounds instead of ${PIPE_ROUNDS} in\n${lines.join('\n')}`);
  return rates.slice(1);
}

async function pipe(bin: string): Promise<Row[]> {
  const noux: number[] = [];
  const native: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    /* Without the pool: refilling it would take a core while the first round runs. */
    noux.push(...pipeRates(await underNoux('b_pipe', [PIPE_MIB, PIPE_ROUNDS], 0)));
    native.push(...pipeRates(await natively(bin, 'b_pipe', [PIPE_MIB, PIPE_ROUNDS])));
  }
  const value = median(noux);
  const baseline = median(native);
  return [{
    name: `${PIPE_MIB} MiB through a pipe from b_pipe_writer to b_pipe_reader, 64 KiB per call`, value, unit: 'MiB/s',
    baseline, baselineName: 'the same programs natively on Linux', samples: noux, baselineSamples: native,
    goal: `≥ ${PIPE_GOAL_RATIO}×`, met: value / baseline >= PIPE_GOAL_RATIO,
  }];
}

/* ------------------------------------------------------------ file I/O */

const FILE_MIB = 64;
const FILE_LINE = /^file (write|read): (\d+) bytes in (\d+) ns/;
const FILE_KINDS = ['write', 'read'] as const;

/* MiB/s of each kind. */
function fileRates(lines: readonly string[]): Map<string, number> {
  const rates = new Map<string, number>();
  for (const line of lines) {
    const match = FILE_LINE.exec(line);
    if (match !== null) rates.set(match[1] as string, Number(match[2]) / MiB / (Number(match[3]) / 1e9));
  }
  if (rates.size !== FILE_KINDS.length) throw new Error(`b_file: no figures in\n${lines.join('\n')}`);
  return rates;
}

async function fileIo(bin: string, temp: string): Promise<Row[]> {
  const noux = new Map<string, number[]>(FILE_KINDS.map((kind) => [kind, []]));
  const native = new Map<string, number[]>(FILE_KINDS.map((kind) => [kind, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [kind, rate] of fileRates(await underNoux('b_file', ['/tmp/b_file', FILE_MIB * MiB], 0))) noux.get(kind)?.push(rate);
    for (const [kind, rate] of fileRates(await natively(bin, 'b_file', [join(temp, 'b_file'), FILE_MIB * MiB]))) native.get(kind)?.push(rate);
  }
  return FILE_KINDS.map((kind) => {
    const samples = noux.get(kind) ?? [];
    const baselineSamples = native.get(kind) ?? [];
    return {
      name: `${FILE_MIB} MiB ${kind === 'write' ? 'written to' : 'read from'} a file of noux's <ram> by b_file, 64 KiB per call`,
      value: median(samples), unit: 'MiB/s',
      baseline: median(baselineSamples), baselineName: 'the same program natively on Linux (a file in the page cache)', samples, baselineSamples,
    };
  });
}

/* ------------------------------------------------------------ system calls */

const SYSCALL_LINE = /^(getppid|getpgid|write) round (\d+): (\d+) calls in (\d+) ns/;
const SYSCALL_KINDS = ['getppid', 'getpgid', 'write'] as const;
const nsPerCall = (count: number, ns: number) => ns / count;

async function systemCalls(bin: string): Promise<Row[]> {
  const noux = new Map<string, number[]>();
  const native = new Map<string, number[]>();
  const component: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const lines = await underNoux('b_syscall', [SYSCALLS, SYSCALL_ROUNDS], 0);
    collect(noux, figures(lines, SYSCALL_LINE, nsPerCall), SYSCALL_KINDS, SYSCALL_ROUNDS - 1, lines);
    component.push(...await componentWriteTimes(1));
    const nativeLines = await natively(bin, 'b_syscall', [NATIVE_SYSCALLS, SYSCALL_ROUNDS]);
    collect(native, figures(nativeLines, SYSCALL_LINE, nsPerCall), SYSCALL_KINDS, SYSCALL_ROUNDS - 1, nativeLines);
  }
  const baseline = median(component);
  const rows: Row[] = [];
  const names: Record<(typeof SYSCALL_KINDS)[number], string> = {
    getppid: 'getppid() under noux (answered in the process)',
    getpgid: 'getpgid(0) under noux (a round trip to noux)',
    write: 'write() of 1 B to /dev/null under noux (a round trip to noux)',
  };
  for (const kind of SYSCALL_KINDS) {
    const samples = noux.get(kind) ?? [];
    const value = median(samples);
    rows.push({
      name: names[kind], value, unit: 'ns/call', baseline, baselineName: 'fd_write of 1 B to <null/>, C program as a component',
      samples, baselineSamples: component, goal: `≤ ${SYSCALL_GOAL_RATIO}×`, met: value / baseline <= SYSCALL_GOAL_RATIO,
    });
  }
  for (const kind of SYSCALL_KINDS) {
    const samples = noux.get(kind) ?? [];
    const nativeSamples = native.get(kind) ?? [];
    rows.push({
      name: `${kind === 'write' ? 'write() of 1 B to /dev/null' : `${kind}()`} under noux, against Linux`, value: median(samples), unit: 'ns/call',
      baseline: median(nativeSamples), baselineName: 'the same program natively on Linux', samples, baselineSamples: nativeSamples,
    });
  }
  return rows;
}

/* ------------------------------------------------------------ all */

export async function run(): Promise<Row[]> {
  const temp = await mkdtemp(join(tmpdir(), 'nido-bench-noux-'));
  try {
    const bin = await nativeBuild(temp);
    const start = await starts(temp);
    const rows = [...start.rows, ...await forkExec(bin, start.bareSamples), ...await pipe(bin), ...await fileIo(bin, temp), ...await systemCalls(bin)];
    await report('noux', rows);
    return rows;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
