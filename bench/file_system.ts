/*
 * File_system throughput: a 256 MiB file written sequentially and read
 * back through ram_fs by a synchronous client (a component using the
 * blocking face of FileSystemConnection, 1 MiB per call, as a WebAssembly
 * program's fd_write would), against plain `fs.writeSync`/`fs.readSync`
 * on a host tmpfs file (/dev/shm), same sizes, in the same run.
 *
 * The component times itself with the Timer session's elapsed time and
 * logs one line per sample. Its first sample writes into memory ram_fs
 * has just obtained from core: every page of it faults in on first touch,
 * which on a virtual machine costs several times the copy, so "cold" is
 * reported on its own. The later samples write a new file after the
 * previous one was unlinked: ram_fs keeps the memory that its clients
 * still pay for, and reuses it ("warm"). A second run uses the default
 * bulk buffer (128 KiB) instead of 1 MiB.
 *
 * The goal (issue 5): ≥ 0.5× of node:wasi on tmpfs; plain fs is the floor
 * node:wasi itself stands on. As in the rpc benchmark, the table shows the
 * best sample of each (a blocking client and its server spin on the two
 * cores, and any other process on the machine takes one of them away);
 * the JSON file has every sample.
 */

import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoDir } from './dist.js';
import { report, type Row } from './table.js';

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
const CHUNK = MiB;
const SAMPLES = 6;
const BASELINE_SAMPLES = 5;
const TIMEOUT_MS = 180_000;

const COMPONENT = `// Writes and reads back a file through ram_fs with the blocking client; logs the times.
import { FileSystemConnection, Timer, READ_WRITE } from 'nido';

export async function construct(env) {
  const config = (await env.config()).xml;
  const size = config.numBytesAttribute('size', 0);
  const chunk = config.numBytesAttribute('chunk', 0);
  const samples = config.naturalAttribute('samples', 1);
  const timer = await env.connect(Timer);
  const clock = env.syncClient(Timer, timer.cap);
  const connection = await FileSystemConnection.open(env, {
    label: 'bench', txBufSize: config.numBytesAttribute('tx', 0), ram: size + 16 * 1024 * 1024,
  });
  const fs = connection.blocking;
  const root = fs.dir('/', false);
  const data = new Uint8Array(chunk);
  for (let i = 0; i < chunk; i++) data[i] = (i * 7) & 0xff;
  const back = new Uint8Array(chunk);
  for (let sample = 0; sample < samples; sample++) {
    const file = fs.file(root, 'big', READ_WRITE, true);
    let start = clock.elapsedUs();
    for (let at = 0; at < size; at += chunk) if (fs.write(file, data, at) !== chunk) throw new Error('short write');
    const write = clock.elapsedUs() - start;
    start = clock.elapsedUs();
    for (let at = 0; at < size; at += chunk) if (fs.read(file, back, at) !== chunk) throw new Error('short read');
    const read = clock.elapsedUs() - start;
    for (let i = 0; i < chunk; i += 4093) if (back[i] !== data[i]) throw new Error('read back other data');
    fs.close(file);
    fs.unlink(root, 'big');
    env.log('sample ' + sample + ' write_us=' + write + ' read_us=' + read);
  }
  await connection.close();
  env.log('bench done');
}
`;

function config(tx: string): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
  <start name="ram_fs" ram="8M">
    <provides> <service name="File_system"/> </provides>
    <config> <policy label_prefix="fs_bench" root="/" writeable="yes"/> </config>
  </start>
  <start name="fs_bench" ram="320M">
    <route>
      <service name="File_system"> <child name="ram_fs"/> </service>
      <any-service> <parent/> </any-service>
    </route>
    <config size="${SIZE}" chunk="${CHUNK}" tx="${tx}" samples="${SAMPLES}"/>
  </start>
