/*
 * One directory of the config with the plugins stacked in it
 * (spec/runtime.md §2, Genode's Dir_file_system): lookups ask the members
 * in document order and the first that has the path answers; creation
 * goes to the first member that accepts it; a listing concatenates the
 * members' listings, and of two entries with the same name the first
 * wins. The directory itself always exists and is read only.
 *
 * Paths are relative to the directory (the root of the VFS, or a
 * `<dir name>` through DirFileSystem). A lookup through nested `<dir>`s
 * ends at the plugin that has the path (`locate`), and the operation goes
 * to that plugin directly: a path costs one lookup however deep the
 * config nests it.
 */

import {
  Errno, SymlinkOnPath, VfsError,
  type FileSystemPlugin, type OpenFlags, type VfsDirEntry, type VfsHandle, type VfsStat, type VfsTimes,
} from './interface.js';
import { DirectoryHandle, checkDirectoryOpen } from './directory_handle.js';
import { crossDevice, exists, invalid, isDirectory, noEntry, notDirectory, notEmpty, readOnly, vfsError } from './errors.js';
import { baseName, isWithin, joinPath, parentPath, pathElements } from './path.js';

/** Where a path was found: the plugin that has it and the path within that plugin. */
export interface Located {
  readonly plugin: FileSystemPlugin;
  readonly path: string;
  readonly stat: VfsStat;
}

/** Where a path can be created. */
export interface CreationPlace {
  readonly plugin: FileSystemPlugin;
  readonly path: string;
}

/** Members that hold other plugins (stacks, `<dir>`s) find the innermost one. */
export interface Locating {
  locate(path: string): Located | undefined;
  creationPlace(path: string): CreationPlace | undefined;
}

function locating(plugin: FileSystemPlugin): plugin is FileSystemPlugin & Locating {
  return 'locate' in plugin && 'creationPlace' in plugin;
}

interface Found extends Located {
  /** The member of this stack that led there. */
  readonly member: FileSystemPlugin;
}

export class StackedDirectory implements FileSystemPlugin, Locating {
  readonly #members: readonly FileSystemPlugin[];
  readonly #stat: VfsStat;

  constructor(members: readonly FileSystemPlugin[], inode: number) {
    this.#members = members;
    this.#stat = Object.freeze({ type: 'directory', size: 0, inode, modificationTime: 0n, writeable: false });
  }

