/*
 * Open files of the file system table (<fstab>, a VFS): regular files and
 * devices, with the offset POSIX keeps per open file, and directories,
 * which are paths that the *at calls resolve against and readdir lists.
 */

import { VfsError, type NouxStat, type Vfs, type VfsHandle, type VfsStat, type VfsTimes } from 'nido';
import type { OpenFile, Readiness } from './open_file.js';
import { FdFlags, FileType, WasiErrno } from './wasi.js';
import type { WaitQueue } from './wait_queue.js';

export function fileTypeOf(type: VfsStat['type']): number {
  switch (type) {
    case 'directory': return FileType.DIRECTORY;
    case 'file': return FileType.REGULAR_FILE;
    case 'symlink': return FileType.SYMBOLIC_LINK;
    case 'character_device': return FileType.CHARACTER_DEVICE;
  }
}

export function nouxStat(stat: VfsStat): NouxStat {
  return {
    filetype: fileTypeOf(stat.type), size: stat.size, inode: stat.inode, nlink: stat.links ?? 1,
    mtime: stat.modificationTime.toString(), atime: (stat.accessTime ?? stat.modificationTime).toString(),
  };
}

/** Runs a VFS operation, turning its VfsError into a negated errno. */
export function vfsCall<T>(operation: () => T): T | number {
  try {
    return operation();
  } catch (error) {
    if (error instanceof VfsError) return -error.errno;
    throw error;
  }
}

export class VfsFile implements OpenFile {
  refs = 1;
  offset = 0;
  readonly terminal = false;
  /* Stamped with the modification time since it was opened (write, below). */
  #stamped = false;

  /** `now`: the wall clock (ns since the epoch), for the modification time of a file written through this open file. */
  constructor(
    readonly path: string,
    readonly handle: VfsHandle,
    readonly filetype: number,
    readonly readable: boolean,
    readonly writable: boolean,
    public flags: number,
    readonly now: () => bigint,
  ) {}

  read(into: Uint8Array, offset: number): number | 'wait' {
    if (!this.readable) return -WasiErrno.BADF;
    const at = offset < 0 ? this.offset : offset;
    const n = vfsCall(() => this.handle.read(into, at));
    if (n < 0) return n === -WasiErrno.AGAIN ? 'wait' : n;
    if (offset < 0) this.offset += n;
    return n;
  }

  write(data: Uint8Array, offset: number): number | 'wait' {
    if (!this.writable) return -WasiErrno.BADF;
    const append = offset < 0 && (this.flags & FdFlags.APPEND) !== 0;
    const size = append ? vfsCall(() => this.handle.stat().size) : 0;
    if (size < 0) return size;
    const at = offset >= 0 ? offset : append ? size : this.offset;
    const n = vfsCall(() => this.handle.write(data, at));
    if (n < 0) return n === -WasiErrno.AGAIN ? 'wait' : n;
    if (offset < 0) this.offset = at + n;
    if (n > 0 && !this.#stamped) this.#stamp();
    return n;
  }

  /*
   * A file written gets the time of the write as its modification time
   * (the file systems keep no clock of their own; Genode's libc stamps a
   * modified VFS handle likewise): make and others compare those times.
   * Once per open file, at its first write, so that a time set afterwards
   * (tar, gzip and cp -p restore an archived one) stays, and a write
   * costs no clock; a file written for longer than a second has the time
   * it was first written then, where Linux has the last.
   */
  #stamp(): void {
    this.#stamped = true;
    if (this.filetype === FileType.REGULAR_FILE) vfsCall(() => this.handle.setTimes?.({ modification: this.now() }));
  }

  seek(offset: number, whence: number): number {
    if (this.filetype === FileType.CHARACTER_DEVICE) return offset === 0 ? 0 : -WasiErrno.SPIPE;
    let base = 0;
    if (whence === 1) base = this.offset;
    else if (whence === 2) {
      const size = vfsCall(() => this.handle.stat().size);
      if (size < 0) return size;
      base = size;
    } else if (whence !== 0) return -WasiErrno.INVAL;
    const position = base + offset;
    if (position < 0) return -WasiErrno.INVAL;
    this.offset = position;
    return position;
  }

  stat(): NouxStat | number {
    return vfsCall(() => nouxStat(this.handle.stat()));
  }

  readiness(): Readiness {
    const ready = this.handle.readReady();
    const size = this.filetype === FileType.REGULAR_FILE ? vfsCall(() => this.handle.stat().size) : 1;
    return { read: ready, write: true, bytes: Math.max(ready ? 1 : 0, size - this.offset), hangup: false };
  }

  /* A device says when it is ready only if asked: the caller looks again after a pause. */
  queues(): WaitQueue[] {
    return [];
  }

  setSize(size: number): number {
    if (!this.writable) return -WasiErrno.BADF;
    const result = vfsCall(() => this.handle.truncate(size));
    return typeof result === 'number' ? result : 0;
  }

  sync(): number {
    const result = vfsCall(() => this.handle.sync());
    return typeof result === 'number' ? result : 0;
  }

  setTimes(times: VfsTimes): number {
    const result = vfsCall(() => this.handle.setTimes?.(times));
    return typeof result === 'number' ? result : 0;
  }

  close(): void {
    vfsCall(() => this.handle.close());
  }
}

export class DirectoryFile implements OpenFile {
  refs = 1;
  flags = 0;
  readonly filetype = FileType.DIRECTORY;
  readonly readable = true;
  readonly writable = false;
  readonly terminal = false;

  constructor(readonly path: string, readonly vfs: Vfs) {}

  read(): number {
    return -WasiErrno.ISDIR;
  }

  write(): number {
    return -WasiErrno.ISDIR;
  }

  seek(): number {
    return -WasiErrno.ISDIR;
  }

  stat(): NouxStat | number {
    return vfsCall(() => nouxStat(this.vfs.stat(this.path, true)));
  }

  readiness(): Readiness {
    return { read: true, write: false, bytes: 0, hangup: false };
  }

  queues(): WaitQueue[] {
    return [];
  }

  close(): void {}
}
