/*
 * The nodes of ram_fs: directories, files and symlinks. A directory has
 * one name in one directory; a file or symlink may have several (hard
 * links), and its names are counted. A node without names lives on while
 * handles refer to it, and a file's blocks go back when the last of them
 * is closed.
 *
 * Each node costs NODE_COST bytes of the file system's space (its name and
 * bookkeeping), each further name NODE_COST too, so that creating empty
 * nodes or names cannot exhaust the server.
 */

import { MAX_PATH_LENGTH, type NodeType } from 'nido';
import type { FileData } from './file_data.js';

export const NODE_COST = 512;
/** A symlink also pays for the longest target it may hold. */
export const SYMLINK_COST = NODE_COST + MAX_PATH_LENGTH;

/** A handle that watches a node: told about every change. */
export interface Watcher {
  changed(): void;
}

export abstract class Node {
  abstract readonly type: NodeType;
  /** Seconds since the epoch; only WRITE_TIMESTAMP sets it (ram_fs has no clock, as in Genode). */
  modificationTime = 0;
  /** Names in directories (a directory's at most one). */
  names = 0;
  /** Handles open on the node. */
  openCount = 0;
  readonly watchers = new Set<Watcher>();

  constructor(readonly inode: number) {}

  abstract get size(): number;

  /** The link count a stat answers (POSIX: a directory's also counts its '.' and its subdirectories' '..'). */
  get links(): number {
    return this.names;
  }

  /** Tells every watcher. */
  notify(): void {
    for (const watcher of this.watchers) watcher.changed();
  }
}

export class Directory extends Node {
  readonly type = 'directory';
  readonly entries = new Map<string, Node>();
  /** The directory holding this one (a directory has one name). */
  parent: Directory | undefined;

  get size(): number {
    return this.entries.size;
  }

  override get links(): number {
    let links = 2;
    for (const entry of this.entries.values()) if (entry instanceof Directory) links++;
    return links;
  }

  /** Names `node` `name` here. */
  adopt(name: string, node: Node): void {
    this.entries.set(name, node);
    node.names++;
    if (node instanceof Directory) node.parent = this;
  }

  /** Takes the name `name` away; answers the node it named. */
  discard(name: string): Node | undefined {
    const node = this.entries.get(name);
    if (node === undefined) return undefined;
    this.entries.delete(name);
    node.names--;
    if (node instanceof Directory) node.parent = undefined;
    return node;
  }

  /** Whether `ancestor` is this directory or contains it. */
  within(ancestor: Directory): boolean {
    for (let node: Directory | undefined = this; node !== undefined; node = node.parent) if (node === ancestor) return true;
    return false;
  }
}

export class File extends Node {
  readonly type = 'continuous_file';

  constructor(inode: number, readonly data: FileData) {
    super(inode);
  }

  get size(): number {
    return this.data.size;
  }
}

export class Symlink extends Node {
  readonly type = 'symlink';
  target: Uint8Array = new Uint8Array(0);

  get size(): number {
    return this.target.length;
  }

  /** Writes `bytes` at `position` of the target, cutting what followed (a target is written whole). */
  write(bytes: Uint8Array, position: number): number {
    const end = Math.min(MAX_PATH_LENGTH, position + bytes.length);
    if (position > this.target.length || end <= position) return 0;
    const target = new Uint8Array(end);
    target.set(this.target.subarray(0, position));
    target.set(bytes.subarray(0, end - position), position);
    this.target = target;
    return end - position;
  }
}