  /* The first member that has `path`, and the plugin inside it that answers. */
  #find(path: string): Found | undefined {
    for (const member of this.#members) {
      if (locating(member)) {
        const located = member.locate(path);
        if (located !== undefined) return { ...located, member };
        continue;
      }
      const stat = member.stat(path);
      if (stat !== undefined) return { plugin: member, path, stat, member };
    }
    return undefined;
  }

  #require(path: string): Found {
    const found = this.#find(path);
    if (found === undefined) throw this.missing(path);
    return found;
  }

  locate(path: string): Located | undefined {
    return path === '/' ? { plugin: this, path, stat: this.#stat } : this.#find(path);
  }

  creationPlace(path: string): CreationPlace | undefined {
    for (const member of this.#members) {
      if (locating(member)) {
        const place = member.creationPlace(path);
        if (place !== undefined) return place;
      } else if (member.creatable(path)) {
        return { plugin: member, path };
      }
    }
    return undefined;
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
   * one of the first plugin holding the parent directory (EROFS from tar,
   * EACCES from a File_system that is not writeable, ENOSPC, ...).
   */
  #create<T>(path: string, create: (plugin: FileSystemPlugin, path: string) => T): T {
    const place = this.creationPlace(path);
    if (place !== undefined) return create(place.plugin, place.path);
    const parent = parentPath(path);
    if (parent === '/') {
      const first = this.#members[0];
      if (first === undefined) throw readOnly(path, 'empty directory of the config');
      return create(first, path);
    }
    const holder = this.#find(parent);
    if (holder === undefined) throw this.missing(path);
    if (holder.stat.type === 'symlink') throw new SymlinkOnPath(1);
    if (holder.stat.type !== 'directory') throw notDirectory(path);
    return create(holder.plugin, joinPath(holder.path, baseName(path)));
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
      return this.#create(path, (plugin, at) => plugin.open(at, flags));
    }
    if (flags.create && flags.exclusive) throw exists(path);
    if (found.stat.type === 'symlink') {
      if (flags.noFollow === true) throw vfsError(Errno.LOOP, `"${path}" is a symlink`);
      throw new SymlinkOnPath(0);
    }
    return found.plugin.open(found.path, flags);
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
    this.#create(path, (plugin, at) => plugin.mkdir(at));
  }

  symlink(target: string, path: string): void {
    if (path === '/' || this.#find(path) !== undefined) throw exists(path);
    this.#create(path, (plugin, at) => plugin.symlink(target, at));
  }

  unlink(path: string): void {
    if (path === '/') throw isDirectory(path);
    const found = this.#require(path);
    found.plugin.unlink(found.path);
  }

  rmdir(path: string): void {
    const found = path === '/' ? undefined : this.#require(path);
    if (found === undefined || (found.path === '/' && found.stat.type === 'directory')) {
      throw vfsError(Errno.BUSY, `"${path}" is the root of a file system or a directory of the config`);
    }
    if (found.stat.type !== 'directory') throw notDirectory(path);
    /* the directory is empty only if no other member lists anything in it (the plugin itself checks its own) */
    for (const member of this.#members) {
      if (member === found.member || member.stat(path)?.type !== 'directory') continue;
      if (member.readdir(path).length > 0) throw notEmpty(path);
    }
    found.plugin.rmdir(found.path);
  }

  readlink(path: string): string {
    if (path === '/') throw invalid('"/" is not a symlink');
    const found = this.#require(path);
    return found.plugin.readlink(found.path);
  }

  rename(from: string, to: string): void {
    if (from !== to && isWithin(to, from)) throw invalid(`cannot move "${from}" into itself ("${to}")`);
    const source = from === '/' ? undefined : this.#require(from);
    if (source === undefined || source.path === '/') {
      throw vfsError(Errno.BUSY, `"${from}" is the root of a file system or a directory of the config`);
    }
    const target = to === '/' ? this.locate(to) : this.#find(to);
    if (target !== undefined) {
      if (target.plugin !== source.plugin) throw crossDevice(from, to);
      source.plugin.rename(source.path, target.path);
      return;
    }
    const place = this.creationPlace(to);
    if (place !== undefined) {
      if (place.plugin !== source.plugin) throw crossDevice(from, to);
      source.plugin.rename(source.path, place.path);
      return;
    }
    if (parentPath(to) === '/') {
      /* this directory itself: only a plugin mounted right here may move something into it (and refuses) */
      if (locating(source.member)) throw crossDevice(from, to);
      source.plugin.rename(source.path, to);
      return;
    }
    const parent = this.#find(parentPath(to));
    if (parent === undefined) throw this.missing(to);
    if (parent.stat.type !== 'directory') throw notDirectory(to);
    if (parent.plugin !== source.plugin) throw crossDevice(from, to);
    /* the source's own file system refuses with its reason (EROFS, EACCES) */
    source.plugin.rename(source.path, joinPath(parent.path, baseName(to)));
  }

  /*
   * A further name stays in the plugin that holds the node, as a rename
   * does: another plugin's place is EXDEV; where no plugin accepts the
   * name, the node's own plugin says why (EROFS), or the path does.
   */
  link(from: string, to: string): void {
    const source = from === '/' ? undefined : this.#require(from);
    if (source === undefined || source.stat.type === 'directory') throw vfsError(Errno.PERM, `"${from}" is a directory: it cannot have further names`);
    if (to === '/' || this.#find(to) !== undefined) throw exists(to);
    const place = this.creationPlace(to);
    if (place !== undefined) {
      if (place.plugin !== source.plugin) throw crossDevice(from, to);
      return place.plugin.link(source.path, place.path);
    }
    if (parentPath(to) === '/') {
      if (locating(source.member)) throw crossDevice(from, to);
      return source.plugin.link(source.path, to);
    }
    const parent = this.#find(parentPath(to));
    if (parent === undefined) throw this.missing(to);
    if (parent.stat.type !== 'directory') throw notDirectory(to);
    if (parent.plugin !== source.plugin) throw crossDevice(from, to);
    source.plugin.link(source.path, joinPath(parent.path, baseName(to)));
  }

  setTimes(path: string, times: VfsTimes): void {
    if (path === '/') return;
    const found = this.#require(path);
    found.plugin.setTimes?.(found.path, times);
  }

  creatable(path: string): boolean {
    return path !== '/' && this.#find(path) === undefined && this.creationPlace(path) !== undefined;
  }
}
