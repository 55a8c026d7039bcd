/*
 * Globals that @ruby/wasm-wasi's driver uses and the component's
 * compartment does not have. scripts/build.mjs injects a component's
 * globals.ts into its bundle: each export stands in for the global of its
 * name, in the bundled code only; the compartment stays as it is.
 */

import { webAssemblyFacade } from 'nido';

/* Instantiation and instanceof tests, the trusted C runtime's (no compiling from bytes, no constructors). */
export const WebAssembly = webAssemblyFacade;

/*
 * The driver registers every Ruby value it hands to JavaScript, to release
 * it when JavaScript's garbage collector drops the value. SES keeps
 * FinalizationRegistry out of compartments (it makes garbage collection
 * observable). A program run by `ruby` hands over a few values, so they
 * stay alive until the interpreter ends.
 */
export class FinalizationRegistry<T> {
  constructor(readonly cleanup: (held: T) => void) {}
  register(_target: object, _held: T, _token?: object): void {}
  unregister(_token: object): boolean {
    return false;
  }
}
