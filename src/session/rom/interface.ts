/*
 * ROM session: read-only access to a named module (a boot-directory file,
 * a report turned into a ROM, a child's inline config).
 *
 * The client fetches the content as a dataspace, installs a signal handler
 * with `sigh`, and re-fetches (or calls `update`) when told that a new
 * version exists. It decides when to switch: until then it keeps reading
 * its current copy (spec/runtime.md §1).
 */

import type { SignalContextCapability } from '../../base/capability.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { defineInterface } from '../../base/interface.js';

export interface Rom {
  /** The current content, or undefined while the module does not exist. */
  dataspace(): DataspaceHandle | undefined;
  /** Refreshes the last dataspace in place if the new content fits; false means: call dataspace(). */
  update(): boolean;
  /** Installs the handler told about new versions. */
  sigh(handler: SignalContextCapability): void;
}

export const Rom = defineInterface<Rom>('ROM', ['dataspace', 'update', 'sigh']);

export const ROM_SESSION_RAM = 8 * 1024;
export const ROM_SESSION_CAPS = 2;
