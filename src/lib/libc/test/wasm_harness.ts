/*
 * Runs a WebAssembly program twice for the C runtime's tests: under Nido
 * (runWasm in a worker, on the in-memory VFS, Timer served from this
 * thread) and under node:wasi on an equivalent host directory, the
 * reference the outputs are compared with.
 */

import { spawn } from 'node:child_process';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { WASI } from 'node:wasi';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ipc } from '../../../base/ipc.js';
import type { Port } from '../../../base/port.js';
import { Timer } from '../../../session/timer/interface.js';
import { escapeXmlAttribute } from '../../../util/xml.js';
import { WebAssemblyApi, type WasmImports } from '../webassembly.js';

export const wasmDir = fileURLToPath(new URL('../../../wasm/', import.meta.url));

/** The binary of a program built by wasm/build.mjs. */
export function wasmBinary(name: string): Uint8Array {
  try {
    return readFileSync(join(wasmDir, `${name}.wasm`));
  } catch {
    throw new Error(`${name}.wasm is missing in ${wasmDir}: build the C programs with "node wasm/build.mjs" (needs clang, lld, wasi-libc)`);
  }
}

export interface Fixture {
  readonly dirs?: readonly string[];
  readonly files?: Readonly<Record<string, string>>;
  readonly symlinks?: Readonly<Record<string, string>>;
}

/** The files the tests' programs work on: the same under Nido and on the reference's host directory. */
export const fixture: Fixture = {
  dirs: ['/tmp', '/data/empty'],
  files: {
    '/data/hello.txt': 'Hello, world!\n',
    '/data/lines.txt': 'alpha\nbeta\ngamma delta\n\nepsilon Alpha\nzeta\n',
    '/data/sub/a.txt': 'A\n',
    '/data/sub/b.txt': 'BB\n',
  },
  symlinks: { '/data/link': 'hello.txt', '/data/dangling': 'nowhere' },
};

/**
 * What a user does at a scripted terminal, one step each time the program
 * waits for it: a string is typed; `{ columns }` resizes the terminal (the
 * `<terminal/>` plugin only, with `vfs`: the in-memory terminal's size is
 * fixed).
 */
export interface TerminalScript {
  readonly path: string;
  readonly chunks: readonly (string | { readonly columns: number })[];
}

export interface ProgramRun {
  readonly program: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  readonly fixture?: Fixture;
  /** Nido only: further config nodes (inside <config>). */
  readonly config?: string;
  /** Nido only: a `<libc>` node replacing the default one. */
  readonly libc?: string;
  /** Nido only: runWasm's memoryLimit. */
  readonly memoryLimit?: number;
  /** Nido only: run without a Timer route. */
  readonly noTimer?: boolean;
  /** Nido only: a `<vfs>` config for the VFS library (with its test services); without it, a minimal in-memory VFS. */
  readonly vfs?: string;
  /** Nido only: a scripted terminal device (at `path` in the in-memory VFS; the `<terminal/>` plugin's input with `vfs`). */
  readonly terminal?: TerminalScript;
  /** Files whose content is reported after the run. */
  readonly collect?: readonly string[];
}

export interface WorkerRequest {
  readonly name: string;
  readonly binary: Uint8Array;
  readonly config: string;
  readonly fixture: Fixture;
  readonly timer: { port: unknown; badge: number; home: number } | undefined;
  readonly terminal: TerminalScript | undefined;
  readonly collect: readonly string[];
  readonly vfs: string | undefined;
  readonly memoryLimit: number | undefined;
}

export interface WorkerResult {
  exitCode?: number;
  error?: { name: string; message: string };
  files: Record<string, string>;
  terminal?: string;
  warnings: string[];
}

export interface RunOutcome {
  readonly exitCode: number | undefined;
  readonly error: { readonly name: string; readonly message: string } | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Readonly<Record<string, string>>;
  readonly terminal?: string;
  readonly warnings: readonly string[];
}

/**
 * A `<vfs>` for the VFS library that holds the fixture: RAM at the root
 * and in /dev, beside a terminal.
 */
export const LIBRARY_VFS = '<vfs><ram/><dir name="dev"><ram/><terminal/></dir></vfs>';

const STDIN = '/dev/stdin', STDOUT = '/dev/stdout', STDERR = '/dev/stderr', RTC = '/dev/rtc';

function rtcNow(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}

/* Stands in for core's Timer service. */
function timer(): Timer {
  const start = performance.now();
  return {
    triggerOnce() {}, triggerPeriodic() {}, sigh() {},
    elapsedMs: () => Math.floor(performance.now() - start),
    elapsedUs: () => Math.floor((performance.now() - start) * 1000),
    wallClockUs: () => Math.floor((performance.timeOrigin + performance.now()) * 1000),
    msleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  } as Timer;
}

