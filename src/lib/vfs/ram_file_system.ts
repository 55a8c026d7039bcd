/*
 * `<ram/>`: a writeable file system in the component's memory (Genode's
 * Ram_file_system), paid from its RAM through a RamAccount: file data by
 * the block (file_data.ts), every node a fixed NODE_COST. A full account
 * answers ENOSPC.
 *
 * POSIX details kept: a file or symlink may have several names (hard
 * links, each name a NODE_COST); a file stays readable and writeable
 * through the handles still open on it after its last name went, and its
 * bytes are freed with the last of them; rename replaces a file or an
 * empty directory. Modification and access times stay at the epoch
 * unless set (Nido components have no clock; see rtc_file_system.ts):
 * the C runtime sets them from its own clock, as Genode's libc does.
 */

import {
  Errno, SymlinkOnPath,
  type FileSystemPlugin, type OpenFlags, type VfsDirEntry, type VfsHandle, type VfsStat, type VfsTimes,
} from './interface.js';
import { DirectoryHandle, checkDirectoryOpen } from './directory_handle.js';
import { exists, invalid, isDirectory, noEntry, notDirectory, notEmpty, vfsError } from './errors.js';
import { FileData } from './file_data.js';
import { FileHandle } from './file_handle.js';
import type { InodeAllocator } from './inode_allocator.js';
import { baseName, isWithin, parentPath, utf8Length } from './path.js';
import type { RamAccount } from './ram_account.js';
import { directoryLinks, lookupNode, missingNode } from './tree_lookup.js';

/** What a node costs besides its data: its name (at most 128 bytes) and bookkeeping. */
export const NODE_COST = 256;

interface Times {
  mtime: bigint;
  atime: bigint;
}

interface RamDirectory extends Times {
  readonly kind: 'directory';
  readonly inode: number;
  readonly entries: Map<string, RamNode>;
}

interface RamFile extends Times {
  readonly kind: 'file';
  readonly inode: number;
  readonly data: FileData;
  /** Names in directories (hard links); the data goes when none is left and no handle is open. */
  links: number;
  handles: number;
}

interface RamSymlink extends Times {
  readonly kind: 'symlink';
  readonly inode: number;
  readonly target: string;
  links: number;
}

type RamNode = RamDirectory | RamFile | RamSymlink;

function statOf(node: RamNode): VfsStat {
  const size = node.kind === 'file' ? node.data.size : node.kind === 'symlink' ? utf8Length(node.target) : 0;
  const links = node.kind === 'directory' ? directoryLinks(node) : node.links;
  return { type: node.kind, size, inode: node.inode, modificationTime: node.mtime, accessTime: node.atime, links, writeable: true };
}

function setTimes(node: Times, times: VfsTimes): void {
  if (times.modification !== undefined) node.mtime = times.modification;
  if (times.access !== undefined) node.atime = times.access;
}

class RamHandle extends FileHandle {
  readonly #file: RamFile;
  readonly #fs: RamFileSystem;
  #closed = false;

  constructor(flags: OpenFlags, file: RamFile, fs: RamFileSystem) {
    super(flags);
    this.#file = file;
    this.#fs = fs;
    file.handles++;
  }

  stat(): VfsStat {
    return statOf(this.#file);
  }

  protected readAt(buffer: Uint8Array, offset: number): number {
    return this.#file.data.read(offset, buffer);
  }

  protected writeAt(data: Uint8Array, offset: number): number {
    return this.#file.data.write(this.flags.append ? this.#file.data.size : offset, data);
  }

  protected override truncateTo(size: number): void {
    this.#file.data.truncate(size);
  }

  setTimes(times: VfsTimes): void {
    setTimes(this.#file, times);
  }

  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#file.handles--;
    this.#fs.released(this.#file);
  }
}

export class RamFileSystem implements FileSystemPlugin {
  readonly #account: RamAccount;
  readonly #inodes: InodeAllocator;
  readonly #root: RamDirectory;

  constructor(account: RamAccount, inodes: InodeAllocator) {
    this.#account = account;
    this.#inodes = inodes;
    this.#root = { kind: 'directory', inode: inodes.allocate(), entries: new Map(), mtime: 0n, atime: 0n };
  }

  #lookup(path: string): RamNode | undefined {
    return lookupNode<RamNode>(this.#root, path);
  }

  #require(path: string): RamNode {
    const node = this.#lookup(path);
    if (node === undefined) throw this.#missing(path);
    return node;
  }

  #missing(path: string): Error {
    return missingNode(this.#root, path);
  }

