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

import type { XmlNode } from '../../util/xml.js';
import type { Vfs } from '../vfs/interface.js';
import { InvalidWasmBinary } from './errors.js';
import { openWasiSystem, type LibcEnv } from './open_wasi_system.js';
import { asTrap, WASI_MODULE } from './wasi_system.js';
import { isWasmBinary, WebAssemblyApi, type WasmModule } from './webassembly.js';

export type { LibcEnv } from './open_wasi_system.js';

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
    /* The PD's RAM account refused the module (docs/quotas.md): no fault of the binary's. */
    if (error instanceof RangeError) throw error;
    throw new InvalidWasmBinary(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The imports of `module` that the C runtime cannot satisfy (empty if it can run it). */
export function unsupportedImports(module: WasmModule, provided: ReadonlySet<string>): string[] {
  return WebAssemblyApi.Module.imports(module)
    .filter((entry) => entry.module !== WASI_MODULE || entry.kind !== 'function' || !provided.has(entry.name))
    .map((entry) => `${entry.module}.${entry.name} (${entry.kind})`);
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
  const opened = await openWasiSystem(env, config, vfs, options);
  try {
    const { system } = opened;
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
    await opened.close();
  }
}
