/*
 * One directory of the config with the plugins stacked in it
 * (spec/runtime.md §2, Genode's Dir_file_system): lookups ask the members
 * in document order and the first that has the path answers; creation
 * goes to the first member that accepts it; a listing concatenates the
 * members' listings, and of two entries with the same name the first
 * wins. The directory itself always exists and is read only.
 *
 * Paths are relative to the directory (the root of the VFS, or a
 * `<dir name>` through DirFileSystem).
 */

import {
  Errno, SymlinkOnPath, VfsError,
  type FileSystemPlugin, type OpenFlags, type VfsDirEntry, type VfsHandle, type VfsStat,
} from './interface.js';
import { DirFileSystem } from './dir_file_system.js';
import { DirectoryHandle, checkDirectoryOpen } from './directory_handle.js';
import { crossDevice, exists, invalid, isDirectory, noEntry, notDirectory, notEmpty, readOnly, vfsError } from './errors.js';
import { isWithin, parentPath, pathElements } from './path.js';

interface Found {
  readonly member: FileSystemPlugin;
  readonly stat: VfsStat;
}

export class StackedDirectory implements FileSystemPlugin {
  readonly #members: readonly FileSystemPlugin[];
  readonly #stat: VfsStat;

  constructor(members: readonly FileSystemPlugin[], inode: number) {
    this.#members = members;
    this.#stat = Object.freeze({ type: 'directory', size: 0, inode, modificationTime: 0n, writeable: false });
  }

  /* The first member that has `path`, with its answer. */
  #find(path: string): Found | undefined {
    for (const member of this.#members) {
      const stat = member.stat(path);
      if (stat !== undefined) return { member, stat };
    }
    return undefined;
  }

  #require(path: string): Found {
    const found = this.#find(path);
    if (found === undefined) throw this.missing(path);
    return found;
  }

  /**
   * The error for a path that no member has: ENOTDIR when an element on
   * the way is not a directory, else ENOENT (only computed on failure).
   */
  missing(path: string): VfsError {
    const elements = pathElements(path);
    let prefix = '';
    for (let i = 0; i < elements.length - 1; i++) {
      prefix += '/' + (elements[i] ?? '');
      const stat = this.stat(prefix);
      if (stat === undefined) return noEntry(path);
      if (stat.type === 'symlink') throw new SymlinkOnPath(elements.length - 1 - i);
      if (stat.type !== 'directory') return notDirectory(path);
    }
    return noEntry(path);
  }

  /*
   * Creates `path` with `create` in the first member that accepts it. When
   * none does, the error is the one of the path (ENOENT, ENOTDIR) or the
   * one of the first member holding the parent directory (EROFS from tar,
   * EACCES from a File_system that is not writeable, ENOSPC, ...).
   */
  #create<T>(path: string, create: (member: FileSystemPlugin) => T): T {
    for (const member of this.#members) {
      if (member.creatable(path)) return create(member);
    }
    const parent = parentPath(path);
    if (parent !== '/') {
      const stat = this.stat(parent);
      if (stat === undefined) throw this.missing(path);
      if (stat.type === 'symlink') throw new SymlinkOnPath(1);
      if (stat.type !== 'directory') throw notDirectory(path);
    }
    for (const member of this.#members) {
      if (member.stat(parent)?.type === 'directory') return create(member);
    }
    throw readOnly(path, 'directory of the config');
  }

  stat(path: string): VfsStat | undefined {
    return path === '/' ? this.#stat : this.#find(path)?.stat;
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    if (path === '/') {
      checkDirectoryOpen(path, flags);
      return new DirectoryHandle(path, () => this.#stat);
    }
    const found = this.#find(path);
    if (found === undefined) {
      if (!flags.create) throw this.missing(path);
      return this.#create(path, (member) => member.open(path, flags));
    }
    if (flags.create && flags.exclusive) throw exists(path);
    if (found.stat.type === 'symlink') {
      if (flags.noFollow === true) throw vfsError(Errno.LOOP, `"${path}" is a symlink`);
      throw new SymlinkOnPath(0);
    }
    return found.member.open(path, flags);
  }

  readdir(path: string): VfsDirEntry[] {
    const sources: FileSystemPlugin[] = [];
    let start = 0;
    if (path !== '/') {
      const found = this.#require(path);
      if (found.stat.type === 'symlink') throw new SymlinkOnPath(0);
      if (found.stat.type !== 'directory') throw notDirectory(path);
      sources.push(found.member);
      start = this.#members.indexOf(found.member) + 1;
    }
    for (const member of this.#members.slice(start)) {
      try {
        if (member.stat(path)?.type === 'directory') sources.push(member);
      } catch (error) {
        /* a later member's symlink does not hide what the first one answered */
        if (!(error instanceof SymlinkOnPath)) throw error;
      }
    }
    const entries = new Map<string, VfsDirEntry>();
    for (const member of sources) {
      for (const entry of member.readdir(path)) {
        if (!entries.has(entry.name)) entries.set(entry.name, entry);
      }
    }
    return [...entries.values()];
  }

  mkdir(path: string): void {
    if (path === '/' || this.#find(path) !== undefined) throw exists(path);
    this.#create(path, (member) => member.mkdir(path));
  }

  symlink(target: string, path: string): void {
    if (path === '/' || this.#find(path) !== undefined) throw exists(path);
    this.#create(path, (member) => member.symlink(target, path));
  }

  unlink(path: string): void {
    if (path === '/') throw isDirectory(path);
    this.#require(path).member.unlink(path);
  }

  rmdir(path: string): void {
    if (path === '/') throw vfsError(Errno.BUSY, 'a directory of the config cannot be removed');
    const found = this.#require(path);
    if (found.stat.type !== 'directory') throw notDirectory(path);
    /* the directory is empty only if no other member lists anything in it (the member itself checks its own) */
    for (const member of this.#members) {
      if (member === found.member || member.stat(path)?.type !== 'directory') continue;
      if (member.readdir(path).length > 0) throw notEmpty(path);
    }
    found.member.rmdir(path);
  }

  readlink(path: string): string {
    if (path === '/') throw invalid('"/" is not a symlink');
    return this.#require(path).member.readlink(path);
  }

  rename(from: string, to: string): void {
    if (from === '/' || to === '/') throw vfsError(Errno.BUSY, 'a directory of the config cannot be moved');
    if (from !== to && isWithin(to, from)) throw invalid(`cannot move "${from}" into itself ("${to}")`);
    const source = this.#require(from);
    if (source.member instanceof DirFileSystem && source.member.mountPath === from) {
      throw vfsError(Errno.BUSY, `"${from}" is a directory of the config`);
    }
    const target = this.#find(to);
    if (target !== undefined) {
      if (target.member !== source.member) throw crossDevice(from, to);
      source.member.rename(from, to);
      return;
    }
    if (source.member.creatable(to)) {
      source.member.rename(from, to);
      return;
    }
    const parent = this.stat(parentPath(to));
    if (parent === undefined) throw this.missing(to);
    if (parent.type !== 'directory') throw notDirectory(to);
    if (this.#members.some((member) => member !== source.member && member.creatable(to))) throw crossDevice(from, to);
    if (source.member.stat(parentPath(to))?.type !== 'directory') throw crossDevice(from, to);
    /* the source's own file system refuses with its reason (EROFS, EACCES) */
    source.member.rename(from, to);
  }

  creatable(path: string): boolean {
    return path !== '/' && this.#find(path) === undefined && this.#members.some((member) => member.creatable(path));
  }
}