  /* The directory that will hold `path`, and the new node's name; `path` must not exist. */
  #parentFor(path: string): { directory: RamDirectory; name: string } {
    const parent = parentPath(path);
    const node = this.#lookup(parent);
    if (node === undefined) throw this.#missing(path);
    if (node.kind === 'symlink') throw new SymlinkOnPath(1);
    if (node.kind !== 'directory') throw notDirectory(path);
    const name = baseName(path);
    if (node.entries.has(name)) throw exists(path);
    return { directory: node, name };
  }

  #add(directory: RamDirectory, name: string, make: (inode: number) => RamNode): RamNode {
    this.#account.charge(NODE_COST);
    const node = make(this.#inodes.allocate());
    directory.entries.set(name, node);
    return node;
  }

  /* Takes a name out of its directory and frees what nobody uses any more. */
  #remove(directory: RamDirectory, name: string, node: RamNode): void {
    directory.entries.delete(name);
    this.#account.release(NODE_COST);
    if (node.kind === 'directory') return;
    node.links--;
    if (node.kind === 'file') this.released(node);
  }

  /** Called when a handle on `file` closed: a file without names keeps its data until its last handle goes. */
  released(file: RamFile): void {
    if (file.links === 0 && file.handles === 0) file.data.release();
  }

  stat(path: string): VfsStat | undefined {
    const node = this.#lookup(path);
    return node === undefined ? undefined : statOf(node);
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    let node = this.#lookup(path);
    if (node === undefined) {
      if (!flags.create) throw this.#missing(path);
      const { directory, name } = this.#parentFor(path);
      node = this.#add(directory, name, (inode) => ({
        kind: 'file', inode, data: new FileData(this.#account), mtime: 0n, atime: 0n, links: 1, handles: 0,
      }));
    } else if (flags.create && flags.exclusive) {
      throw exists(path);
    }
    if (node.kind === 'symlink') {
      if (flags.noFollow === true) throw vfsError(Errno.LOOP, `"${path}" is a symlink`);
      throw new SymlinkOnPath(0);
    }
    if (node.kind === 'directory') {
      checkDirectoryOpen(path, flags);
      const directory = node;
      return new DirectoryHandle(path, () => statOf(directory));
    }
    if (flags.truncate) node.data.truncate(0);
    return new RamHandle(flags, node, this);
  }

  readdir(path: string): VfsDirEntry[] {
    const node = this.#require(path);
    if (node.kind === 'symlink') throw new SymlinkOnPath(0);
    if (node.kind !== 'directory') throw notDirectory(path);
    return [...node.entries].map(([name, entry]) => ({ name, type: entry.kind, inode: entry.inode }));
  }

  mkdir(path: string): void {
    if (path === '/') throw exists(path);
    const { directory, name } = this.#parentFor(path);
    this.#add(directory, name, (inode) => ({ kind: 'directory', inode, entries: new Map(), mtime: 0n, atime: 0n }));
  }

  symlink(target: string, path: string): void {
    if (path === '/') throw exists(path);
    const { directory, name } = this.#parentFor(path);
    this.#add(directory, name, (inode) => ({ kind: 'symlink', inode, target, mtime: 0n, atime: 0n, links: 1 }));
  }

  link(from: string, to: string): void {
    const node = this.#require(from);
    if (to === '/') throw exists(to);
    if (node.kind === 'directory') throw vfsError(Errno.PERM, `"${from}" is a directory: it cannot have further names`);
    const { directory, name } = this.#parentFor(to);
    this.#account.charge(NODE_COST);
    directory.entries.set(name, node);
    node.links++;
  }

  setTimes(path: string, times: VfsTimes): void {
    setTimes(this.#require(path), times);
  }

  #entry(path: string): { directory: RamDirectory; name: string; node: RamNode } {
    const node = this.#require(path);
    const directory = this.#lookup(parentPath(path));
    if (directory?.kind !== 'directory') throw noEntry(path);
    return { directory, name: baseName(path), node };
  }

  unlink(path: string): void {
    if (path === '/') throw isDirectory(path);
    const { directory, name, node } = this.#entry(path);
    if (node.kind === 'directory') throw isDirectory(path);
    this.#remove(directory, name, node);
  }

  rmdir(path: string): void {
    if (path === '/') throw vfsError(Errno.BUSY, 'the root of a RAM file system cannot be removed');
    const { directory, name, node } = this.#entry(path);
    if (node.kind !== 'directory') throw notDirectory(path);
    if (node.entries.size > 0) throw notEmpty(path);
    this.#remove(directory, name, node);
  }

  readlink(path: string): string {
    const node = this.#require(path);
    if (node.kind !== 'symlink') throw invalid(`"${path}" is not a symlink`);
    return node.target;
  }

  rename(from: string, to: string): void {
    if (from === '/' || to === '/') throw vfsError(Errno.BUSY, 'the root of a RAM file system cannot be moved');
    if (from !== to && isWithin(to, from)) throw invalid(`cannot move "${from}" into itself ("${to}")`);
    const source = this.#entry(from);
    const replaced = this.#lookup(to);
    if (replaced === source.node) return;
    let target: { directory: RamDirectory; name: string };
    if (replaced === undefined) {
      target = this.#parentFor(to);
    } else {
      target = this.#entry(to);
      if (source.node.kind === 'directory' && replaced.kind !== 'directory') throw notDirectory(to);
      if (source.node.kind !== 'directory' && replaced.kind === 'directory') throw isDirectory(to);
      if (replaced.kind === 'directory' && replaced.entries.size > 0) throw notEmpty(to);
      this.#remove(target.directory, target.name, replaced);
    }
    source.directory.entries.delete(source.name);
    target.directory.entries.set(target.name, source.node);
  }

  creatable(path: string): boolean {
    if (path === '/') return false;
    const parent = this.#lookup(parentPath(path));
    if (parent?.kind === 'symlink') throw new SymlinkOnPath(1);
    return parent?.kind === 'directory' && !parent.entries.has(baseName(path));
  }
}
