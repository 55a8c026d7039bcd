/*
 * The nodes of ram_fs: directories, files and symlinks. A node belongs to
 * at most one directory; an unlinked node lives on while handles refer to
 * it, and a file's blocks go back when the last of them is closed.
 *
 * Each node costs NODE_COST bytes of the file system's space (its name and
 * bookkeeping), so that creating empty nodes cannot exhaust the server.
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
  parent: Directory | undefined;
  /** Handles open on the node. */
  openCount = 0;
  readonly watchers = new Set<Watcher>();

  constructor(public name: string, readonly inode: number) {}

  abstract get size(): number;

  /** Tells every watcher. */
  notify(): void {
    for (const watcher of this.watchers) watcher.changed();
  }

  /** Whether `ancestor` is this node or contains it. */
  within(ancestor: Node): boolean {
    for (let node: Node | undefined = this; node !== undefined; node = node.parent) if (node === ancestor) return true;
    return false;
  }
}

export class Directory extends Node {
  readonly type = 'directory';
  readonly entries = new Map<string, Node>();

  get size(): number {
    return this.entries.size;
  }

  adopt(node: Node): void {
    node.parent = this;
    this.entries.set(node.name, node);
  }

  discard(node: Node): void {
    if (this.entries.get(node.name) === node) this.entries.delete(node.name);
    node.parent = undefined;
  }
}

export class File extends Node {
  readonly type = 'continuous_file';

  constructor(name: string, inode: number, readonly data: FileData) {
    super(name, inode);
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
