/*
 * A File_system session in memory, for unit tests of the `fs` plugin: the
 * semantics of ram_fs (spec/runtime.md §3) behind the synchronous
 * interface the plugin uses, with its errors. No symlink is followed;
 * `writeable: false` answers every modification with PermissionDenied;
 * `capacity` bounds the bytes of all files (writes then answer fewer).
 */

import {
  InvalidHandle, InvalidName, LookupFailed, NodeAlreadyExists, NotEmpty, PermissionDenied, SEEK_TAIL,
  type DirectoryEntryRecord, type Mode, type NodeStatus,
} from 'nido';
import type { FileSystemSession } from './services.js';

/* Every node keeps a modification time, as ram_fs's do (WRITE_TIMESTAMP on any handle); files and symlinks count their names. */
interface Directory { readonly kind: 'directory'; readonly inode: number; readonly entries: Map<string, Node>; mtime: number }
interface File { readonly kind: 'file'; readonly inode: number; data: Uint8Array; mtime: number; names: number }
interface Link { readonly kind: 'symlink'; readonly inode: number; target: string; mtime: number; names: number }
type Node = Directory | File | Link;

export class TestFileSystem implements FileSystemSession {
  readonly #root: Directory;
  readonly #handles = new Map<number, { node: Node; mode: Mode }>();
  #inodes = 1;
  #lastHandle = 0;
  /** Calls of each operation, to check what the plugin asks. */
  readonly calls = new Map<string, number>();

  constructor(readonly writeable = true, readonly capacity = Infinity) {
    this.#root = { kind: 'directory', inode: this.#inodes++, entries: new Map(), mtime: 0 };
  }

