/*
 * `nido cc`: Debian's clang for wasm32-wasi, wasi-libc and Nido's POSIX
 * layer for noux (wasm/posix: fork, exec, pipes, signals, termios, the
 * user database, setjmp), so that C programs written for Unix build for
 * noux without change (docs/noux.md).
 *
 *   nido cc -O2 hello.c -o hello.wasm
 *   nido cc --print-flags        # CC=…, CFLAGS=…, LDFLAGS=… for ./configure
 *
 * A link step ends with binaryen's asyncify pass, which lets the runtime
 * unwind and rewind the program's stack: that is how fork returns twice.
 * The sysroot and the POSIX library are built once per clang, wasi-libc
 * and layer version, in the user's cache directory.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FPCAST_PARAMS, FPCAST_SECTION } from '../lib/noux/table_call.js';
import { exists, findWasiLibc, writeSysroot } from './sysroot.js';

/** The root of the Nido package (dist/toolchain/cc.js is two levels down). */
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const posixDir = join(packageRoot, 'wasm', 'posix');

export const TOOLCHAIN_PACKAGES = 'clang lld wasi-libc libclang-rt-14-dev-wasm32 llvm';

/** What the runtime needs of every noux program, exported by name or address. */
const EXPORTS = ['__stack_pointer', '__THREW__', '__threwValue', '__noux_fork_stack', '__noux_siginfo'];

/* The imports through which the stack may be unwound: fork itself, and the invoke wrappers that setjmp's lowering calls through. */
const ASYNCIFY_IMPORTS = ['noux.fork', 'env.invoke_*'];

export class ToolchainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolchainError';
  }
}

export interface Toolchain {
  readonly cc: string;
  /** Flags of every compile: target, sysroot, the layer's headers, the lowering of setjmp. */
  readonly cflags: readonly string[];
  /** Flags of every link: the POSIX layer and the exports the runtime uses. */
  readonly ldflags: readonly string[];
  readonly ar: string;
  readonly ranlib: string;
}

/*
 * clang's environment: PATH without npm's node_modules/.bin, where
 * binaryen's wasm-opt is. clang 14 runs any wasm-opt it finds on every
 * optimized link, which strips the name section (a trap would name no
 * function) and costs seconds; nido cc runs wasm-opt itself, once.
 */
function clangEnv(): NodeJS.ProcessEnv {
  const path = (process.env['PATH'] ?? '').split(':').filter((dir) => !dir.endsWith('node_modules/.bin')).join(':');
  return { ...process.env, PATH: path };
}

function runs(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8', env: clangEnv() });
  return result.error === undefined && result.status === 0;
}

function firstThatRuns(names: readonly (string | undefined)[]): string | undefined {
  return names.find((name): name is string => name !== undefined && runs(name, ['--version']));
}

async function filesOf(dir: string, pattern: RegExp): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesOf(path, pattern)));
    else if (pattern.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/** The user's cache directory for Nido (XDG_CACHE_HOME or ~/.cache). */
export function cacheRoot(): string {
  return join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'nido');
}

