/*
 * The part of the WebAssembly JS API that a driver of a WASI reactor
 * (ruby.wasm's RubyVM) uses, for a component's compartment, which has no
 * `WebAssembly` global: instantiating a module compiled by compileWasm and
 * telling instances, modules and traps apart with `instanceof`.
 *
 * Nothing else of the namespace is here: no constructors (the `instanceof`
 * stand-ins only answer the test), no Memory, Table or Global to make, no
 * compiling (compileWasm checks the binary and names it in errors). A
 * module reaches nothing but the functions its importer hands it, so none
 * of this is authority; what it costs is memory, which the PD's RAM
 * account pays like any other (docs/quotas.md).
 *
 *   const instance = await webAssemblyFacade.instantiate(module, imports);
 *   instance instanceof webAssemblyFacade.Instance;   // true
 */

import { WebAssemblyApi, type WasmImports, type WasmInstance, type WasmModule } from './webassembly.js';

/** Something `instanceof` can test against without being a constructor. */
export interface InstanceTest {
  [Symbol.hasInstance](value: unknown): boolean;
}

function instanceTest(test: (value: unknown) => boolean): InstanceTest {
  return { [Symbol.hasInstance]: test };
}

export interface WebAssemblyFacade {
  /** Instantiates a compiled module with `imports` (as WebAssembly.instantiate does for a module). */
  instantiate(module: WasmModule, imports: WasmImports): Promise<WasmInstance>;
  readonly Module: InstanceTest;
  readonly Instance: InstanceTest;
  /** A trap (unreachable, out-of-bounds access) as the engine reports it. */
  readonly RuntimeError: InstanceTest;
}

export const webAssemblyFacade: WebAssemblyFacade = {
  async instantiate(module: WasmModule, imports: WasmImports): Promise<WasmInstance> {
    /* Bytes would be compiled here unchecked and answered as { module, instance }: refuse, as compileWasm is the way. */
    if (!(module instanceof WebAssemblyApi.Module)) throw new TypeError('instantiate takes a module compiled by compileWasm');
    return WebAssemblyApi.instantiate(module, imports);
  },
  Module: instanceTest((value) => value instanceof WebAssemblyApi.Module),
  Instance: instanceTest((value) => value instanceof WebAssemblyApi.Instance),
  RuntimeError: instanceTest((value) => value instanceof WebAssemblyApi.RuntimeError),
};
