/*
 * `<fs [label] [writeable] [buffer_size] [ram]/>`: the tree of a
 * File_system session (spec/runtime.md §3, Genode's Fs_file_system),
 * called synchronously: control operations over the synchronous RPC path,
 * data through the packet stream with the caller blocked on it.
 *
 * The session's errors become errno values (file_system_errors.ts):
 * PermissionDenied is EACCES (a policy without writeable="yes"), NoSpace
 * ENOSPC. A server does not follow symlinks either; where a lookup fails,
 * the plugin looks for a symlink on the way (only then, so a path that
 * exists costs nothing extra) and reports it for the Vfs to resolve.
 */

import { SEEK_TAIL, type NodeStatus, type NodeType } from 'nido';
import {
  Errno, SymlinkOnPath, VfsError,
  type FileSystemPlugin, type OpenFlags, type VfsDirEntry, type VfsHandle, type VfsNodeType, type VfsStat, type VfsTimes,
} from './interface.js';
import { DirectoryHandle, checkDirectoryOpen } from './directory_handle.js';
import { invalid, isDirectory, noEntry, notDirectory, vfsError } from './errors.js';
import { errnoOfFileSystemError, withErrno } from './file_system_errors.js';
import { FileHandle } from './file_handle.js';
import { baseName, parentPath } from './path.js';
import { FsStorage } from './fs_storage.js';
import type { FileSystemMount, FileSystemSession } from './services.js';

const READ_ONLY_MODE = 1;
const WRITE_ONLY_MODE = 2;
const READ_WRITE_MODE = 3;

function vfsType(type: NodeType): VfsNodeType {
  return type === 'directory' || type === 'symlink' ? type : 'file';
}

function statOf(status: NodeStatus): VfsStat {
  return {
    type: vfsType(status.type),
    size: status.size,
    inode: status.inode,
    modificationTime: BigInt(Math.max(0, Math.floor(status.modificationTime))) * 1_000_000_000n,
    ...(status.links === undefined ? {} : { links: status.links }),
    writeable: status.writeable,
  };
}

function failed(error: unknown, errno: number): boolean {
  return errnoOfFileSystemError(error) === errno;
}

class FsHandle extends FileHandle {
  readonly #session: FileSystemSession;
  readonly #storage: FsStorage;
  readonly #handle: number;
  readonly #path: string;
  #closed = false;

  constructor(flags: OpenFlags, session: FileSystemSession, storage: FsStorage, handle: number, path: string) {
    super(flags);
    this.#session = session;
    this.#storage = storage;
    this.#handle = handle;
    this.#path = path;
  }

