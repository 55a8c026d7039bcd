/*
 * The C runtime (issue 5): C programs built for wasm32-wasi (wasm/src)
 * run as Nido components, against the same binaries under node:wasi in
 * the same run. Every program times itself with
 * clock_gettime(CLOCK_MONOTONIC), so starting it is never part of a
 * figure. Each run is a process of its own: `nido run`, or
 * libc_program.ts for node:wasi and for the C runtime without a
 * component around it.
 *
 * System-call overhead: `bench_write /dev/null N ROUNDS 1 64`, N write(2)
 * calls of 1 and of 64 bytes each, one fd_write per call. Under Nido the
 * descriptor is the VFS's `<null/>` device: the cost is the C runtime's
 * own (descriptor lookup, iovec decoding, the VFS handle), with no
 * session behind it. The program runs as a component through `nido run`,
 * and through runWasm in a plain worker (the C runtime's test harness),
 * which shows what being a component adds. node:wasi writes to the
 * host's /dev/null: a host system call each.
 *
 * File throughput: `bench_file /data/big 256MiB CHUNK SAMPLES` writes a
 * file sequentially in CHUNK-byte calls, reads it back, removes it, and
 * again. Under Nido /data is an `<fs buffer_size="1M"/>` mount on a
 * ram_fs server (each call a File_system packet round trip through the
 * shared bulk buffer); node:wasi writes a file on the host's tmpfs
 * (/dev/shm). The first sample of a Nido run writes into memory ram_fs
 * has just obtained (every page faults in on first touch), reported on
 * its own as "cold"; the later ones reuse it. Goal: ≥ 0.5× of node:wasi.
 * A last configuration keeps the `<fs/>` default bulk buffer (128 KiB).
 *
 * The machine has two cores and other work runs: each configuration
 * runs several times, interleaved with its baseline, and the table shows
 * medians; the JSON file has every sample.
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distDir, repoDir } from './dist.js';
import type { ProgramRun } from './libc_program.js';
import { runNode, type NodeRun } from './node_process.js';
import { median, report, type Row } from './table.js';

const RUNS = 3;
const TIMEOUT_S = 120;
/* A process that hangs past nido's own timeout is killed. */
const PROCESS_TIMEOUT_MS = (TIMEOUT_S + 10) * 1000;

/* System calls: WRITES calls per round; round 0 of each size warms the JIT up and is dropped. */
const WRITES = 200_000;
const ROUNDS = 5;
const WRITE_SIZES = [1, 64] as const;

const MiB = 1024 * 1024;
const FILE_SIZE = 256 * MiB;
/* Calls of CHUNK bytes through a bulk buffer of BUFFER bytes. */
const FILE_CONFIGS = [
  { chunk: 64 * 1024, buffer: MiB },
  { chunk: MiB, buffer: MiB },
  { chunk: 64 * 1024, buffer: 128 * 1024 },
] as const;
/* Sample 0 is the cold one under Nido; dropped on both sides for the warm figures. */
const FILE_SAMPLES = 3;

/* ------------------------------------------------------------- running */


/*
 * Boots `config` with `nido run` until the child `name` exited with 0.
 * Without the pool of spare workers: it boots them just as the program
 * starts, which takes one of the two cores for a good part of a second
 * and slowed the first rounds down by half; starting is not measured here.
 */