  #count(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  #modify(what: string): void {
    if (!this.writeable) throw new PermissionDenied(`${what}: read-only session`);
  }

  #lookup(path: string): Node {
    let node: Node = this.#root;
    for (const name of path.split('/').filter((element) => element !== '')) {
      const next: Node | undefined = node.kind === 'directory' ? node.entries.get(name) : undefined;
      if (next === undefined) throw new LookupFailed(`"${path}" not found`);
      node = next;
    }
    return node;
  }

  #handle(node: Node, mode: Mode): number {
    this.#handles.set(++this.#lastHandle, { node, mode });
    return this.#lastHandle;
  }

  #open(handle: number): { node: Node; mode: Mode } {
    const open = this.#handles.get(handle);
    if (open === undefined) throw new InvalidHandle(`handle ${handle}`);
    return open;
  }

  #directory(handle: number): Directory {
    const node = this.#open(handle).node;
    if (node.kind !== 'directory') throw new InvalidHandle(`handle ${handle} is no directory`);
    return node;
  }

  #name(name: string): string {
    if (name === '' || name.includes('/')) throw new InvalidName(`name "${name}"`);
    return name;
  }

  get openHandles(): number {
    return this.#handles.size;
  }

  get used(): number {
    let bytes = 0;
    const walk = (node: Node): void => {
      if (node.kind === 'file') bytes += node.data.length;
      if (node.kind === 'directory') for (const child of node.entries.values()) walk(child);
    };
    walk(this.#root);
    return bytes;
  }

  #openIn(dir: number, name: string, mode: Mode, create: boolean, kind: 'file' | 'symlink'): number {
    this.#count(kind);
    const directory = this.#directory(dir);
    this.#name(name);
    if (create || mode >= 2) this.#modify(`opening "${name}" for writing`);
    let node = directory.entries.get(name);
    if (create) {
      if (node !== undefined) throw new NodeAlreadyExists(`"${name}" exists`);
      node = kind === 'file'
        ? { kind, inode: this.#inodes++, data: new Uint8Array(0), mtime: 0, names: 1 }
        : { kind, inode: this.#inodes++, target: '', mtime: 0, names: 1 };
      directory.entries.set(name, node);
    }
    if (node === undefined || node.kind !== kind) throw new LookupFailed(`no ${kind} "${name}"`);
    return this.#handle(node, mode);
  }

  file(dir: number, name: string, mode: Mode, create: boolean): number {
    return this.#openIn(dir, name, mode, create, 'file');
  }

  symlink(dir: number, name: string, create: boolean): number {
    return this.#openIn(dir, name, this.writeable ? 3 : 1, create, 'symlink');
  }

  dir(path: string, create: boolean): number {
    this.#count('dir');
    if (create) {
      this.#modify(`mkdir "${path}"`);
      const slash = path.lastIndexOf('/');
      const parent = this.#lookup(path.slice(0, slash) || '/');
      const name = this.#name(path.slice(slash + 1));
      if (parent.kind !== 'directory') throw new LookupFailed(`parent of "${path}"`);
      if (parent.entries.has(name)) throw new NodeAlreadyExists(`"${path}" exists`);
      parent.entries.set(name, { kind: 'directory', inode: this.#inodes++, entries: new Map(), mtime: 0 });
    }
    const node = this.#lookup(path);
    if (node.kind !== 'directory') throw new LookupFailed(`"${path}" is no directory`);
    return this.#handle(node, 1);
  }

  node(path: string): number {
    this.#count('node');
    return this.#handle(this.#lookup(path), 0);
  }

  close(handle: number): void {
    this.#open(handle);
    this.#handles.delete(handle);
  }

  status(handle: number): NodeStatus {
    const node = this.#open(handle).node;
    return {
      size: node.kind === 'file' ? node.data.length : node.kind === 'symlink' ? new TextEncoder().encode(node.target).length : 0,
      type: node.kind === 'file' ? 'continuous_file' : node.kind,
      readable: true, writeable: this.writeable, executable: node.kind === 'directory',
      inode: node.inode, modificationTime: node.mtime,
      links: node.kind === 'directory' ? 2 + [...node.entries.values()].filter((entry) => entry.kind === 'directory').length : node.names,
    };
  }

  unlink(dir: number, name: string): void {
    const directory = this.#directory(dir);
    this.#modify(`unlink "${name}"`);
    const node = directory.entries.get(name);
    if (node === undefined) throw new LookupFailed(`no "${name}"`);
    if (node.kind === 'directory' && node.entries.size > 0) throw new NotEmpty(`"${name}" is not empty`);
    directory.entries.delete(name);
    if (node.kind !== 'directory') node.names--;
  }

  truncate(file: number, size: number): void {
    this.#modify('truncate');
    const node = this.#open(file).node;
    if (node.kind !== 'file') throw new InvalidHandle('not a file');
    const data = new Uint8Array(size);
    data.set(node.data.subarray(0, size));
    node.data = data;
  }

  link(fromDir: number, fromName: string, toDir: number, toName: string): void {
    const from = this.#directory(fromDir);
    const to = this.#directory(toDir);
    this.#modify('link');
    const node = from.entries.get(this.#name(fromName));
    if (node === undefined) throw new LookupFailed(`"${fromName}" does not exist`);
    if (node.kind === 'directory') throw new PermissionDenied(`"${fromName}" is a directory`);
    if (to.entries.has(this.#name(toName))) throw new NodeAlreadyExists(`"${toName}" exists`);
    to.entries.set(toName, node);
    node.names++;
  }

  move(fromDir: number, fromName: string, toDir: number, toName: string): void {
    const from = this.#directory(fromDir);
    const to = this.#directory(toDir);
    this.#modify('move');
    const node = from.entries.get(fromName);
    if (node === undefined) throw new LookupFailed(`no "${fromName}"`);
    from.entries.delete(fromName);
    to.entries.set(this.#name(toName), node);
  }

  read(handle: number, buffer: Uint8Array, position: number): number {
    const node = this.#open(handle).node;
    const data = node.kind === 'file' ? node.data : new TextEncoder().encode(node.kind === 'symlink' ? node.target : '');
    const count = Math.max(0, Math.min(buffer.length, data.length - position));
    buffer.set(data.subarray(position, position + count));
    return count;
  }

  write(handle: number, data: Uint8Array, position: number): number {
    const open = this.#open(handle);
    if (open.mode < 2) throw new PermissionDenied('handle not writeable');
    const node = open.node;
    if (node.kind === 'symlink') {
      node.target = new TextDecoder().decode(data);
      return data.length;
    }
    if (node.kind !== 'file') throw new InvalidHandle('not a file');
    const at = position === SEEK_TAIL ? node.data.length : position;
    const fits = Math.max(0, Math.min(data.length, node.data.length + (this.capacity - this.used) - at));
    if (fits === 0) return 0;
    const grown = new Uint8Array(Math.max(node.data.length, at + fits));
    grown.set(node.data);
    grown.set(data.subarray(0, fits), at);
    node.data = grown;
    return fits;
  }

  readdir(dir: number): DirectoryEntryRecord[] {
    return [...this.#directory(dir).entries].map(([name, node]) => ({
      name, inode: node.inode, type: node.kind === 'file' ? 'continuous_file' as const : node.kind,
      rights: { readable: true, writeable: this.writeable, executable: false },
    }));
  }

  readSymlink(handle: number): string {
    const node = this.#open(handle).node;
    if (node.kind !== 'symlink') throw new InvalidHandle('not a symlink');
    return node.target;
  }

  writeSymlink(handle: number, target: string): void {
    this.write(handle, new TextEncoder().encode(target), 0);
  }

  sync(handle: number): void {
    this.#open(handle);
  }

  writeTimestamp(handle: number, seconds: number): void {
    this.#modify('timestamp');
    this.#open(handle).node.mtime = seconds;
  }
}
