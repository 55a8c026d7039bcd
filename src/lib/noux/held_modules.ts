/*
 * The compiled programs a noux process PD keeps, by noux's binary number
 * (ProcessStart.binaryId): a forked child of a program this PD ran, or an
 * exec of one, instantiates the module it holds instead of receiving and
 * compiling the binary again. Two are kept: a shell's and the program it
 * runs last, which is what a shell forking and executing one command
 * after another needs. Each costs RAM (its binary, and about as much
 * compiled code), which the PD's quota pays.
 */

import type { WasmModule } from '../libc/webassembly.js';

const KEPT = 2;

interface Held {
  readonly module: WasmModule;
  readonly size: number;
}

export class HeldModules {
  /* Least recently used first. */
  readonly #modules = new Map<number, Held>();

  /** The module of binary `id` (now the most recently used), if held. */
  get(id: number): WasmModule | undefined {
    const held = this.#modules.get(id);
    if (held === undefined) return undefined;
    this.#modules.delete(id);
    this.#modules.set(id, held);
    return held.module;
  }

  /** Keeps `module`, compiled from binary `id` of `size` bytes; the least recently used goes beyond KEPT. */
  add(id: number, module: WasmModule, size: number): void {
    this.#modules.delete(id);
    this.#modules.set(id, { module, size });
    while (this.#modules.size > KEPT) this.#modules.delete(this.#modules.keys().next().value as number);
  }

  /** The numbers of the binaries held, for noux (exec, park). */
  ids(): number[] {
    return [...this.#modules.keys()];
  }

  /** Bytes of the binaries held (the account charges each module by it, twice with its code). */
  get bytes(): number {
    let total = 0;
    for (const held of this.#modules.values()) total += held.size;
    return total;
  }
}