async function nidoRun(config: string, name: string, ram: string): Promise<NodeRun> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-libc-'));
  try {
    await writeFile(join(dir, 'config'), config);
    return await runNode([join(repoDir, 'bin', 'nido.js'), 'run', dir, '--ram', ram, '--pool', '0', '--timeout', String(TIMEOUT_S),
      '--report-dir', join(dir, 'reports'),
      '--until', `child "${name}" exited with exit value 0`, '--fail', 'exited with exit value [1-9]|uncaught'], PROCESS_TIMEOUT_MS);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/* Runs a program under node:wasi, or runWasm in a worker, in a process of its own. */
function runProgram(run: ProgramRun): Promise<NodeRun> {
  return runNode(['--no-warnings', join(distDir, 'bench', 'libc_program.js'), JSON.stringify(run)], PROCESS_TIMEOUT_MS);
}

const args = (values: readonly (string | number)[]) => values.map((v) => `<arg value="${v}"/>`).join(' ');

function bootConfig(starts: string): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
${starts}
</config>
`;
}

/* ------------------------------------------------------- system calls */

const writeArgs = ['/dev/null', WRITES, ROUNDS, ...WRITE_SIZES];

const writeConfig = bootConfig(`  <start name="bench_write" ram="16M">
    <config>
      ${args(['bench_write', ...writeArgs])}
      <vfs> <dir name="dev"> <log/> <null/> </dir> </vfs>
      <libc stdout="/dev/log" stderr="/dev/log"/>
    </config>
  </start>`);

/* Nanoseconds per call of each warm round, by size. */
function callTimes(output: string): Map<number, number[]> {
  const times = new Map<number, number[]>(WRITE_SIZES.map((size) => [size, []]));
  for (const match of output.matchAll(/size (\d+) round (\d+): (\d+) writes in (\d+) ns/g)) {
    if (Number(match[2]) === 0) continue;
    times.get(Number(match[1]))?.push(Number(match[4]) / Number(match[3]));
  }
  for (const [size, samples] of times) {
    if (samples.length !== ROUNDS - 1) throw new Error(`bench_write: ${samples.length} rounds of size ${size} in\n${output}`);
  }
  return times;
}

/**
 * One `nido run` of bench_write as a component: nanoseconds per fd_write
 * of `size` bytes to the VFS's `<null/>`, one figure per warm round (the
 * noux benchmark's baseline for a system call).
 */
export async function componentWriteTimes(size: (typeof WRITE_SIZES)[number]): Promise<number[]> {
  return callTimes((await nidoRun(writeConfig, 'bench_write', '64M')).output).get(size) ?? [];
}

async function systemCalls(): Promise<Row[]> {
  const program = { program: 'bench_write', args: writeArgs.map(String) };
  const samples = { component: new Map<number, number[]>(), worker: new Map<number, number[]>(), reference: new Map<number, number[]>() };
  const add = (into: Map<number, number[]>, from: Map<number, number[]>) => {
    for (const [size, times] of from) into.set(size, [...(into.get(size) ?? []), ...times]);
  };
  for (let run = 0; run < RUNS; run++) {
    add(samples.component, callTimes((await nidoRun(writeConfig, 'bench_write', '64M')).output));
    /* the harness keeps the standard streams in RAM beside the null device */
    add(samples.worker, callTimes((await runProgram({ ...program, runtime: 'worker', vfs: '<vfs><dir name="dev"><ram/><null/></dir></vfs>' })).output));
    add(samples.reference, callTimes((await runProgram({ ...program, runtime: 'node:wasi', preopens: { '/dev': '/dev' } })).output));
  }
  const rows: Row[] = [];
  for (const size of WRITE_SIZES) {
    const baselineSamples = samples.reference.get(size) ?? [];
    const baseline = median(baselineSamples);
    const row = (name: string, values: readonly number[]): Row => ({
      name, value: median(values), unit: 'ns/call', baseline, baselineName: 'node:wasi, host /dev/null',
      samples: values, baselineSamples,
    });
    rows.push(row(`fd_write of ${size} B to <null/>, component (nido run)`, samples.component.get(size) ?? []));
    rows.push(row(`fd_write of ${size} B to <null/>, runWasm in a worker`, samples.worker.get(size) ?? []));
  }
  return rows;
}

/* --------------------------------------------------------- throughput */

function fileConfig(chunk: number, buffer: number): string {
  return bootConfig(`  <start name="ram_fs" ram="8M">
    <provides> <service name="File_system"/> </provides>
    <config> <policy label_prefix="bench_file" root="/" writeable="yes"/> </config>
  </start>
  <start name="bench_file" ram="${FILE_SIZE / MiB + 48}M">
    <route>
      <service name="File_system"> <child name="ram_fs"/> </service>
      <any-service> <parent/> </any-service>
    </route>
    <config>
      ${args(['bench_file', '/data/big', FILE_SIZE, chunk, FILE_SAMPLES])}
      <vfs>
        <dir name="dev"> <log/> </dir>
        <dir name="data"> <fs writeable="yes" buffer_size="${buffer}" ram="${FILE_SIZE / MiB + 16}M"/> </dir>
      </vfs>
      <libc stdout="/dev/log" stderr="/dev/log"/>
    </config>
  </start>`);
}

interface FileSamples {
  readonly write: number[];
  readonly read: number[];
}

/* MiB/s of each sample's write and read. */
function fileRates(output: string): FileSamples {
  const samples: FileSamples = { write: [], read: [] };
  for (const match of output.matchAll(/sample \d+: write (\d+) bytes in (\d+) ns, read in (\d+) ns/g)) {
    const mib = Number(match[1]) / MiB;
    samples.write.push(mib / (Number(match[2]) / 1e9));
    samples.read.push(mib / (Number(match[3]) / 1e9));
  }
  if (samples.write.length !== FILE_SAMPLES) throw new Error(`bench_file: ${samples.write.length} samples in\n${output}`);
  return samples;
}

async function throughput(): Promise<Row[]> {
  const shm = await mkdtemp('/dev/shm/nido-bench-libc-');
  const rows: Row[] = [];
  try {
    for (const { chunk, buffer } of FILE_CONFIGS) {
      const nido = { write: [] as number[], read: [] as number[], coldWrite: [] as number[] };
      const host = { write: [] as number[], read: [] as number[] };
      const fileArgs = ['/data/big', FILE_SIZE, chunk, FILE_SAMPLES].map(String);
      for (let run = 0; run < RUNS; run++) {
        const measured = fileRates((await nidoRun(fileConfig(chunk, buffer), 'bench_file', '1G')).output);
        nido.coldWrite.push(...measured.write.slice(0, 1));
        nido.write.push(...measured.write.slice(1));
        nido.read.push(...measured.read.slice(1));
        const baseline = fileRates((await runProgram({ runtime: 'node:wasi', program: 'bench_file', args: fileArgs, preopens: { '/data': shm } })).output);
        host.write.push(...baseline.write.slice(1));
        host.read.push(...baseline.read.slice(1));
      }
      const setting = `${chunk / 1024} KiB per call, bulk buffer ${buffer / 1024} KiB`;
      const row = (name: string, values: readonly number[], baselineSamples: readonly number[], goal: boolean): Row => {
        const value = median(values);
        const baseline = median(baselineSamples);
        return {
          name, value, unit: 'MiB/s', baseline, baselineName: 'node:wasi, /dev/shm', samples: values, baselineSamples,
          ...(goal ? { goal: '≥ 0.5×', met: value / baseline >= 0.5 } : {}),
        };
      };
      rows.push(row(`write 256 MiB to <fs/> on ram_fs, ${setting}`, nido.write, host.write, true));
      rows.push(row(`read 256 MiB from <fs/> on ram_fs, ${setting}`, nido.read, host.read, true));
      if (buffer === MiB) rows.push(row(`the same write, cold (into ram_fs's fresh memory)`, nido.coldWrite, host.write, false));
    }
  } finally {
    await rm(shm, { recursive: true, force: true });
  }
  return rows;
}

export async function run(): Promise<Row[]> {
  const rows = [...await systemCalls(), ...await throughput()];
  await report('libc', rows);
  return rows;
}
