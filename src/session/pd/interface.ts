/*
 * PD session: a protection domain (a worker with its own V8 isolate) and
 * its RAM and capability account, kept by core.
 *
 * Quota moves only by transfer between accounts. A transfer is allowed from
 * an account to the accounts it is the reference account of (a parent to
 * its children) and back (spec/init.md §3.1).
 */

import type { Capability } from '../../base/capability.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { defineInterface } from '../../base/interface.js';

export interface Quota {
  readonly quota: number;
  readonly used: number;
  readonly avail: number;
}

export interface PdQuota {
  readonly ram: Quota;
  readonly caps: Quota;
}

/** How a protection domain ended. */
export interface ExitInfo {
  /** `exit`: the component called exit(code); `crash`: uncaught error; `ram`: it held more than its RAM quota; `killed`: session closed. */
  readonly reason: 'exit' | 'crash' | 'ram' | 'killed';
  readonly code: number;
  readonly message: string;
}

export interface Pd {
  /** Sets the account this one is paid from and returns to. */
  refAccount(account: Capability<Pd>): void;
  /** Moves RAM (bytes) and caps from this account to `to`. */
  transferQuota(to: Capability<Pd>, ram: number, caps: number): void;
  quota(): PdQuota;
  /** Allocates a dataspace paid from this account. */
  alloc(size: number): DataspaceHandle;
  free(id: number): void;
  /** Starts the protection domain's program from the binary ROM, with `parent` as its only capability. */
  start(binary: Capability, parent: Capability, name: string): void;
  /** Answers when the program has ended. */
  exited(): ExitInfo;
  /** The program's JavaScript heap above the PD's base, as last measured (part of `used`), and the engine's hard limit. */
  heap(): { used: number; limit: number };
  /**
   * Lets a debugger reach the program of `inferior` (docs/debugging.md):
   * core exposes it as a target of `nido run --inspect`. Only the PD that
   * pays for `inferior` (its reference account: its parent, the monitor)
   * may ask; answers whether core serves a debugger at all.
   */
  monitor(inferior: Capability<Pd>, policy: MonitorPolicy): boolean;
}

/** How a monitored program meets its debugger (the monitor's `<policy wait stop/>`). */
export interface MonitorPolicy {
  /** The program does not start before a debugger attached and let it run. */
  readonly wait: boolean;
  /** A debugger that attaches stops the program first. */
  readonly stop: boolean;
}

export const Pd = defineInterface<Pd>('PD', ['refAccount', 'transferQuota', 'quota', 'alloc', 'free', 'start', 'exited', 'heap', 'monitor']);

export const PD_SESSION_RAM = 192 * 1024;
export const PD_SESSION_CAPS = 13;
