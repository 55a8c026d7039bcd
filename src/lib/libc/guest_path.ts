/*
 * Paths that a program hands to path_* calls, made absolute for the VFS.
 *
 * WASI paths are relative to a directory descriptor. They are resolved
 * lexically, as Genode's libc does ('..' removes the previous element).
 * A descriptor is a capability for what lies below its directory: a path
 * that climbs above it is ENOTCAPABLE, as in every WASI runtime. Above
 * the root of the VFS there is nothing, and '..' of the root is the root
 * itself, as POSIX says (`cd /; cat ../etc/motd` works as on Linux). An
 * absolute path is refused with ENOTCAPABLE as WASI requires; wasi-libc
 * never sends one.
 */

import { SyscallError } from './errors.js';
import { WasiErrno } from './wasi_abi.js';

export interface GuestPath {
  /** Absolute, normalised: no '.', '..', empty elements or trailing '/'. */
  readonly path: string;
  /** The program wrote a trailing '/': the node must be a directory (POSIX). */
  readonly directoryRequired: boolean;
}

/** `relative` resolved against the absolute directory `base`. */
export function resolveGuestPath(base: string, relative: string): GuestPath {
  if (relative === '') throw new SyscallError(WasiErrno.NOENT, 'empty path');
  if (relative.startsWith('/')) throw new SyscallError(WasiErrno.NOTCAPABLE, `absolute path "${relative}" where a relative one is required`);
  if (relative.includes('\0')) throw new SyscallError(WasiErrno.INVAL, 'path contains NUL');
  const elements = base === '/' ? [] : base.split('/').slice(1);
  const floor = elements.length;
  for (const element of relative.split('/')) {
    if (element === '' || element === '.') continue;
    if (element !== '..') {
      elements.push(element);
    } else if (elements.length > floor || floor === 0) {
      elements.pop();
    } else {
      throw new SyscallError(WasiErrno.NOTCAPABLE, `"${relative}" climbs above the directory "${base}" it is relative to`);
    }
  }
  return { path: '/' + elements.join('/'), directoryRequired: relative.endsWith('/') || relative.endsWith('/.') || relative === '.' };
}

/** `relative` appended to the absolute `base`, normalised. */
export function joinPath(base: string, relative: string): string {
  const elements = base === '/' ? [] : base.split('/').slice(1);
  for (const element of relative.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') elements.pop();
    else elements.push(element);
  }
  return '/' + elements.join('/');
}

/** The directory containing `path` ('/' for the root itself). */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}
