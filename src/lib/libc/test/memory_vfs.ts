/*
 * A minimal in-memory implementation of the VFS interface, for the C
 * runtime's own tests until the VFS library lands: directories, files,
 * symlinks and scripted terminals, with POSIX errors. Not a plugin and not
 * for production; src/lib/vfs is the real thing.
 */

import {
  Errno, VfsError, type OpenFlags, type Vfs, type VfsDirEntry, type VfsHandle, type VfsNodeType, type VfsStat, type VfsTimes,
} from '../../vfs/interface.js';

/* `links` counts the names of files and symlinks (hard links). */
interface Base { readonly inode: number; modificationTime: bigint; accessTime: bigint; links: number }
interface Directory extends Base { readonly type: 'directory'; readonly entries: Map<string, MemoryNode> }
interface File extends Base { readonly type: 'file'; data: Uint8Array; size: number }
interface Symlink extends Base { readonly type: 'symlink'; readonly target: string }
interface Device extends Base { readonly type: 'character_device'; readonly device: MemoryDevice }
type MemoryNode = Directory | File | Symlink | Device;

/** A character device: the test decides what reads answer and keeps what is written. */
export interface MemoryDevice {
  read(buffer: Uint8Array): number;
  write(data: Uint8Array): number;
  readReady(): boolean;
  waitReadReady(timeoutNs: bigint | undefined): boolean;
  /** Present on terminals only. */
  terminalSize?(): { columns: number; rows: number };
}

let inodes = 1;
const now = (): bigint => BigInt(Date.now()) * 1_000_000n;
const fail = (errno: (typeof Errno)[keyof typeof Errno], message: string): never => { throw new VfsError(errno, message); };
const node = <T extends MemoryNode>(fields: Omit<T, 'inode' | 'modificationTime' | 'accessTime' | 'links'>): T => {
  const time = now();
  return { ...fields, inode: inodes++, modificationTime: time, accessTime: time, links: 1 } as T;
};

export class MemoryVfs implements Vfs {
  readonly root: Directory = node<Directory>({ type: 'directory', entries: new Map() });

