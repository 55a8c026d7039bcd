/*
 * `<tar name="x.tar"/>`: the content of a tar archive held in a ROM
 * module, read only (Genode's Tar_file_system). Symlinks are kept as
 * symlinks; a hard link is the node it links to; directories that the
 * archive only implies (a file `a/b/c` without entries for `a` and `a/b`)
 * exist; link counts count a node's names. A later entry of the same name replaces an earlier one, as when
 * extracting. File data stays in the ROM's memory (views, no copies).
 */

import {
  Errno, SymlinkOnPath,
  type FileSystemPlugin, type OpenFlags, type VfsDirEntry, type VfsHandle, type VfsStat,
} from './interface.js';
import { DirectoryHandle, checkDirectoryOpen } from './directory_handle.js';
import { exists, invalid, noEntry, notDirectory, readOnly, vfsError } from './errors.js';
import { ContentHandle } from './file_handle.js';
import type { InodeAllocator } from './inode_allocator.js';
import { modifies } from './open_flags.js';
import { normalisePath, parentPath, pathElements, utf8Length } from './path.js';
import type { TarEntry } from './tar_archive.js';
import { directoryLinks, lookupNode, missingNode } from './tree_lookup.js';

interface TarDirectory {
  readonly kind: 'directory';
  readonly inode: number;
  readonly entries: Map<string, TarNode>;
  mtime: bigint;
}

interface TarFile {
  readonly kind: 'file';
  readonly inode: number;
  readonly data: Uint8Array;
  readonly mtime: bigint;
  /** Names in the archive (hard links). */
  links: number;
}

interface TarSymlink {
  readonly kind: 'symlink';
  readonly inode: number;
  readonly target: string;
  readonly mtime: bigint;
  links: number;
}

type TarNode = TarDirectory | TarFile | TarSymlink;

const NS_PER_SECOND = 1_000_000_000n;

function statOf(node: TarNode): VfsStat {
  const size = node.kind === 'file' ? node.data.length : node.kind === 'symlink' ? utf8Length(node.target) : 0;
  const links = node.kind === 'directory' ? directoryLinks(node) : node.links;
  return { type: node.kind, size, inode: node.inode, modificationTime: node.mtime, links, writeable: false };
}

/* Names `node` `name` in `directory`; a node it replaces loses that name. */
function place(directory: TarDirectory, name: string, node: TarFile | TarSymlink): void {
  const replaced = directory.entries.get(name);
  if (replaced === node) return;
  if (replaced !== undefined && replaced.kind !== 'directory') replaced.links--;
  directory.entries.set(name, node);
  node.links++;
}

export class TarFileSystem implements FileSystemPlugin {
  readonly #root: TarDirectory;
  readonly #inodes: InodeAllocator;
  readonly #name: string;

  /** `name` names the archive in messages; `warning` hears about entries that cannot be placed. */
  constructor(name: string, entries: readonly TarEntry[], inodes: InodeAllocator, warning: (text: string) => void) {
    this.#name = name;
    this.#inodes = inodes;
    this.#root = { kind: 'directory', inode: inodes.allocate(), entries: new Map(), mtime: 0n };
    for (const entry of entries) {
      const problem = this.#insert(entry);
      if (problem !== undefined) warning(`tar "${name}": entry "${entry.path}" skipped: ${problem}`);
    }
  }

