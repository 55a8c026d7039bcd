/*
 * The handle of an opened directory. A C program opens directories to
 * stat them, to list them (fd_readdir, which the C runtime answers with
 * Vfs.readdir of the handle's path) and as the base of relative paths; it
 * never reads their bytes.
 */

import type { OpenFlags, VfsHandle, VfsStat } from './interface.js';
import { isDirectory } from './errors.js';

/** Refuses opening a directory for writing or truncation (EISDIR). */
export function checkDirectoryOpen(path: string, flags: OpenFlags): void {
  if (flags.write || flags.truncate || flags.append) throw isDirectory(path);
}

export class DirectoryHandle implements VfsHandle {
  readonly #path: string;
  readonly #stat: () => VfsStat;

  /** `stat` answers the directory's current status. */
  constructor(path: string, stat: () => VfsStat) {
    this.#path = path;
    this.#stat = stat;
  }

  read(): number {
    throw isDirectory(this.#path);
  }

  write(): number {
    throw isDirectory(this.#path);
  }

  stat(): VfsStat {
    return this.#stat();
  }

  truncate(): void {
    throw isDirectory(this.#path);
  }

  sync(): void {}

  readReady(): boolean {
    return true;
  }

  waitReadReady(): boolean {
    return true;
  }

  close(): void {}
}
