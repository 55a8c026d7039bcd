/*
 * Lookup in a tree of nodes held inside the component (ram, tar): walks a
 * path element by element without following symlinks, and reports a
 * symlink met before the last element as SymlinkOnPath (interface.ts), so
 * that the Vfs resolves it. Also what such a tree's directories answer as
 * their link count.
 */

import { SymlinkOnPath, type VfsError } from './interface.js';
import { noEntry, notDirectory } from './errors.js';
import { pathElements } from './path.js';

/** What a walkable node looks like: directories have entries. */
export interface TreeNode {
  readonly kind: 'directory' | 'file' | 'symlink';
  readonly entries?: ReadonlyMap<string, TreeNode>;
}

/**
 * The node at `path` below `root`, undefined when there is none (or an
 * element on the way is a file). Throws SymlinkOnPath for a symlink before
 * the last element.
 */
export function lookupNode<N extends TreeNode>(root: N, path: string): N | undefined {
  const elements = pathElements(path);
  let node: N = root;
  for (let i = 0; i < elements.length; i++) {
    if (node.kind === 'symlink') throw new SymlinkOnPath(elements.length - i);
    const next = node.entries?.get(elements[i] ?? '');
    if (next === undefined) return undefined;
    node = next as N;
  }
  return node;
}

/** The error for a `path` that lookupNode did not find: ENOTDIR when the way leads through a file, else ENOENT. */
export function missingNode(root: TreeNode, path: string): VfsError {
  const elements = pathElements(path);
  let node: TreeNode = root;
  for (let i = 0; i < elements.length - 1; i++) {
    const next = node.entries?.get(elements[i] ?? '');
    if (next === undefined) return noEntry(path);
    node = next;
  }
  return node.kind === 'directory' ? noEntry(path) : notDirectory(path);
}

/** A directory's names as POSIX counts them: its entry in its parent, its own '.', and each subdirectory's '..'. */
export function directoryLinks(directory: TreeNode): number {
  let links = 2;
  for (const entry of directory.entries?.values() ?? []) if (entry.kind === 'directory') links++;
  return links;
}
