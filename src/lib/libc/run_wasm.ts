/*
 * Running a WebAssembly binary as a component (issue 5, item 1): the
 * protection domain's runtime hands over the compiled module, the
 * component's config and VFS; the program runs to its end on the PD's
 * thread, every system call answered synchronously, and its exit code is
 * the component's exit value.
 *
 *   const module = await compileWasm(bytes);
 *   const vfs = await createVfs(env, config.child('vfs'));
 *   const code = await runWasm(env, module, config, vfs, { name: 'cat' });
 *   env.exit(code);
 */

import { ServiceDenied } from '../../base/errors.js';
import type { Capability } from '../../base/capability.js';
import type { ConnectOptions } from '../../base/connection.js';
import type { Interface, SyncClient } from '../../base/interface.js';
import { Timer, TIMER_SESSION_CAPS, TIMER_SESSION_RAM } from '../../session/timer/interface.js';
import type { XmlNode } from '../../util/xml.js';
import { VfsError, type Vfs } from '../vfs/interface.js';
import { Clocks, parseRtc } from './clock.js';
import { cryptoEntropy, fileEntropy, type Entropy } from './entropy.js';
import { InvalidWasmBinary } from './errors.js';
import { libcConfig, type LibcConfig } from './libc_config.js';
import { openStandardStreams } from './standard_streams.js';
import { asTrap, WASI_MODULE, WasiSystem } from './wasi_system.js';
import { isWasmBinary, WebAssemblyApi, type WasmModule } from './webassembly.js';

/** The part of a component's Env the C runtime uses (the whole Env fits). */
export interface LibcEnv {
  connect<T>(iface: Interface<T>, options?: ConnectOptions): Promise<{ readonly cap: Capability<T>; close(): Promise<void> }>;
  syncClient<T>(iface: Interface<T>, cap: Capability<T>): SyncClient<T>;
  warning(...parts: unknown[]): void;
}

export interface RunWasmOptions {
  /** The binary's name: argv[0] when the config has no `<arg>`, and named in errors. */
  readonly name?: string;
  /** The most bytes of linear memory the program may grow to; beyond it the program ends with OutOfRam. */
  readonly memoryLimit?: number;
}

/** Compiles a binary; anything that is not a valid WebAssembly module is InvalidWasmBinary. */
export async function compileWasm(bytes: Uint8Array, name = 'binary'): Promise<WasmModule> {
  if (!isWasmBinary(bytes)) throw new InvalidWasmBinary(`${name}: not a WebAssembly binary (no \\0asm magic)`);
  try {
    return await WebAssemblyApi.compile(bytes);
  } catch (error) {
    throw new InvalidWasmBinary(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The imports of `module` that the C runtime cannot satisfy (empty if it can run it). */
export function unsupportedImports(module: WasmModule, provided: ReadonlySet<string>): string[] {
  return WebAssemblyApi.Module.imports(module)
    .filter((entry) => entry.module !== WASI_MODULE || entry.kind !== 'function' || !provided.has(entry.name))
    .map((entry) => `${entry.module}.${entry.name} (${entry.kind})`);
}

function readRtc(vfs: Vfs, path: string, warn: (message: string) => void): bigint | undefined {
  try {
    const handle = vfs.open(path, { read: true, write: false, create: false, exclusive: false, truncate: false, append: false });
    try {
      const buffer = new Uint8Array(64);
      const length = handle.read(buffer, 0);
      const time = parseRtc(new TextDecoder().decode(buffer.subarray(0, length)));
      if (time === undefined) warn(`libc: rtc "${path}" holds no time of the form YYYY-MM-DD HH:MM:SS; the clock starts at the epoch`);
      return time;
    } finally {
      handle.close();
    }
  } catch (error) {
    if (!(error instanceof VfsError)) throw error;
    warn(`libc: cannot read rtc "${path}" (${error.message}); the clock starts at the epoch`);
    return undefined;
  }
}

function entropy(vfs: Vfs, config: LibcConfig): { entropy: Entropy; close(): void } {
  if (config.rng === undefined) return { entropy: cryptoEntropy(), close: () => {} };
  const handle = vfs.open(config.rng, { read: true, write: false, create: false, exclusive: false, truncate: false, append: false });
  return { entropy: fileEntropy(handle), close: () => handle.close() };
}

/**
 * Runs the WASI command `module` with the libc settings of `config` on
 * `vfs`, and answers its exit code. Throws InvalidWasmBinary when the
 * module cannot run here, WasmTrap when it traps, OutOfRam when its
 * memory outgrows `options.memoryLimit`, LibcConfigError for a bad
 * config. Opens a Timer session for the program's clocks (closed at the
 * end); without a Timer route the program runs without clocks.
 */
export async function runWasm(env: LibcEnv, module: WasmModule, config: XmlNode, vfs: Vfs, options: RunWasmOptions = {}): Promise<number> {
  const name = options.name ?? 'program';
  const libc = libcConfig(config, options.name);
  const warn = (message: string) => env.warning(message);

  let timer: { readonly cap: Capability<Timer>; close(): Promise<void> } | undefined;
  try {
    timer = await env.connect(Timer, { label: 'libc', ram: TIMER_SESSION_RAM, caps: TIMER_SESSION_CAPS });
  } catch (error) {
    if (!(error instanceof ServiceDenied)) throw error;
    warn(`libc: no Timer session (${error.message}); ${name} runs without monotonic clock and sleep`);
  }
  const rng = entropy(vfs, libc);
  try {
    const clocks = new Clocks(timer === undefined ? undefined : env.syncClient(Timer, timer.cap),
      () => libc.rtc === undefined ? undefined : readRtc(vfs, libc.rtc, warn));
    const system = new WasiSystem({
      vfs, clocks, entropy: rng.entropy, args: libc.args, environ: libc.environ, memoryLimit: options.memoryLimit,
      standardStreams: openStandardStreams(vfs, libc, warn), warn,
    });
    try {
      const missing = unsupportedImports(module, new Set(Object.keys(system.wasiImport)));
      if (missing.length > 0) throw new InvalidWasmBinary(`${name}: imports what the C runtime does not provide: ${missing.join(', ')}`);
      let instance;
      try {
        instance = await WebAssemblyApi.instantiate(module, { [WASI_MODULE]: system.wasiImport });
      } catch (error) {
        /* A start function may trap during instantiation; a link error is a bad binary. */
        const trap = asTrap(error);
        if (trap !== error) throw trap;
        throw new InvalidWasmBinary(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return system.start(instance);
    } finally {
      system.close();
    }
  } finally {
    rng.close();
    await timer?.close();
  }
}
