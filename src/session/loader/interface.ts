/*
 * Loader session (spec/runtime.md §6): a client that wants to run a
 * subsystem opens a session and pays for it; it puts ROM modules into the
 * session (binaries, configs, archives), sets the subsystem's quota, and
 * starts it. The loader runs the subsystem as its own child: its labels
 * read `loader -> LABEL -> ...`, its requests go to the loader's parent as
 * the loader's policy for the client permits. The client can watch it end
 * (`faultSigh`, `state`) and end it by closing the session; it can do
 * nothing else to it.
 */

import type { SignalContextCapability } from '../../base/capability.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { defineInterface } from '../../base/interface.js';
import type { PdQuota } from '../pd/interface.js';

export interface LoaderState {
  readonly started: boolean;
  /** How the subsystem ended, once it did. */
  readonly exit?: { readonly reason: string; readonly code: number; readonly message: string };
}

export interface Loader {
  /** Puts (or replaces) the ROM module `name` with `content`; paid from the session quota. */
  romModule(name: string, content: Uint8Array): void;
  /** Genode's way: a dataspace of `size` bytes to fill, then `commitRomModule`. */
  allocRomModule(name: string, size: number): DataspaceHandle;
  commitRomModule(name: string): void;
  /** RAM (bytes) and caps the subsystem gets, taken from the session quota. */
  ramQuota(bytes: number): void;
  capQuota(caps: number): void;
  /** Starts `binary` (a module of the session, or one the policy lets the loader fetch) as child `label`. */
  start(binary: string, label: string): void;
  /** Signalled when the subsystem exits or crashes. */
  faultSigh(handler: SignalContextCapability): void;
  state(): LoaderState;
  /** The subsystem's RAM and caps: its PD account (all zero before it starts and after it ended). */
  usage(): PdQuota;
}

export const Loader = defineInterface<Loader>('Loader', [
  'romModule', 'allocRomModule', 'commitRomModule', 'ramQuota', 'capQuota', 'start', 'faultSigh', 'state', 'usage',
]);

/** What the loader keeps of each session's donation for its own bookkeeping. */
export const LOADER_SESSION_COSTS = 64 * 1024;
