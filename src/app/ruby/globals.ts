/*
 * A global that @ruby/wasm-wasi's driver uses, in the form this component
 * needs. scripts/build.mjs injects a component's globals.ts into its
 * bundle: each export stands in for the global of its name, in the
 * bundled code only; the compartment stays as it is. The compartment's own
 * WebAssembly would compile ruby.wasm again; the C runtime's facade
 * instantiates the module compileWasm made (and cached) and answers the
 * driver's instanceof tests for it. (FinalizationRegistry, which the
 * compartment lacked once, is the compartment's now: the driver releases
 * a Ruby value when JavaScript drops it.)
 */

import { webAssemblyFacade } from 'nido';

/* Instantiation and instanceof tests, the trusted C runtime's (no compiling from bytes, no constructors). */
export const WebAssembly = webAssemblyFacade;
