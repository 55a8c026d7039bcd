/*
 * A WebAssembly program as a component: what the PD runtime does instead
 * of evaluating a script when the binary is a wasm32-wasi module.
 *
 * The program gets no compartment and no JavaScript at all: its only
 * imports are the WASI calls of the C runtime, answered from the VFS that
 * its own config composes (`<config><vfs>`) and the sessions that VFS
 * opens through env. Its exit code is the component's exit value; a bad
 * binary, a trap or outgrowing its RAM ends it as a crash with the
 * message, under the component's label.
 */

import type { Env } from '../../base/env.js';
import { runWasm, type WasmModule } from '../../lib/libc/index.js';
import { createVfs } from '../../lib/vfs/index.js';
import { runNouxProcess } from '../../lib/noux/process_runtime.js';

/**
 * Runs the program in `module` to its end and exits with its code.
 * `memoryLimit` bounds its linear memory: the RAM its PD had left at start.
 */
export async function runProgram(env: Env, module: WasmModule, name: string, memoryLimit: number): Promise<void> {
  const config = await env.config();
  /* A process of noux: its system calls go to noux, which holds its file system (docs/noux.md). */
  if (config.xml.child('noux') !== undefined) {
    await runNouxProcess(env, module, name);
    return;
  }
  const vfs = await createVfs(env, config.xml.child('vfs'));
  let code: number;
  try {
    code = await runWasm(env, module, config.xml, vfs, { name, memoryLimit });
  } finally {
    await vfs.close();
  }
  env.exit(code);
}
