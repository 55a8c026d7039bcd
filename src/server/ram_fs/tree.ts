/*
 * The file system of ram_fs as a whole: the root directory, where file
 * data lives (block store), what may be stored (space), and the creation
 * of nodes with their inode numbers and costs. Sessions see sub-trees of
 * it, confined by their policy's root.
 */

import { LookupFailed, NoSpace, type Client, type Pd } from 'nido';
import { BlockStore } from './block_store.js';
import { FileData } from './file_data.js';
import { Directory, File, NODE_COST, Symlink, SYMLINK_COST, type Node } from './node.js';
import { Space } from './space.js';

export class Tree {
  readonly space = new Space();
  readonly store: BlockStore;
  readonly root: Directory;
  #inodes = 0;

  constructor(pd: Client<Pd>, warning: (message: string) => void) {
    this.store = new BlockStore(pd, { paid: () => this.space.capacity, warning });
    this.root = new Directory(++this.#inodes);
    this.root.names = 1;
  }

  #charge(cost: number, what: string): void {
    if (!this.space.charge(cost)) {
      throw new NoSpace(`no space left for ${what} (${this.space.used} of ${this.space.capacity} bytes used)`);
    }
  }

  /** A new, empty file (not yet in a directory); NoSpace when its cost does not fit. */
  newFile(name: string): File {
    this.#charge(NODE_COST, `file "${name}"`);
    return new File(++this.#inodes, new FileData(this.store, this.space));
  }

  newDirectory(name: string): Directory {
    this.#charge(NODE_COST, `directory "${name}"`);
    return new Directory(++this.#inodes);
  }

  newSymlink(name: string): Symlink {
    this.#charge(SYMLINK_COST, `symlink "${name}"`);
    return new Symlink(++this.#inodes);
  }

  /** Pays for a further name of a node (a hard link). */
  newName(name: string): void {
    this.#charge(NODE_COST, `name "${name}"`);
  }

  /**
   * A name of `node` went: a node with names left gives back that name's
   * cost; one without is freed once no handle refers to it (`open`).
   */
  unnamed(node: Node, open: boolean): void {
    if (node.names > 0) this.space.release(NODE_COST);
    else if (!open) this.destroy(node);
  }

  /** Gives back what a node removed from the tree cost, once no handle refers to it any more. */
  destroy(node: Node): void {
    if (node instanceof File) node.data.release();
    this.space.release(node instanceof Symlink ? SYMLINK_COST : NODE_COST);
  }

  /** The node at `elements` below `from`; LookupFailed naming `path` when there is none. */
  lookup(from: Directory, elements: readonly string[], path: string): Node {
    let node: Node = from;
    for (const name of elements) {
      const next: Node | undefined = node instanceof Directory ? node.entries.get(name) : undefined;
      if (next === undefined) throw new LookupFailed(`"${path}" does not exist`);
      node = next;
    }
    return node;
  }
}
