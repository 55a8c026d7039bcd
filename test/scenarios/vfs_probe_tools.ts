/*
 * What the VFS scenarios' probe components (vfs_library/probe.ts,
 * vfs_ram_fs/user.ts, vfs_server/mounter.ts) do alike: read and write whole
 * files through the VFS library, and log what an operation answered, an
 * errno by its name. Bundled into each probe by vfs_bundle.ts.
 */

import type { Env } from 'nido';
import { CREATE_WRITE, Errno, READ_ONLY, VfsError, type Vfs } from '../../src/lib/vfs/index.js';

const NAMES = new Map<number, string>(Object.entries(Errno).map(([name, value]) => [value, 'E' + name]));
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The whole content of the file at `path`. */
export function readAll(vfs: Vfs, path: string): string {
  const handle = vfs.open(path, READ_ONLY);
  const buffer = new Uint8Array(4096);
  let text = '';
  for (let offset = 0; ;) {
    const count = handle.read(buffer, offset);
    if (count === 0) break;
    text += decoder.decode(buffer.subarray(0, count), { stream: true });
    offset += count;
  }
  handle.close();
  return text;
}

/** Creates (or truncates) the file at `path` with `text` as its content. */
export function writeAll(vfs: Vfs, path: string, text: string): void {
  const handle = vfs.open(path, CREATE_WRITE);
  handle.write(encoder.encode(text), 0);
  handle.close();
}

/** Logs `name: result` of an operation, or `name: EXXX` when it failed with a VfsError. */
export function reporter(env: Env): (name: string, operation: () => unknown) => void {
  return (name, operation) => {
    try {
      env.log(`${name}: ${String(operation())}`);
    } catch (error) {
      env.log(`${name}: ${error instanceof VfsError ? NAMES.get(error.errno) : String(error)}`);
    }
  };
}
