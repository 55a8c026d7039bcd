/*
 * Between File_system errors (spec/runtime.md §3, Genode's File_system
 * exceptions) and errno values: the `fs` plugin turns what a server throws
 * into VfsErrors, and the `vfs` server turns VfsErrors into what its
 * clients expect. Errors are recognised by class name, which is how they
 * cross protection domains.
 */

import {
  InvalidHandle, InvalidName, LookupFailed, NameTooLong, NodeAlreadyExists, NoSpace, NotEmpty, PermissionDenied, Unavailable,
} from 'nido';
import { Errno, VfsError, type ErrnoValue } from './interface.js';

const ERRNO_OF: ReadonlyMap<string, ErrnoValue> = new Map<string, ErrnoValue>([
  ['LookupFailed', Errno.NOENT],
  ['NameTooLong', Errno.NAMETOOLONG],
  ['NodeAlreadyExists', Errno.EXIST],
  ['NoSpace', Errno.NOSPC],
  ['NotEmpty', Errno.NOTEMPTY],
  ['PermissionDenied', Errno.ACCES],
  ['InvalidName', Errno.INVAL],
  ['InvalidHandle', Errno.BADF],
  ['Unavailable', Errno.IO],
  ['OutOfRam', Errno.NOMEM],
  ['OutOfCaps', Errno.NOMEM],
  ['CapabilityRevoked', Errno.IO],
  ['PacketFailed', Errno.IO],
]);

/** The errno a File_system error stands for, or undefined for other errors. */
export function errnoOfFileSystemError(error: unknown): ErrnoValue | undefined {
  if (!(error instanceof Error)) return undefined;
  const name = 'remoteName' in error && typeof error.remoteName === 'string' ? error.remoteName : error.name;
  return ERRNO_OF.get(name);
}

/** Runs `operation`, turning File_system errors into VfsErrors that name `what`. */
export function withErrno<T>(what: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof VfsError) throw error;
    const errno = errnoOfFileSystemError(error);
    if (errno === undefined) throw error;
    throw new VfsError(errno, `${what}: ${(error as Error).message}`);
  }
}

/**
 * The File_system error for a failed VFS operation (the `vfs` server).
 * EROFS, EACCES and EXDEV are PermissionDenied, as Genode's vfs server
 * answers them; paths that lead nowhere (ENOTDIR, ELOOP, EISDIR where a
 * file was asked for) are LookupFailed.
 */
export function fileSystemErrorOf(error: VfsError): Error {
  switch (error.errno) {
    case Errno.EXIST: return new NodeAlreadyExists(error.message);
    case Errno.NOSPC: return new NoSpace(error.message);
    case Errno.NOTEMPTY: return new NotEmpty(error.message);
    case Errno.NAMETOOLONG: return new NameTooLong(error.message);
    case Errno.ROFS: case Errno.ACCES: case Errno.PERM: case Errno.XDEV: case Errno.BUSY:
      return new PermissionDenied(error.message);
    case Errno.INVAL: return new InvalidName(error.message);
    case Errno.BADF: return new InvalidHandle(error.message);
    case Errno.AGAIN: case Errno.IO: case Errno.NOMEM: return new Unavailable(error.message);
    default: return new LookupFailed(error.message);
  }
}