function run(command: string, args: readonly string[], what: string): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: clangEnv() });
  if (result.error !== undefined) throw new ToolchainError(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new ToolchainError(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** Compile flags shared by the layer and the programs (without the sysroot and the layer's headers). */
const BASE_CFLAGS = [
  '--target=wasm32-wasi', '-mmutable-globals', '-mllvm', '-enable-emscripten-sjlj',
  '-D_WASI_EMULATED_SIGNAL', '-D_WASI_EMULATED_GETPID', '-D_WASI_EMULATED_PROCESS_CLOCKS', '-D_WASI_EMULATED_MMAN',
  '-D__noux__',
];

/**
 * Finds clang and wasi-libc and builds (or finds in the cache) the
 * sysroot and the POSIX layer's library. Throws ToolchainError naming the
 * Debian packages to install when something is missing.
 */
export async function toolchain(): Promise<Toolchain> {
  const cc = process.env['WASM_CC'] ?? 'clang';
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (version.error !== undefined || version.status !== 0) {
    throw new ToolchainError(`${cc} not found: nido cc needs Debian's ${TOOLCHAIN_PACKAGES} (apt-get install ${TOOLCHAIN_PACKAGES})`);
  }
  const wasi = await findWasiLibc();
  if (wasi === undefined) throw new ToolchainError(`wasi-libc not found: apt-get install ${TOOLCHAIN_PACKAGES}`);
  const ar = firstThatRuns([process.env['WASM_AR'], 'llvm-ar', 'llvm-ar-14']);
  const ranlib = firstThatRuns([process.env['WASM_RANLIB'], 'llvm-ranlib', 'llvm-ranlib-14']);
  if (ar === undefined || ranlib === undefined) throw new ToolchainError('llvm-ar not found: the POSIX layer is an archive of WebAssembly objects (apt-get install llvm)');

  const sources = await filesOf(join(posixDir, 'src'), /\.(c|h)$/);
  const layerHeaders = await filesOf(join(posixDir, 'include'), /\.h$/);
  const key = createHash('sha256').update(version.stdout).update(BASE_CFLAGS.join(' ')).update(wasi.include)
    .update(await readFile(fileURLToPath(import.meta.url)));
  for (const file of [...sources, ...layerHeaders]) key.update(file.slice(posixDir.length)).update(await readFile(file));
  const dir = join(cacheRoot(), `posix-${key.digest('hex').slice(0, 16)}`);
  const sysroot = join(dir, 'sysroot');
  const library = join(dir, 'libnoux_posix.a');
  /* Linked as an ordinary archive: its member only when the program's main wants the environment (main3.c). */
  const mainLibrary = join(dir, 'libnoux_main.a');
  const cflags = [...BASE_CFLAGS, `--sysroot=${sysroot}`, '-isystem', join(posixDir, 'include')];
  const ldflags = [
    '-Wl,--whole-archive', library, '-Wl,--no-whole-archive', mainLibrary,
    '-Wl,--export-table', ...EXPORTS.map((name) => `-Wl,--export=${name}`),
    /*
     * wasi-libc's own chdir and getcwd with POSIX's errors added in front (wasm/posix/src/cwd.c); its linkat made
     * right (link.c); its sbrk asking noux for room first, and malloc's ENOMEM (sbrk.c); an empty path ENOENT (cwd.c).
     */
    '-Wl,--wrap=chdir', '-Wl,--wrap=getcwd', '-Wl,--wrap=__wasilibc_find_relpath_alloc', '-Wl,--wrap=linkat', '-Wl,--wrap=sbrk',
    '-Wl,--wrap=malloc', '-Wl,--wrap=calloc', '-Wl,--wrap=realloc', '-Wl,--wrap=sysconf', '-Wl,--wrap=utimensat', '-Wl,--wrap=futimens',
    /* What the emulations that BASE_CFLAGS enable need (times, clock, mmap); signal and getpid are the layer's own. */
    '-lwasi-emulated-process-clocks', '-lwasi-emulated-mman',
  ];

  if (!(await exists(library))) {
    /* Built beside the final place and renamed into it, so that a second nido cc never sees half a build. */
    const building = `${dir}.${process.pid}`;
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
    await writeSysroot(join(building, 'sysroot'), wasi.include, wasi.lib);
    const buildFlags = [...BASE_CFLAGS, `--sysroot=${join(building, 'sysroot')}`, '-isystem', join(posixDir, 'include'), '-O2', '-Wall', '-Wextra'];
    const objects: string[] = [];
    for (const source of sources.filter((file) => file.endsWith('.c'))) {
      const object = join(building, `${source.slice(source.lastIndexOf('/') + 1, -2)}.o`);
      run(cc, [...buildFlags, '-c', source, '-o', object], `compiling ${source.slice(packageRoot.length + 1)}`);
      objects.push(object);
    }
    const isMain = (object: string) => object.endsWith('/main3.o');
    for (const [archive, members] of [['libnoux_posix.a', objects.filter((o) => !isMain(o))], ['libnoux_main.a', objects.filter(isMain)]] as const) {
      run(ar, ['rc', join(building, archive), ...members], `archiving the POSIX layer (${archive})`);
      run(ranlib, [join(building, archive)], `indexing the POSIX layer (${archive})`);
    }
    await rm(dir, { recursive: true, force: true });
    await rename(building, dir);
  }
  return { cc, cflags, ldflags, ar, ranlib };
}

/** The path of binaryen's wasm-opt (a Node.js program in the binaryen package). */
export function wasmOptPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('binaryen/package.json')), 'bin', 'wasm-opt');
}

