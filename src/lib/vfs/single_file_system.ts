/*
 * The base of plugins that provide one node in the directory they are
 * mounted in (Genode's Single_file_system): rom, inline, null, zero, log,
 * rtc, symlink, terminal. The node is named after the plugin's type
 * unless the config node gives `name` (`<log/>` is a file called `log`).
 * Nothing can be created, removed or moved here.
 */

import {
  Errno, SymlinkOnPath,
  type FileSystemPlugin, type OpenFlags, type VfsDirEntry, type VfsHandle, type VfsNodeType, type VfsStat,
} from './interface.js';
import { DirectoryHandle, checkDirectoryOpen } from './directory_handle.js';
import { exists, invalid, noEntry, notDirectory, readOnly, vfsError } from './errors.js';
import { modifies } from './open_flags.js';
import { pathElements } from './path.js';

export abstract class SingleFileSystem implements FileSystemPlugin {
  readonly #path: string;
  readonly #directoryStat: VfsStat;

  /**
   * `plugin` names the plugin in error messages; `writeable` says whether
   * the node may be opened for writing (else EROFS).
   */
  protected constructor(
    readonly name: string,
    readonly type: VfsNodeType,
    readonly inode: number,
    readonly plugin: string,
    readonly writeable: boolean,
  ) {
    this.#path = '/' + name;
    this.#directoryStat = Object.freeze({ type: 'directory', size: 0, inode: 0, modificationTime: 0n, writeable: false });
  }

  /** The node's size now. */
  protected abstract size(): number;

  /** Opens the node; flags are checked already. */
  protected abstract openNode(flags: OpenFlags): VfsHandle;

  /** The node's status (its size may change over time). */
  nodeStat(): VfsStat {
    return { type: this.type, size: this.size(), inode: this.inode, modificationTime: 0n, writeable: this.writeable };
  }

  /* Undefined for paths that are neither '/' nor the node; a symlink on the way is reported. */
  #below(path: string): void {
    if (this.type !== 'symlink' || !path.startsWith(this.#path + '/')) return;
    throw new SymlinkOnPath(pathElements(path).length - 1);
  }

  stat(path: string): VfsStat | undefined {
    if (path === '/') return this.#directoryStat;
    if (path === this.#path) return this.nodeStat();
    this.#below(path);
    return undefined;
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    if (path === '/') {
      checkDirectoryOpen(path, flags);
      return new DirectoryHandle(path, () => this.#directoryStat);
    }
    if (path !== this.#path) {
      this.#below(path);
      throw flags.create ? readOnly(path, this.plugin) : this.#missing(path);
    }
    if (flags.create && flags.exclusive) throw exists(path);
    if (this.type === 'symlink') {
      if (flags.noFollow === true) throw vfsError(Errno.LOOP, `"${path}" is a symlink`);
      throw new SymlinkOnPath(0);
    }
    if (modifies(flags) && !this.writeable) throw readOnly(path, this.plugin);
    return this.openNode(flags);
  }

  #missing(path: string): Error {
    return path.startsWith(this.#path + '/') ? notDirectory(path) : noEntry(path);
  }

  readdir(path: string): VfsDirEntry[] {
    if (path === '/') return [{ name: this.name, type: this.type, inode: this.inode }];
    if (path === this.#path) throw notDirectory(path);
    this.#below(path);
    throw this.#missing(path);
  }

  mkdir(path: string): void {
    throw path === this.#path ? exists(path) : readOnly(path, this.plugin);
  }

  symlink(_target: string, path: string): void {
    this.mkdir(path);
  }

  unlink(path: string): void {
    throw path === this.#path ? readOnly(path, this.plugin) : this.#missing(path);
  }

  rmdir(path: string): void {
    throw path === this.#path ? notDirectory(path) : this.#missing(path);
  }

  readlink(path: string): string {
    if (path === this.#path) {
      const target = this.linkTarget();
      if (target !== undefined) return target;
      throw invalid(`"${path}" is not a symlink`);
    }
    this.#below(path);
    throw this.#missing(path);
  }

  /** The target if the node is a symlink. */
  protected linkTarget(): string | undefined {
    return undefined;
  }

  rename(from: string): void {
    throw from === this.#path ? readOnly(from, this.plugin) : this.#missing(from);
  }

  link(from: string, to: string): void {
    if (from !== this.#path) throw this.#missing(from);
    this.mkdir(to);
  }

  creatable(): boolean {
    return false;
  }
}