</config>
`;
}

interface Samples {
  readonly write: number[];
  readonly read: number[];
}

/* One nido run; answers the times (ms) of each sample. */
function nidoRun(dir: string, env: NodeJS.ProcessEnv): Promise<Samples> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoDir, 'bin', 'nido.js'), 'run', dir, '--until', 'bench done', '--ram', '1G', '--timeout', String(TIMEOUT_MS / 1000)],
      { cwd: repoDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const samples: Samples = { write: [], read: [] };
      for (const match of output.matchAll(/sample \d+ write_us=(\d+) read_us=(\d+)/g)) {
        samples.write.push(Number(match[1]) / 1000);
        samples.read.push(Number(match[2]) / 1000);
      }
      if (code !== 0 || samples.write.length !== SAMPLES) reject(new Error(`nido run ${dir}: exit ${code}\n${output}`));
      else resolve(samples);
    });
  });
}

/* The baseline: the same file written and read with plain fs on tmpfs. */
function plainFs(count: number): Samples {
  const path = `/dev/shm/nido-bench-file-system-${process.pid}`;
  const data = new Uint8Array(CHUNK);
  for (let i = 0; i < CHUNK; i++) data[i] = (i * 7) & 0xff;
  const back = new Uint8Array(CHUNK);
  const samples: Samples = { write: [], read: [] };
  for (let sample = 0; sample < count; sample++) {
    const fd = openSync(path, 'w+');
    try {
      let start = performance.now();
      for (let at = 0; at < SIZE; at += CHUNK) if (writeSync(fd, data, 0, CHUNK, at) !== CHUNK) throw new Error('short write');
      samples.write.push(performance.now() - start);
      start = performance.now();
      for (let at = 0; at < SIZE; at += CHUNK) if (readSync(fd, back, 0, CHUNK, at) !== CHUNK) throw new Error('short read');
      samples.read.push(performance.now() - start);
    } finally {
      closeSync(fd);
      unlinkSync(path);
    }
  }
  return samples;
}

const throughput = (ms: number) => SIZE / MiB / (ms / 1000);

export async function run(): Promise<Row[]> {
  const dirs = { default: await mkdtemp(join(tmpdir(), 'nido-bench-fs-')), small: await mkdtemp(join(tmpdir(), 'nido-bench-fs-')) };
  try {
    await writeFile(join(dirs.default, 'config'), config('1M'));
    await writeFile(join(dirs.small, 'config'), config('128K'));
    for (const dir of Object.values(dirs)) await writeFile(join(dir, 'fs_bench.js'), COMPONENT);

    const before = plainFs(BASELINE_SAMPLES);
    const nido = await nidoRun(dirs.default, process.env);
    const small = await nidoRun(dirs.small, process.env);
    const after = plainFs(BASELINE_SAMPLES);

    const baseline = { write: [...before.write, ...after.write], read: [...before.read, ...after.read] };
    const baseWrite = throughput(Math.min(...baseline.write));
    const baseRead = throughput(Math.min(...baseline.read));
    const row = (name: string, ms: readonly number[], base: number, baseSamples: readonly number[]): Row => {
      const value = throughput(Math.min(...ms));
      return {
        name, value, unit: 'MiB/s', baseline: base, baselineName: 'plain fs on /dev/shm, best',
        samples: ms.map(throughput), baselineSamples: baseSamples.map(throughput),
        goal: '≥ 0.5× (of node:wasi)', met: value / base >= 0.5,
      };
    };
    const warm = (samples: Samples) => ({ write: samples.write.slice(1), read: samples.read.slice(1) });
    const rows: Row[] = [
      row('ram_fs write, warm (tx_buf_size 1M, 1 MiB per call), best', warm(nido).write, baseWrite, baseline.write),
      row('ram_fs read, warm (tx_buf_size 1M), best', warm(nido).read, baseRead, baseline.read),
      row('ram_fs write, cold: first write into fresh memory', nido.write.slice(0, 1), baseWrite, baseline.write),
      row('ram_fs read after the cold write', nido.read.slice(0, 1), baseRead, baseline.read),
      row('ram_fs write, warm, tx_buf_size 128K (the default), best', warm(small).write, baseWrite, baseline.write),
      row('ram_fs read, warm, tx_buf_size 128K, best', warm(small).read, baseRead, baseline.read),
    ];
    await report('file_system', rows);
    return rows;
  } finally {
    for (const dir of Object.values(dirs)) await rm(dir, { recursive: true, force: true });
  }
}
