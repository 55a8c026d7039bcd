/*
 * `<dir name="x"> ... </dir>`: a directory of the config, mounted as the
 * entry `x` of the directory that contains it (Genode's Dir_file_system
 * with a name). Paths below `/x` go to the stack of plugins inside it;
 * `x` itself can be neither removed nor moved (EBUSY, like a mount point).
 */

import {
  Errno, type FileSystemPlugin, type OpenFlags, type VfsDirEntry, type VfsHandle, type VfsStat, type VfsTimes,
} from './interface.js';
import { DirectoryHandle, checkDirectoryOpen } from './directory_handle.js';
import { crossDevice, exists, invalid, isDirectory, noEntry, readOnly, vfsError } from './errors.js';
import type { CreationPlace, Locating, Located, StackedDirectory } from './stacked_directory.js';

/* Where a path lies relative to the mounted directory. */
type Place =
  | { readonly at: 'parent' }              /* '/', the directory holding the mount */
  | { readonly at: 'inside'; readonly path: string } /* '/x' is inside's '/' */
  | { readonly at: 'elsewhere' };

export class DirFileSystem implements FileSystemPlugin, Locating {
  readonly #name: string;
  readonly #prefix: string;
  readonly #stack: StackedDirectory;
  readonly #parentStat: VfsStat;

  constructor(name: string, stack: StackedDirectory, parentInode: number) {
    this.#name = name;
    this.#prefix = '/' + name;
    this.#stack = stack;
    this.#parentStat = Object.freeze({ type: 'directory', size: 0, inode: parentInode, modificationTime: 0n, writeable: false });
  }

  #place(path: string): Place {
    if (path === '/') return { at: 'parent' };
    if (path === this.#prefix) return { at: 'inside', path: '/' };
    if (path.startsWith(this.#prefix) && path.charCodeAt(this.#prefix.length) === 47) {
      return { at: 'inside', path: path.slice(this.#prefix.length) };
    }
    return { at: 'elsewhere' };
  }

  locate(path: string): Located | undefined {
    const place = this.#place(path);
    if (place.at === 'parent') return { plugin: this, path, stat: this.#parentStat };
    return place.at === 'inside' ? this.#stack.locate(place.path) : undefined;
  }

  creationPlace(path: string): CreationPlace | undefined {
    const place = this.#place(path);
    return place.at === 'inside' && place.path !== '/' ? this.#stack.creationPlace(place.path) : undefined;
  }

  stat(path: string): VfsStat | undefined {
    const place = this.#place(path);
    if (place.at === 'parent') return this.#parentStat;
    return place.at === 'inside' ? this.#stack.stat(place.path) : undefined;
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    const place = this.#place(path);
    if (place.at === 'inside') return this.#stack.open(place.path, flags);
    if (place.at === 'parent') {
      checkDirectoryOpen(path, flags);
      return new DirectoryHandle(path, () => this.#parentStat);
    }
    throw flags.create ? readOnly(path, 'directory of the config') : noEntry(path);
  }

  readdir(path: string): VfsDirEntry[] {
    const place = this.#place(path);
    if (place.at === 'inside') return this.#stack.readdir(place.path);
    if (place.at === 'parent') {
      const stat = this.#stack.stat('/');
      return [{ name: this.#name, type: 'directory', inode: stat?.inode ?? 0 }];
    }
    throw noEntry(path);
  }

  mkdir(path: string): void {
    const place = this.#place(path);
    if (place.at === 'inside') return this.#stack.mkdir(place.path);
    throw place.at === 'parent' ? exists(path) : readOnly(path, 'directory of the config');
  }

  symlink(target: string, path: string): void {
    const place = this.#place(path);
    if (place.at === 'inside') return this.#stack.symlink(target, place.path);
    throw place.at === 'parent' ? exists(path) : readOnly(path, 'directory of the config');
  }

  unlink(path: string): void {
    const place = this.#place(path);
    if (place.at === 'inside' && place.path !== '/') return this.#stack.unlink(place.path);
    throw place.at === 'elsewhere' ? noEntry(path) : isDirectory(path);
  }

  rmdir(path: string): void {
    const place = this.#place(path);
    if (place.at === 'inside' && place.path !== '/') return this.#stack.rmdir(place.path);
    throw place.at === 'elsewhere' ? noEntry(path) : vfsError(Errno.BUSY, `"${path}" is a directory of the config`);
  }

  readlink(path: string): string {
    const place = this.#place(path);
    if (place.at === 'inside' && place.path !== '/') return this.#stack.readlink(place.path);
    throw place.at === 'elsewhere' ? noEntry(path) : invalid(`"${path}" is not a symlink`);
  }

  rename(from: string, to: string): void {
    const source = this.#place(from);
    const target = this.#place(to);
    if (source.at === 'inside' && target.at === 'inside' && source.path !== '/' && target.path !== '/') {
      return this.#stack.rename(source.path, target.path);
    }
    if (source.at === 'elsewhere') throw noEntry(from);
    if (source.at === 'parent' || source.path === '/') throw vfsError(Errno.BUSY, `"${from}" is a directory of the config`);
    if (target.at === 'elsewhere') throw crossDevice(from, to);
    throw vfsError(Errno.BUSY, `"${to}" is a directory of the config`);
  }

  link(from: string, to: string): void {
    const source = this.#place(from);
    const target = this.#place(to);
    if (source.at === 'inside' && target.at === 'inside' && source.path !== '/' && target.path !== '/') {
      return this.#stack.link(source.path, target.path);
    }
    if (source.at === 'elsewhere') throw noEntry(from);
    if (source.at === 'parent' || source.path === '/') throw vfsError(Errno.PERM, `"${from}" is a directory: it cannot have further names`);
    if (target.at === 'elsewhere') throw crossDevice(from, to);
    throw exists(to);
  }

  setTimes(path: string, times: VfsTimes): void {
    const place = this.#place(path);
    if (place.at === 'inside') this.#stack.setTimes(place.path, times);
    else if (place.at === 'elsewhere') throw noEntry(path);
  }

  creatable(path: string): boolean {
    const place = this.#place(path);
    return place.at === 'inside' && this.#stack.creatable(place.path);
  }
}

