/*
 * The VFS's failures: VfsError with the errno a C program sees
 * (interface.ts), made here with messages that name the path, and
 * VfsConfigError for a `<vfs>` node that cannot be built.
 */

import type { XmlNode } from 'nido';
import { Errno, VfsError, type ErrnoValue } from './interface.js';

export function noEntry(path: string): VfsError {
  return new VfsError(Errno.NOENT, `"${path}" does not exist`);
}

export function notDirectory(path: string): VfsError {
  return new VfsError(Errno.NOTDIR, `"${path}" is not a directory`);
}

export function isDirectory(path: string): VfsError {
  return new VfsError(Errno.ISDIR, `"${path}" is a directory`);
}

export function exists(path: string): VfsError {
  return new VfsError(Errno.EXIST, `"${path}" exists`);
}

export function notEmpty(path: string): VfsError {
  return new VfsError(Errno.NOTEMPTY, `directory "${path}" is not empty`);
}

/** A modification of a plugin that is read only by nature (tar, rom, inline, the directories of the config). */
export function readOnly(path: string, plugin: string): VfsError {
  return new VfsError(Errno.ROFS, `"${path}" is in a read-only file system (${plugin})`);
}

export function badHandle(what: string): VfsError {
  return new VfsError(Errno.BADF, `handle not opened for ${what}`);
}

export function invalid(reason: string): VfsError {
  return new VfsError(Errno.INVAL, reason);
}

export function crossDevice(from: string, to: string): VfsError {
  return new VfsError(Errno.XDEV, `"${from}" and "${to}" are in different file systems (rename and link stay within one)`);
}

export function noSpace(reason: string): VfsError {
  return new VfsError(Errno.NOSPC, reason);
}

export function vfsError(errno: ErrnoValue, message: string): VfsError {
  return new VfsError(errno, message);
}

/** A `<vfs>` config node that cannot be built; the message names the node and its position. */
export class VfsConfigError extends Error {
  constructor(readonly node: XmlNode, reason: string) {
    super(`vfs: <${node.type}> at line ${node.line}, column ${node.column}: ${reason}`);
    this.name = 'VfsConfigError';
  }
}
