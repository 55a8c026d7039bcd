/*
 * What a `<vfs>` certainly holds: its directories and named single-file
 * plugins. Archives, `<fs>`, `<ram>` and `<import>` may hold anything, so a
 * path below them is possible; a path the config certainly does not give
 * is one a program's `<libc stdout="...">` will not open.
 */

import type { XmlNode } from '../../../util/xml.js';

const SINGLE_FILES = new Set(['rom', 'inline', 'null', 'zero', 'log', 'rtc', 'terminal', 'symlink']);
const OPAQUE = new Set(['tar', 'fs', 'ram', 'import']);

interface Directory {
  readonly entries: Map<string, Directory | 'file'>;
  /** Something in it may hold any name. */
  opaque: boolean;
}

function build(node: XmlNode, into: Directory): void {
  for (const child of node.children()) {
    if (child.type === 'dir') {
      const name = child.stringAttribute('name', '');
      const existing = into.entries.get(name);
      const sub: Directory = existing !== undefined && existing !== 'file' ? existing : { entries: new Map(), opaque: false };
      into.entries.set(name, sub);
      build(child, sub);
    } else if (SINGLE_FILES.has(child.type)) {
      into.entries.set(child.stringAttribute('name', child.type), 'file');
    } else if (OPAQUE.has(child.type)) {
      into.opaque = true;
    }
  }
}

export type PathLookup = { readonly found: true } | { readonly found: false; readonly known: readonly string[] } | { readonly found: undefined };

/**
 * Whether `path` is in the VFS of `vfs`: found, certainly missing (with
 * the paths that are there, for a "did you mean"), or unknown (below an
 * archive or a mount).
 */
export function lookupVfsPath(vfs: XmlNode | undefined, path: string): PathLookup {
  const root: Directory = { entries: new Map(), opaque: false };
  if (vfs !== undefined) build(vfs, root);
  let at: Directory = root;
  for (const element of path.split('/').filter((part) => part !== '' && part !== '.')) {
    const next = at.entries.get(element);
    if (next === undefined) return at.opaque ? { found: undefined } : { found: false, known: knownPaths(root, '') };
    if (next === 'file') return { found: true };
    at = next;
  }
  return { found: true };
}

function knownPaths(dir: Directory, prefix: string): string[] {
  return [...dir.entries].flatMap(([name, entry]) => {
    const path = `${prefix}/${name}`;
    return entry === 'file' ? [path] : [path, ...knownPaths(entry, path)];
  });
}
