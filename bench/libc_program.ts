/*
 * One run of a program of dist/wasm for the C-runtime benchmark
 * (libc.ts), in a process of its own, with the program's output on this
 * process's stdout:
 *
 *   - "node:wasi", the baseline: node:wasi answers every call from the
 *     host directly (uvwasi), the floor a WASI runtime in Node stands on;
 *   - "worker": Nido's C runtime (runWasm) in a worker on the VFS library,
 *     as the C runtime's tests run it (wasm_harness.ts): a program
 *     without the component around it.
 *
 *   node dist/bench/libc_program.js '{"runtime":"node:wasi","program":"bench_write","args":["/dev/null","1000","1","1"],"preopens":{"/dev":"/dev"}}'
 */

import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { join } from 'node:path';
import { distDir, load } from './dist.js';
import type { WasmImports } from '../src/lib/libc/webassembly.js';

type WasmApi = typeof import('../src/lib/libc/webassembly.js');
type Harness = typeof import('../src/lib/libc/test/wasm_harness.js');

export type ProgramRun = {
  readonly program: string;
  readonly args: readonly string[];
} & ({
  readonly runtime: 'node:wasi';
  /** Guest directory → host directory. */
  readonly preopens: Readonly<Record<string, string>>;
} | {
  readonly runtime: 'worker';
  /** The `<vfs>` config; the standard streams are files in its /dev. */
  readonly vfs: string;
});

async function underNodeWasi(run: ProgramRun & { runtime: 'node:wasi' }): Promise<number> {
  const wasi = new WASI({
    version: 'preview1', args: [run.program, ...run.args], env: {}, preopens: { ...run.preopens },
    stdin: 0, stdout: 1, stderr: 2, returnOnExit: true,
  });
  const { WebAssemblyApi } = await load<WasmApi>('lib/libc/webassembly.js');
  const module = await WebAssemblyApi.compile(await readFile(join(distDir, 'wasm', `${run.program}.wasm`)));
  const instance = await WebAssemblyApi.instantiate(module, wasi.getImportObject() as unknown as WasmImports);
  return wasi.start(instance);
}

async function inWorker(run: ProgramRun & { runtime: 'worker' }): Promise<number> {
  const harness = await load<Harness>('lib/libc/test/wasm_harness.js');
  const outcome = await harness.runNido({ program: run.program, args: run.args, vfs: run.vfs });
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  if (outcome.error !== undefined) {
    process.stderr.write(`${outcome.error.name}: ${outcome.error.message}\n`);
    return 1;
  }
  return outcome.exitCode ?? 1;
}

const run = JSON.parse(process.argv[2] ?? '{}') as ProgramRun;
process.exitCode = run.runtime === 'node:wasi' ? await underNodeWasi(run) : await inWorker(run);