  /* Places one entry; answers why it could not. */
  #insert(entry: TarEntry): string | undefined {
    const path = normalisePath('/' + entry.path);
    if (path === '/') return undefined;
    const elements = pathElements(path);
    const name = elements.pop() ?? '';
    let directory = this.#root;
    for (const element of elements) {
      const next = directory.entries.get(element);
      if (next === undefined) {
        const made: TarDirectory = { kind: 'directory', inode: this.#inodes.allocate(), entries: new Map(), mtime: 0n };
        directory.entries.set(element, made);
        directory = made;
      } else if (next.kind === 'directory') {
        directory = next;
      } else {
        return `"${element}" on its path is not a directory`;
      }
    }
    const mtime = BigInt(entry.mtime) * NS_PER_SECOND;
    const existing = directory.entries.get(name);
    switch (entry.type) {
      case 'directory':
        if (existing?.kind === 'directory') {
          existing.mtime = mtime;
          return undefined;
        }
        if (existing !== undefined) existing.links--;
        directory.entries.set(name, { kind: 'directory', inode: this.#inodes.allocate(), entries: new Map(), mtime });
        return undefined;
      case 'file':
        place(directory, name, { kind: 'file', inode: this.#inodes.allocate(), data: entry.data, mtime, links: 0 });
        return undefined;
      case 'symlink':
        place(directory, name, { kind: 'symlink', inode: this.#inodes.allocate(), target: entry.linkTarget, mtime, links: 0 });
        return undefined;
      case 'hardlink': {
        const target = lookupNode<TarNode>(this.#root, normalisePath('/' + entry.linkTarget));
        if (target === undefined || target.kind === 'directory') return `link target "${entry.linkTarget}" is not in the archive before it`;
        place(directory, name, target);
        return undefined;
      }
    }
  }

  #lookup(path: string): TarNode | undefined {
    return lookupNode<TarNode>(this.#root, path);
  }

  #missing(path: string): Error {
    return missingNode(this.#root, path);
  }

  #require(path: string): TarNode {
    const node = this.#lookup(path);
    if (node === undefined) throw this.#missing(path);
    return node;
  }

  /* A modification: ENOENT/ENOTDIR for what is not there, else EROFS. */
  #refuse(path: string, mustExist: boolean): never {
    if (mustExist) this.#require(path);
    else if (this.#lookup(path) !== undefined) throw exists(path);
    else if (this.#lookup(parentPath(path))?.kind !== 'directory') throw this.#missing(path);
    throw readOnly(path, `tar ${this.#name}`);
  }

  stat(path: string): VfsStat | undefined {
    const node = this.#lookup(path);
    return node === undefined ? undefined : statOf(node);
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    const node = this.#lookup(path);
    if (node === undefined) {
      if (flags.create) this.#refuse(path, false);
      throw this.#missing(path);
    }
    if (flags.create && flags.exclusive) throw exists(path);
    if (node.kind === 'symlink') {
      if (flags.noFollow === true) throw vfsError(Errno.LOOP, `"${path}" is a symlink`);
      throw new SymlinkOnPath(0);
    }
    if (node.kind === 'directory') {
      checkDirectoryOpen(path, flags);
      return new DirectoryHandle(path, () => statOf(node));
    }
    if (modifies(flags)) throw readOnly(path, `tar ${this.#name}`);
    return new ContentHandle(flags, node.data, statOf(node));
  }

  readdir(path: string): VfsDirEntry[] {
    const node = this.#require(path);
    if (node.kind === 'symlink') throw new SymlinkOnPath(0);
    if (node.kind !== 'directory') throw notDirectory(path);
    return [...node.entries].map(([name, entry]) => ({ name, type: entry.kind, inode: entry.inode }));
  }

  mkdir(path: string): void {
    this.#refuse(path, false);
  }

  symlink(_target: string, path: string): void {
    this.#refuse(path, false);
  }

  unlink(path: string): void {
    this.#refuse(path, true);
  }

  rmdir(path: string): void {
    const node = this.#require(path);
    if (node.kind !== 'directory') throw notDirectory(path);
    this.#refuse(path, true);
  }

  readlink(path: string): string {
    const node = this.#require(path);
    if (node.kind !== 'symlink') throw invalid(`"${path}" is not a symlink`);
    return node.target;
  }

  rename(from: string): void {
    this.#refuse(from, true);
  }

  link(from: string, to: string): void {
    this.#require(from);
    this.#refuse(to, false);
  }

  creatable(): boolean {
    return false;
  }
}
