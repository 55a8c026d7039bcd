/*
 * Open flags as the C runtime passes them, with the presets that tests and
 * plugins use, and the checks every plugin makes the same way.
 */

import type { OpenFlags } from './interface.js';
import { badHandle } from './errors.js';

const NONE: OpenFlags = Object.freeze({
  read: false, write: false, create: false, exclusive: false, truncate: false, append: false,
});

/** Flags with the given members set, e.g. `openFlags({ read: true })`. */
export function openFlags(set: Partial<OpenFlags>): OpenFlags {
  return Object.freeze({ ...NONE, ...set });
}

export const READ_ONLY = openFlags({ read: true });
export const WRITE_ONLY = openFlags({ write: true });
export const READ_WRITE = openFlags({ read: true, write: true });
/** What `open(path, O_WRONLY | O_CREAT | O_TRUNC)` means. */
export const CREATE_WRITE = openFlags({ write: true, create: true, truncate: true });

/** Whether opening with `flags` may change the node (a write, or truncation). */
export function modifies(flags: OpenFlags): boolean {
  return flags.write || flags.truncate;
}

/** Throws EBADF unless the handle was opened for reading. */
export function checkReadable(flags: OpenFlags): void {
  if (!flags.read) throw badHandle('reading');
}

/** Throws EBADF unless the handle was opened for writing. */
export function checkWriteable(flags: OpenFlags): void {
  if (!flags.write) throw badHandle('writing');
}