  /* Follows symlinks in every element but the last (and the last too if `follow`). */
  #lookup(path: string, follow: boolean, depth = 0): MemoryNode {
    if (depth > 8) fail(Errno.LOOP, `${path}: too many symlinks`);
    const elements = path.split('/').filter((e) => e !== '');
    let current: MemoryNode = this.root;
    let walked = '';
    for (let i = 0; i < elements.length; i++) {
      const name = elements[i] as string;
      if (current.type !== 'directory') fail(Errno.NOTDIR, `${walked}: not a directory`);
      const next: MemoryNode | undefined = (current as Directory).entries.get(name);
      if (next === undefined) fail(Errno.NOENT, `${walked}/${name}: no such node`);
      const last = i === elements.length - 1;
      if (next !== undefined && next.type === 'symlink' && (!last || follow)) {
        const base = next.target.startsWith('/') ? '' : walked;
        const rest = elements.slice(i + 1).join('/');
        return this.#lookup(normalise(`${base}/${next.target}${rest === '' ? '' : '/' + rest}`), follow, depth + 1);
      }
      current = next as MemoryNode;
      walked += `/${name}`;
    }
    return current;
  }

  #parent(path: string): { directory: Directory; name: string } {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    if (name === '') fail(Errno.EXIST, 'the root');
    const directory = this.#lookup(path.slice(0, slash) || '/', true);
    if (directory.type !== 'directory') fail(Errno.NOTDIR, `${path}: parent is not a directory`);
    return { directory: directory as Directory, name };
  }

  stat(path: string, follow: boolean): VfsStat {
    return statOf(this.#lookup(path, follow));
  }

  open(path: string, flags: OpenFlags): VfsHandle {
    let target: MemoryNode;
    try {
      target = this.#lookup(path, flags.noFollow !== true);
      if (target.type === 'symlink') fail(Errno.LOOP, `${path} is a symlink`);
      if (flags.create && flags.exclusive) fail(Errno.EXIST, `${path} exists`);
    } catch (error) {
      if (!(error instanceof VfsError) || error.errno !== Errno.NOENT || !flags.create) throw error;
      const { directory, name } = this.#parent(path);
      target = node<File>({ type: 'file', data: new Uint8Array(0), size: 0 });
      directory.entries.set(name, target);
    }
    if (target.type === 'directory') fail(Errno.ISDIR, `${path} is a directory`);
    if (target.type === 'file' && flags.truncate) { target.size = 0; target.modificationTime = now(); }
    return target.type === 'character_device' ? deviceHandle(target) : fileHandle(target as File, flags);
  }

  readdir(path: string): VfsDirEntry[] {
    const directory = this.#lookup(path, true);
    if (directory.type !== 'directory') fail(Errno.NOTDIR, `${path} is not a directory`);
    return [...(directory as Directory).entries].map(([name, entry]) => ({ name, type: entry.type, inode: entry.inode }));
  }

  mkdir(path: string): void {
    const { directory, name } = this.#parent(path);
    if (directory.entries.has(name)) fail(Errno.EXIST, `${path} exists`);
    directory.entries.set(name, node<Directory>({ type: 'directory', entries: new Map() }));
  }

  unlink(path: string): void {
    const { directory, name } = this.#parent(path);
    const target = directory.entries.get(name);
    if (target === undefined) fail(Errno.NOENT, `${path}: no such node`);
    if (target?.type === 'directory') fail(Errno.ISDIR, `${path} is a directory`);
    directory.entries.delete(name);
    if (target !== undefined) target.links--;
  }

  rmdir(path: string): void {
    const { directory, name } = this.#parent(path);
    const target = directory.entries.get(name);
    if (target === undefined) fail(Errno.NOENT, `${path}: no such node`);
    if (target?.type !== 'directory') fail(Errno.NOTDIR, `${path} is not a directory`);
    if ((target as Directory).entries.size > 0) fail(Errno.NOTEMPTY, `${path} is not empty`);
    directory.entries.delete(name);
  }

  rename(from: string, to: string): void {
    const source = this.#parent(from);
    const moved = source.directory.entries.get(source.name);
    if (moved === undefined) fail(Errno.NOENT, `${from}: no such node`);
    const target = this.#parent(to);
    const replaced = target.directory.entries.get(target.name);
    if (replaced === moved) return;
    if (replaced !== undefined) replaced.links--;
    source.directory.entries.delete(source.name);
    target.directory.entries.set(target.name, moved as MemoryNode);
  }

  symlink(target: string, path: string): void {
    const { directory, name } = this.#parent(path);
    if (directory.entries.has(name)) fail(Errno.EXIST, `${path} exists`);
    directory.entries.set(name, node<Symlink>({ type: 'symlink', target }));
  }

  link(from: string, to: string, followSymlinks: boolean): void {
    const target = this.#lookup(from, followSymlinks);
    if (target.type === 'directory') fail(Errno.PERM, `${from} is a directory`);
    const { directory, name } = this.#parent(to);
    if (directory.entries.has(name)) fail(Errno.EXIST, `${to} exists`);
    directory.entries.set(name, target);
    target.links++;
  }

  setTimes(path: string, times: VfsTimes, followSymlinks: boolean): void {
    const target = this.#lookup(path, followSymlinks);
    if (times.modification !== undefined) target.modificationTime = times.modification;
    if (times.access !== undefined) target.accessTime = times.access;
  }

  readlink(path: string): string {
    const link = this.#lookup(path, false);
    if (link.type !== 'symlink') fail(Errno.INVAL, `${path} is not a symlink`);
    return (link as Symlink).target;
  }

  /* ---- test set-up ---- */

  /** Creates `path` (and its parents) with `content`. */
  writeFile(path: string, content: string | Uint8Array): void {
    this.mkdirs(path.slice(0, path.lastIndexOf('/')) || '/');
    const handle = this.open(path, { read: false, write: true, create: true, exclusive: false, truncate: true, append: false });
    handle.write(typeof content === 'string' ? new TextEncoder().encode(content) : content, 0);
    handle.close();
  }

  mkdirs(path: string): void {
    let walked = '';
    for (const element of path.split('/').filter((e) => e !== '')) {
      walked += `/${element}`;
      try { this.mkdir(walked); } catch (error) { if (!(error instanceof VfsError) || error.errno !== Errno.EXIST) throw error; }
    }
  }

  /** Adds a device; a terminal gets the companion `.NAME/info` of Genode's terminal plugin. */
  addDevice(path: string, device: MemoryDevice): void {
    const { directory, name } = this.#parent(path);
    directory.entries.set(name, node<Device>({ type: 'character_device', device }));
    const size = device.terminalSize?.();
    if (size !== undefined) {
      this.writeFile(`${path.slice(0, path.lastIndexOf('/'))}/.${name}/info`, `<terminal rows="${size.rows}" columns="${size.columns}"/>`);
    }
  }

  /** The content of a file. */
  readFile(path: string): Uint8Array {
    const file = this.#lookup(path, true);
    if (file.type !== 'file') fail(Errno.ISDIR, `${path} is no file`);
    return (file as File).data.slice(0, (file as File).size);
  }

}

