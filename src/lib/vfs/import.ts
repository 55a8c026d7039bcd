/*
 * `<import [overwrite="yes"]> ... </import>`: the VFS sub-tree inside the
 * node is built like any other and its content copied into the VFS when
 * the VFS is created (Genode's vfs_import). As in Genode, paths are those
 * of the import's own tree taken from the VFS root, wherever the node
 * stands; directories are merged, and an existing file or symlink is
 * replaced only with `overwrite="yes"`. Devices (null, log, ...) are not
 * copied.
 */

import { Errno, VfsError, type Vfs } from './interface.js';
import { CREATE_WRITE, READ_ONLY, openFlags } from './open_flags.js';
import { joinPath } from './path.js';

const CHUNK = 64 * 1024;
const CREATE_NEW = openFlags({ write: true, create: true, exclusive: true });

function failed(error: unknown, errno: number): boolean {
  return error instanceof VfsError && error.errno === errno;
}

function copyFile(source: Vfs, target: Vfs, path: string, overwrite: boolean): void {
  let output;
  try {
    output = target.open(path, CREATE_NEW);
  } catch (error) {
    if (!failed(error, Errno.EXIST)) throw error;
    if (!overwrite) return;
    output = target.open(path, CREATE_WRITE);
  }
  const input = source.open(path, READ_ONLY);
  try {
    const buffer = new Uint8Array(CHUNK);
    for (let offset = 0; ;) {
      const count = input.read(buffer, offset);
      if (count === 0) break;
      for (let written = 0; written < count;) written += output.write(buffer.subarray(written, count), offset + written);
      offset += count;
    }
  } finally {
    input.close();
    output.close();
  }
}

function copySymlink(source: Vfs, target: Vfs, path: string, overwrite: boolean): void {
  const link = source.readlink(path);
  try {
    target.symlink(link, path);
  } catch (error) {
    if (!failed(error, Errno.EXIST)) throw error;
    if (!overwrite) return;
    target.unlink(path);
    target.symlink(link, path);
  }
}

function copyDirectory(source: Vfs, target: Vfs, path: string, overwrite: boolean, warning: (text: string) => void): void {
  if (path !== '/') {
    try {
      target.mkdir(path);
    } catch (error) {
      if (!failed(error, Errno.EXIST)) throw error;
    }
  }
  for (const entry of source.readdir(path)) {
    const entryPath = joinPath(path, entry.name);
    try {
      if (entry.type === 'directory') copyDirectory(source, target, entryPath, overwrite, warning);
      else if (entry.type === 'file') copyFile(source, target, entryPath, overwrite);
      else if (entry.type === 'symlink') copySymlink(source, target, entryPath, overwrite);
      else warning(`import: "${entryPath}" is a device and is not copied`);
    } catch (error) {
      if (!(error instanceof VfsError)) throw error;
      warning(`import: skipping "${entryPath}": ${error.message}`);
    }
  }
}

/** Copies everything in `source` into `target` (see the header). */
export function importTree(source: Vfs, target: Vfs, overwrite: boolean, warning: (text: string) => void): void {
  copyDirectory(source, target, '/', overwrite, warning);
}