  stat(): VfsStat {
    return withErrno(`stat of "${this.#path}"`, () => statOf(this.#session.status(this.#handle)));
  }

  protected readAt(buffer: Uint8Array, offset: number): number {
    return withErrno(`read of "${this.#path}"`, () => this.#session.read(this.#handle, buffer, offset));
  }

  protected writeAt(data: Uint8Array, offset: number): number {
    let written = this.#write(data, offset);
    /* The server answers fewer bytes only when its space ran out: pay for more (fs_storage.ts) and write the rest. */
    if (written < data.length && this.#storage.grow(data.length - written)) written += this.#write(data.subarray(written), offset + written);
    if (written === 0 && data.length > 0) throw vfsError(Errno.NOSPC, `write of "${this.#path}": the file system is full`);
    return written;
  }

  #write(data: Uint8Array, offset: number): number {
    const position = this.flags.append ? SEEK_TAIL : offset;
    return withErrno(`write of "${this.#path}"`, () => this.#session.write(this.#handle, data, position));
  }

  protected override truncateTo(size: number): void {
    withErrno(`truncate of "${this.#path}"`, () => this.#session.truncate(this.#handle, size));
  }

  override sync(): void {
    withErrno(`sync of "${this.#path}"`, () => this.#session.sync(this.#handle));
  }

  /* The session keeps a modification time only, in seconds (Genode's WRITE_TIMESTAMP). */
  setTimes(times: VfsTimes): void {
    if (times.modification === undefined) return;
    const seconds = Number(times.modification / 1_000_000_000n);
    withErrno(`timestamp of "${this.#path}"`, () => this.#session.writeTimestamp(this.#handle, seconds));
  }

  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    withErrno(`close of "${this.#path}"`, () => this.#session.close(this.#handle));
  }
}

export class FsFileSystem implements FileSystemPlugin {
  readonly #session: FileSystemSession;
  readonly #storage: FsStorage;
  readonly #writeable: boolean;

  /**
   * `writeable` as the session was requested; the server's policy has the
   * last word (EACCES). `ram`: the storage donated with the session.
   */
  constructor(mount: FileSystemMount, writeable: boolean, ram: number) {
    this.#session = mount.session;
    this.#storage = new FsStorage(mount, ram);
    this.#writeable = writeable;
  }

  /* Runs `operation` with a handle on `path`'s directory and its last element. */
  #inDirectory<T>(path: string, operation: (dir: number, name: string) => T): T {
    const dir = this.#session.dir(parentPath(path), false);
    try {
      return operation(dir, baseName(path));
    } finally {
      this.#session.close(dir);
    }
  }

  /* The status of `path`, undefined when the server has no node there. */
  #status(path: string): NodeStatus | undefined {
    let handle: number;
    try {
      handle = this.#session.node(path);
    } catch (error) {
      if (failed(error, Errno.NOENT)) return undefined;
      throw error;
    }
    try {
      return this.#session.status(handle);
    } finally {
      this.#session.close(handle);
    }
  }

  /*
   * After a lookup of `path` failed: a symlink where the lookup stopped is
   * reported (SymlinkOnPath); else the error is ENOTDIR when that place is
   * a file, ENOENT otherwise.
   */
  #missing(path: string): VfsError {
    for (let at = parentPath(path), remaining = 1; ; at = parentPath(at), remaining++) {
      const status = at === '/' ? undefined : this.#status(at);
      if (status?.type === 'symlink') throw new SymlinkOnPath(remaining);
      if (status !== undefined || at === '/') return status === undefined || status.type === 'directory' ? noEntry(path) : notDirectory(path);
    }
  }

  /* Turns File_system errors into errno, with a look for symlinks where a lookup failed. */
  #call<T>(what: string, path: string, operation: () => T): T {
    try {
      return withErrno(what, operation);
    } catch (error) {
      if (error instanceof VfsError && error.errno === Errno.NOENT && !(error instanceof SymlinkOnPath)) throw this.#missing(path);
      throw error;
    }
  }

  stat(path: string): VfsStat | undefined {
    return withErrno(`stat of "${path}"`, () => {
      const status = this.#status(path);
      if (status !== undefined) return statOf(status);
      if (path !== '/') this.#missing(path);
      return undefined;
    });
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    const writing = flags.write || flags.truncate;
    const mode = flags.read && writing ? READ_WRITE_MODE : writing ? WRITE_ONLY_MODE : READ_ONLY_MODE;
    const handle = withErrno(`open of "${path}"`, () => {
      try {
        return this.#inDirectory(path, (dir, name) => {
          if (!flags.create) return this.#session.file(dir, name, mode, false);
          try {
            return this.#session.file(dir, name, mode, true);
          } catch (error) {
            if (flags.exclusive || !failed(error, Errno.EXIST)) throw error;
            return this.#session.file(dir, name, mode, false);
          }
        });
      } catch (error) {
        if (!failed(error, Errno.NOENT) && !failed(error, Errno.EXIST)) throw error;
        /* not a file: a directory, a symlink, or nothing */
        const status = this.#status(path);
        if (status === undefined) throw path === '/' ? error : this.#missing(path);
        if (flags.create && flags.exclusive) throw error;
        return status;
      }
    });
    if (typeof handle !== 'number') {
      if (handle.type === 'symlink') {
        if (flags.noFollow === true) throw vfsError(Errno.LOOP, `"${path}" is a symlink`);
        throw new SymlinkOnPath(0);
      }
      if (handle.type !== 'directory') throw noEntry(path);
      checkDirectoryOpen(path, flags);
      return new DirectoryHandle(path, () => this.stat(path) ?? statOf(handle));
    }
    /* Through the session, not the handle: O_TRUNC truncates a file opened for reading only too (Linux) */
    if (flags.truncate) {
      try {
        withErrno(`truncate of "${path}"`, () => this.#session.truncate(handle, 0));
      } catch (error) {
        this.#session.close(handle);
        throw error;
      }
    }
    return new FsHandle(flags, this.#session, this.#storage, handle, path);
  }

  readdir(path: string): VfsDirEntry[] {
    return this.#call(`listing of "${path}"`, path, () => {
      let dir: number;
      try {
        dir = this.#session.dir(path, false);
      } catch (error) {
        const status = failed(error, Errno.NOENT) ? this.#status(path) : undefined;
        if (status?.type === 'symlink') throw new SymlinkOnPath(0);
        if (status !== undefined) throw notDirectory(path);
        throw error;
      }
      try {
        return this.#session.readdir(dir).map((entry) => ({ name: entry.name, type: vfsType(entry.type), inode: entry.inode }));
      } finally {
        this.#session.close(dir);
      }
    });
  }

  mkdir(path: string): void {
    this.#call(`mkdir of "${path}"`, path, () => this.#session.close(this.#session.dir(path, true)));
  }

  symlink(target: string, path: string): void {
    this.#call(`symlink "${path}"`, path, () => this.#inDirectory(path, (dir, name) => {
      const handle = this.#session.symlink(dir, name, true);
      try {
        this.#session.writeSymlink(handle, target);
      } finally {
        this.#session.close(handle);
      }
    }));
  }

  #kind(path: string): NodeStatus {
    const status = withErrno(`lookup of "${path}"`, () => this.#status(path));
    if (status === undefined) throw this.#missing(path);
    return status;
  }

  unlink(path: string): void {
    if (this.#kind(path).type === 'directory') throw isDirectory(path);
    this.#call(`unlink of "${path}"`, path, () => this.#inDirectory(path, (dir, name) => this.#session.unlink(dir, name)));
  }

  rmdir(path: string): void {
    if (this.#kind(path).type !== 'directory') throw notDirectory(path);
    this.#call(`rmdir of "${path}"`, path, () => this.#inDirectory(path, (dir, name) => this.#session.unlink(dir, name)));
  }

  readlink(path: string): string {
    if (this.#kind(path).type !== 'symlink') throw invalid(`"${path}" is not a symlink`);
    return this.#call(`readlink of "${path}"`, path, () => this.#inDirectory(path, (dir, name) => {
      const handle = this.#session.symlink(dir, name, false);
      try {
        return this.#session.readSymlink(handle);
      } finally {
        this.#session.close(handle);
      }
    }));
  }

  rename(from: string, to: string): void {
    this.#kind(from);
    this.#call(`rename of "${from}" to "${to}"`, to, () => this.#inDirectory(from, (fromDir, fromName) =>
      this.#inDirectory(to, (toDir, toName) => this.#session.move(fromDir, fromName, toDir, toName))));
  }

  /* Nido's link RPC (Genode's session has none); a server that cannot hold the name refuses (EACCES, EEXIST). */
  link(from: string, to: string): void {
    if (this.#kind(from).type === 'directory') throw vfsError(Errno.PERM, `"${from}" is a directory: it cannot have further names`);
    this.#call(`link of "${from}" to "${to}"`, to, () => this.#inDirectory(from, (fromDir, fromName) =>
      this.#inDirectory(to, (toDir, toName) => this.#session.link(fromDir, fromName, toDir, toName))));
  }

  /* By a handle on the node, a symlink's own included; the session keeps a modification time only. */
  setTimes(path: string, times: VfsTimes): void {
    this.#kind(path);
    if (times.modification === undefined) return;
    const seconds = Number(times.modification / 1_000_000_000n);
    this.#call(`timestamp of "${path}"`, path, () => {
      const handle = this.#session.node(path);
      try {
        this.#session.writeTimestamp(handle, seconds);
      } finally {
        this.#session.close(handle);
      }
    });
  }

  creatable(path: string): boolean {
    if (!this.#writeable || path === '/') return false;
    const parent = withErrno(`lookup of "${parentPath(path)}"`, () => this.#status(parentPath(path)));
    if (parent?.type === 'symlink') throw new SymlinkOnPath(1);
    return parent?.type === 'directory';
  }
}
