/*
 * The VFS of one component as the C runtime sees it (interface.ts, Vfs):
 * the stacked root directory of the config, with the checks every path
 * gets (normalised, 1024/128-byte limits) and symlink resolution.
 *
 * Plugins never follow symlinks. An operation first goes to the plugins
 * with the path as given, which costs nothing extra when the path holds
 * no symlink; a plugin that meets one throws SymlinkOnPath, and the
 * operation is tried again with the link replaced by its target, up to
 * MAX_SYMLINKS links per operation (then ELOOP), as in POSIX.
 */

import { Errno, SymlinkOnPath, type OpenFlags, type Vfs, type VfsDirEntry, type VfsHandle, type VfsStat, type VfsTimes } from './interface.js';
import { noEntry, vfsError } from './errors.js';
import { baseName, checkPath, joinPath, MAX_PATH_BYTES, normalisePath, parentPath, pathElements, utf8Length } from './path.js';
import type { Closeable } from './services.js';
import type { StackedDirectory } from './stacked_directory.js';

/** Links followed in one lookup before ELOOP (Linux's limit). */
export const MAX_SYMLINKS = 40;

interface Links {
  count: number;
}

export class VfsRoot implements Vfs {
  readonly #root: StackedDirectory;
  readonly #resources: readonly Closeable[];
  #closed = false;

  /** `resources` are the sessions the plugins hold; close() ends them. */
  constructor(root: StackedDirectory, resources: readonly Closeable[] = []) {
    this.#root = root;
    this.#resources = resources;
  }

  /*
   * Runs `operation` on `path`; on SymlinkOnPath, replaces the link by its
   * target and runs it again. `operation` gets the path it works on.
   */
  #resolving<T>(path: string, operation: (path: string) => T, links: Links = { count: 0 }): T {
    let current = path;
    for (;;) {
      try {
        return operation(current);
      } catch (error) {
        if (!(error instanceof SymlinkOnPath)) throw error;
        const elements = pathElements(current);
        const kept = elements.length - error.remaining;
        if (error.remaining < 0 || kept < 1) throw error;
        if (++links.count > MAX_SYMLINKS) throw vfsError(Errno.LOOP, `more than ${MAX_SYMLINKS} symlinks on "${path}"`);
        let linkPath = '/' + elements.slice(0, kept).join('/');
        const target = this.#resolving(linkPath, (at) => {
          linkPath = at;
          return this.#root.readlink(at);
        }, links);
        if (target === '') throw noEntry(linkPath);
        const base = target.startsWith('/') ? target : joinPath(parentPath(linkPath), target);
        current = normalisePath([base, ...elements.slice(kept)].join('/'));
        checkPath(current);
      }
    }
  }

  /**
   * The stacked root directory itself. Operations on it follow no
   * symlink (a SymlinkOnPath comes back instead): what a File_system
   * server needs, whose clients resolve symlinks themselves.
   */
  get directory(): StackedDirectory {
    return this.#root;
  }

  #checked(path: string): string {
    const normal = normalisePath(path);
    checkPath(normal);
    return normal;
  }

  /** `path` with every symlink on it replaced, the last element included (it need not exist). */
  realPath(path: string): string {
    return this.#resolving(this.#checked(path), (at) => {
      if (this.#root.stat(at)?.type === 'symlink') throw new SymlinkOnPath(0);
      return at;
    });
  }

  stat(path: string, followSymlinks: boolean): VfsStat {
    return this.#resolving(this.#checked(path), (at) => {
      const stat = this.#root.stat(at);
      if (stat === undefined) throw this.#root.missing(at);
      if (followSymlinks && stat.type === 'symlink') throw new SymlinkOnPath(0);
      return stat;
    });
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    return this.#resolving(this.#checked(path), (at) => this.#root.open(at, flags));
  }

  readdir(path: string): VfsDirEntry[] {
    return this.#resolving(this.#checked(path), (at) => this.#root.readdir(at));
  }

  mkdir(path: string): void {
    this.#resolving(this.#checked(path), (at) => this.#root.mkdir(at));
  }

  unlink(path: string): void {
    this.#resolving(this.#checked(path), (at) => this.#root.unlink(at));
  }

  rmdir(path: string): void {
    this.#resolving(this.#checked(path), (at) => this.#root.rmdir(at));
  }

  /* The path with its directory resolved and its last element kept (what rename works on). */
  #withRealParent(path: string): string {
    const checked = this.#checked(path);
    if (checked === '/') return checked;
    return joinPath(this.realPath(parentPath(checked)), baseName(checked));
  }

  rename(from: string, to: string): void {
    this.#root.rename(this.#withRealParent(from), this.#withRealParent(to));
  }

  symlink(target: string, path: string): void {
    if (target === '') throw noEntry(target);
    if (target.includes('\0')) throw vfsError(Errno.INVAL, 'symlink target contains a NUL character');
    if (utf8Length(target) > MAX_PATH_BYTES) throw vfsError(Errno.NAMETOOLONG, `symlink target longer than ${MAX_PATH_BYTES} bytes`);
    this.#resolving(this.#checked(path), (at) => this.#root.symlink(target, at));
  }

  readlink(path: string): string {
    return this.#resolving(this.#checked(path), (at) => this.#root.readlink(at));
  }

  link(from: string, to: string, followSymlinks: boolean): void {
    const source = followSymlinks ? this.realPath(from) : this.#withRealParent(from);
    this.#root.link(source, this.#withRealParent(to));
  }

  setTimes(path: string, times: VfsTimes, followSymlinks: boolean): void {
    this.#resolving(this.#checked(path), (at) => {
      const stat = this.#root.stat(at);
      if (stat === undefined) throw this.#root.missing(at);
      if (followSymlinks && stat.type === 'symlink') throw new SymlinkOnPath(0);
      this.#root.setTimes(at, times);
    });
  }

  /** Ends the sessions the plugins hold (ROM, LOG, Timer, File_system, Terminal). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const resource of this.#resources) await resource.close();
  }
}