export interface AsyncifyOptions {
  /**
   * Runs binaryen's fpcast-emu pass first, for programs that call
   * functions through pointers of another type (bash does, everywhere):
   * WebAssembly traps on such a call, a native machine does not.
   */
  readonly fpcast?: boolean;
}

/** Runs asyncify on the linked program `file` in place (optimizing as it goes, as asyncify's output needs). */
export function asyncify(file: string, options: AsyncifyOptions = {}): void {
  /* -g: the name section stays, so that a trap names its function. */
  const fpcast = options.fpcast === true ? ['--fpcast-emu', `--pass-arg=max-func-params@${FPCAST_PARAMS}`] : [];
  const args = [
    wasmOptPath(), file, '-g', '-O2', ...fpcast, '--asyncify',
    `--pass-arg=asyncify-imports@${ASYNCIFY_IMPORTS.join(',')}`, '-o', file,
  ];
  run(process.execPath, args, `asyncify of ${file}`);
  if (options.fpcast === true) appendFileSync(file, customSection(FPCAST_SECTION, Uint8Array.of(FPCAST_PARAMS)));
}

/* A WebAssembly custom section (id 0): its size, its name and its payload. */
function customSection(name: string, payload: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = [...leb128(nameBytes.length), ...nameBytes, ...payload];
  return Uint8Array.from([0, ...leb128(body.length), ...body]);
}

function leb128(value: number): number[] {
  const bytes: number[] = [];
  do {
    const byte = value & 0x7f;
    value >>>= 7;
    bytes.push(value === 0 ? byte : byte | 0x80);
  } while (value !== 0);
  return bytes;
}

/* Flags after which clang produces no linked program. */
const NO_LINK = new Set(['-c', '-S', '-E', '-M', '-MM', '-fsyntax-only']);

/** The output file of a clang command line (`-o FILE`, `-oFILE`), default a.out. */
function outputOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-o' && i + 1 < args.length) return args[i + 1] as string;
    if (arg.startsWith('-o') && arg.length > 2) return arg.slice(2);
  }
  return 'a.out';
}

/** What `nido cc --print-flags` prints: shell assignments (`eval "$(nido cc --print-flags)"`) a ./configure or make can take. */
export function printFlags(chain: Toolchain): string {
  const quote = (words: readonly string[]) => `'${words.join(' ').replace(/'/g, `'\\''`)}'`;
  return [
    `CC=${quote([chain.cc])}`,
    `CFLAGS=${quote(chain.cflags)}`,
    `LDFLAGS=${quote(chain.ldflags)}`,
    `AR=${quote([chain.ar])}`,
    `RANLIB=${quote([chain.ranlib])}`,
    `ASYNCIFY=${quote([process.execPath, wasmOptPath(), '-g', '-O2', '--asyncify', `--pass-arg=asyncify-imports@${ASYNCIFY_IMPORTS.join(',')}`])}`,
    '',
  ].join('\n');
}

/** nido cc's own flag, not clang's: the link's asyncify runs fpcast-emu first (AsyncifyOptions.fpcast). */
export const FPCAST_FLAG = '--fpcast-emu';

/** Runs clang with the toolchain's flags and `args`; a link is followed by asyncify. Answers the exit code. */
export async function compile(args: readonly string[]): Promise<number> {
  const chain = await toolchain();
  const fpcast = args.includes(FPCAST_FLAG);
  const clangArgs = args.filter((arg) => arg !== FPCAST_FLAG);
  const links = !clangArgs.some((arg) => NO_LINK.has(arg));
  const command = [...chain.cflags, ...clangArgs, ...(links ? chain.ldflags : [])];
  const result = spawnSync(chain.cc, command, { stdio: 'inherit', env: clangEnv() });
  if (result.error !== undefined) throw new ToolchainError(`${chain.cc}: ${result.error.message}`);
  if (result.status !== 0) return result.status ?? 1;
  if (links) asyncify(outputOf(clangArgs), { fpcast });
  return 0;
}
