/*
 * A protection domain that runs noux's processes: a child of noux, started
 * for one process and, if noux keeps it after that process exited
 * (parked), given to a later one. Starting a PD costs a worker thread,
 * its environment sessions and a compile of the program; handing a
 * parked PD a fork's image costs a copy of the memory (docs/noux.md).
 *
 * The PD's Noux session stays the same across its processes: it serves
 * the system calls of whichever process the PD runs now.
 */

import { Noux, type Child, type Implementation, type ProcessStart } from 'nido';
import type { Process } from './process.js';
import type { Syscalls } from './syscalls.js';

export class ProcessPd {
  /** The process the PD runs (or ran last, while parked). */
  process: Process;
  /** The system calls of that process. */
  syscalls: Syscalls;
  /** RAM given to the PD (bytes). */
  ram: number;
  /** While parked: what hands the PD its next process (null ends it), and the binaries it holds compiled. */
  parked: ((start: ProcessStart | null) => void) | undefined;
  held: readonly number[] = [];

  constructor(readonly child: Child, process: Process, syscalls: Syscalls, ram: number) {
    this.process = process;
    this.syscalls = syscalls;
    this.ram = ram;
  }

  /** Hands the parked PD `process`, which starts with `start`. */
  assign(process: Process, syscalls: Syscalls, start: ProcessStart): void {
    const wake = this.parked;
    this.parked = undefined;
    this.process = process;
    this.syscalls = syscalls;
    wake?.(start);
  }

  /**
   * The Noux session's implementation: each call goes to the current
   * process's system calls; `park` is the PD's own.
   */
  session(park: (held: number[]) => Promise<ProcessStart | null>): Implementation<Noux> {
    const session: Record<string, unknown> = {};
    for (const method of Noux.methods) {
      if (method === 'park') session[method] = park;
      else session[method] = (...args: unknown[]) => (this.syscalls[method] as (...a: unknown[]) => unknown)(...args);
    }
    return session as unknown as Implementation<Noux>;
  }
}
