/*
 * The C runtime: WebAssembly programs (wasm32-wasi, preview 1) as Nido
 * components, every system call served by the component's VFS
 * (spec/runtime.md §2). Trusted library code: it runs in the protection
 * domain's runtime, outside the component's compartment, like the 'nido'
 * library. See docs/libc.md.
 */

export { runWasm, compileWasm, unsupportedImports } from './run_wasm.js';
export type { LibcEnv, RunWasmOptions } from './run_wasm.js';
export { WasiSystem, ROOT_DESCRIPTOR, WASI_MODULE } from './wasi_system.js';
export { openWasiSystem } from './open_wasi_system.js';
export type { OpenedWasiSystem, OpenWasiSystemOptions } from './open_wasi_system.js';
export { webAssemblyFacade } from './webassembly_facade.js';
export type { WebAssemblyFacade, InstanceTest } from './webassembly_facade.js';
export type { WasiSystemOptions } from './wasi_system.js';
export { libcConfig } from './libc_config.js';
export type { LibcConfig } from './libc_config.js';
export { Clocks, parseRtc } from './clock.js';
export { cryptoEntropy, fileEntropy } from './entropy.js';
export type { Entropy } from './entropy.js';
export { openStandardStreams } from './standard_streams.js';
export { InvalidWasmBinary, WasmTrap, LibcConfigError } from './errors.js';
export { isWasmBinary } from './webassembly.js';
export type { WasmModule, WasmInstance } from './webassembly.js';