/** Runs `run` under Nido's C runtime. */
export async function runNido(run: ProgramRun): Promise<RunOutcome> {
  const args = [run.program, ...(run.args ?? [])];
  const config = `<config>${args.map((a) => `<arg value="${escapeXmlAttribute(a)}"/>`).join('')}`
    + Object.entries(run.env ?? {}).map(([k, v]) => `<env key="${escapeXmlAttribute(k)}" value="${escapeXmlAttribute(v)}"/>`).join('')
    + (run.config ?? '')
    + (run.libc ?? `<libc stdin="${STDIN}" stdout="${STDOUT}" stderr="${STDERR}" rtc="${RTC}"/>`)
    + '</config>';
  const fixture: Fixture = {
    dirs: run.fixture?.dirs,
    symlinks: run.fixture?.symlinks,
    files: { ...run.fixture?.files, [STDIN]: run.stdin ?? '', [STDOUT]: '', [STDERR]: '', [RTC]: rtcNow() },
  };
  const server = new Ipc({ pd: 1, channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port }, defer: (w) => void setImmediate(w) });
  const cap = server.manage(Timer, timer());
  const exported = run.noTimer ? undefined : await server.export(cap);
  const request: WorkerRequest = {
    name: run.program, binary: wasmBinary(run.program), config, fixture,
    timer: exported, terminal: run.terminal, collect: [STDOUT, STDERR, ...(run.collect ?? [])], vfs: run.vfs,
    memoryLimit: run.memoryLimit,
  };
  const worker = new Worker(new URL('./wasm_worker.js', import.meta.url), {
    workerData: request,
    transferList: exported === undefined ? [] : [exported.port as MessagePort],
  });
  try {
    const result = await new Promise<WorkerResult>((resolve, reject) => {
      worker.once('message', (message: WorkerResult) => resolve(message));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`test worker exited with ${code} before answering`)));
    });
    const { [STDOUT]: stdout = '', [STDERR]: stderr = '', ...files } = result.files;
    return { exitCode: result.exitCode, error: result.error, stdout, stderr, files, terminal: result.terminal, warnings: result.warnings };
  } finally {
    await worker.terminate();
    server.dissolve(cap);
  }
}

/**
 * Runs `run` under node:wasi on a host directory with the same fixture
 * (the reference), in a child process of its own: node:wasi has error
 * paths that leave a descriptor locked, and destroying such an instance
 * later aborts the whole process.
 */
export async function runReference(run: ProgramRun): Promise<RunOutcome> {
  const child = spawn(process.execPath, ['--no-warnings', fileURLToPath(new URL('./reference_main.js', import.meta.url))],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(run));
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => { output += chunk; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  /* The outcome counts once it was printed whole: after some error paths node:wasi aborts while tearing down. */
  try {
    return JSON.parse(output) as RunOutcome;
  } catch {
    throw new Error(`the reference run of ${run.program} ended with ${code} before reporting: ${output}`);
  }
}

/** The reference run itself (in reference_main's process). */
export async function runReferenceHere(run: ProgramRun): Promise<RunOutcome> {
  const root = await mkdtemp(join(tmpdir(), 'nido-wasi-'));
  const io = await mkdtemp(join(tmpdir(), 'nido-wasi-io-'));
  try {
    for (const dir of run.fixture?.dirs ?? []) await mkdir(join(root, dir), { recursive: true });
    for (const [path, content] of Object.entries(run.fixture?.files ?? {})) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
    for (const [path, target] of Object.entries(run.fixture?.symlinks ?? {})) await symlink(target, join(root, path));
    await writeFile(join(io, 'stdin'), run.stdin ?? '');
    const stdin = openSync(join(io, 'stdin'), 'r');
    const stdout = openSync(join(io, 'stdout'), 'w');
    const stderr = openSync(join(io, 'stderr'), 'w');
    let exitCode: number | undefined;
    let error: { name: string; message: string } | undefined;
    try {
      const wasi = new WASI({
        version: 'preview1', args: [run.program, ...(run.args ?? [])], env: { ...run.env },
        preopens: { '/': root }, stdin, stdout, stderr, returnOnExit: true,
      });
      const module = await WebAssemblyApi.compile(wasmBinary(run.program));
      const instance = await WebAssemblyApi.instantiate(module, wasi.getImportObject() as unknown as WasmImports);
      exitCode = wasi.start(instance);
    } catch (thrown) {
      error = thrown instanceof Error ? { name: thrown.name, message: thrown.message } : { name: 'unknown', message: String(thrown) };
    } finally {
      closeSync(stdin);
      closeSync(stdout);
      closeSync(stderr);
    }
    const files: Record<string, string> = {};
    for (const path of run.collect ?? []) {
      try { files[path] = await readFile(join(root, path), 'utf8'); } catch { /* removed or never written */ }
    }
    return {
      exitCode, error, files, warnings: [],
      stdout: await readFile(join(io, 'stdout'), 'utf8'),
      stderr: await readFile(join(io, 'stderr'), 'utf8'),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(io, { recursive: true, force: true });
  }
}