function normalise(path: string): string {
  const out: string[] = [];
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') out.pop(); else out.push(element);
  }
  return '/' + out.join('/');
}

function statOf(target: MemoryNode): VfsStat {
  const size = target.type === 'file' ? target.size : target.type === 'symlink' ? target.target.length : 0;
  const links = target.type === 'directory' ? 2 + [...target.entries.values()].filter((entry) => entry.type === 'directory').length : target.links;
  return {
    type: target.type as VfsNodeType, size, inode: target.inode, modificationTime: target.modificationTime, accessTime: target.accessTime,
    links, writeable: true,
  };
}

function fileHandle(file: File, flags: OpenFlags): VfsHandle & { setTimes(times: VfsTimes): void } {
  const resize = (size: number) => {
    if (size > file.data.length) {
      const grown = new Uint8Array(Math.max(size, file.data.length * 2));
      grown.set(file.data.subarray(0, file.size));
      file.data = grown;
    } else if (size < file.size) {
      file.data.fill(0, size, file.size);
    }
    file.size = size;
  };
  return {
    read(buffer, offset) {
      if (!flags.read) fail(Errno.BADF, 'not open for reading');
      const length = Math.max(0, Math.min(buffer.length, file.size - offset));
      buffer.set(file.data.subarray(offset, offset + length));
      return length;
    },
    write(data, offset) {
      if (!flags.write) fail(Errno.BADF, 'not open for writing');
      const at = flags.append ? file.size : offset;
      if (at + data.length > file.size) resize(at + data.length);
      file.data.set(data, at);
      file.modificationTime = now();
      return data.length;
    },
    stat: () => statOf(file),
    truncate(size) { resize(size); file.modificationTime = now(); },
    sync() {},
    readReady: () => true,
    waitReadReady: () => true,
    close() {},
    setTimes(times) {
      if (times.modification !== undefined) file.modificationTime = times.modification;
      if (times.access !== undefined) file.accessTime = times.access;
    },
  };
}

function deviceHandle(target: Device): VfsHandle {
  const { device } = target;
  return {
    read: (buffer) => device.read(buffer),
    write: (data) => device.write(data),
    stat: () => statOf(target),
    truncate: () => fail(Errno.INVAL, 'truncate a device'),
    sync() {},
    readReady: () => device.readReady(),
    waitReadReady: (timeout) => device.waitReadReady(timeout),
    close() {},
  };
}

/**
 * A terminal whose input is a script: each time the program waits for
 * input, the next chunk arrives (typing without timing).
 */
export class ScriptedTerminal implements MemoryDevice {
  readonly #chunks: Uint8Array[];
  #pending: Uint8Array = new Uint8Array(0);
  readonly output: number[] = [];
  constructor(chunks: readonly string[]) {
    this.#chunks = chunks.map((chunk) => new TextEncoder().encode(chunk));
  }
  read(buffer: Uint8Array): number {
    if (this.#pending.length === 0) {
      if (this.#chunks.length === 0) return 0; /* end of input: the user closed the terminal */
      fail(Errno.AGAIN, 'nothing typed yet');
    }
    const length = Math.min(buffer.length, this.#pending.length);
    buffer.set(this.#pending.subarray(0, length));
    this.#pending = this.#pending.subarray(length);
    return length;
  }
  write(data: Uint8Array): number {
    this.output.push(...data);
    return data.length;
  }
  readReady(): boolean {
    return this.#pending.length > 0 || this.#chunks.length === 0;
  }
  waitReadReady(): boolean {
    if (this.#pending.length === 0) this.#pending = this.#chunks.shift() ?? new Uint8Array(0);
    return true;
  }
  terminalSize(): { columns: number; rows: number } {
    return { columns: 80, rows: 24 };
  }
  get text(): string {
    return new TextDecoder().decode(new Uint8Array(this.output));
  }
}
