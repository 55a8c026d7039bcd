/*
 * A handle of a vfs-server session: the node's path in the VFS, what kind
 * of node it was opened as, and for files the VFS handle that reads and
 * writes it. A symlink created through the session exists once its
 * target is written (the VFS makes symlinks with their target).
 */

import type { Mode, NodeStatus, NodeType } from 'nido';
import type { VfsHandle, VfsStat } from '../../lib/vfs/interface.js';

export type OpenKind = 'file' | 'directory' | 'symlink' | 'node';

export class OpenNode {
  /** Whether the session wrote through this handle (its watchers hear of it on close or sync). */
  written = false;

  constructor(
    readonly kind: OpenKind,
    readonly path: string,
    readonly mode: Mode,
    /** The VFS handle of an opened file. */
    readonly file: VfsHandle | undefined,
  ) {}

  get readable(): boolean {
    return this.mode === 1 || this.mode === 3;
  }

  get writeable(): boolean {
    return this.mode >= 2;
  }
}

function nodeType(stat: VfsStat): NodeType {
  if (stat.type === 'directory' || stat.type === 'symlink') return stat.type;
  /* devices (log, terminal, null) stream: Genode calls them continuous files */
  return 'continuous_file';
}

/** A VFS status as a File_system NodeStatus; `writeable` as the session may. */
export function nodeStatus(stat: VfsStat, writeable: boolean): NodeStatus {
  return {
    size: stat.size,
    type: nodeType(stat),
    readable: true,
    writeable: writeable && stat.writeable,
    executable: stat.type === 'directory',
    inode: stat.inode,
    modificationTime: Number(stat.modificationTime / 1_000_000_000n),
    links: stat.links ?? 1,
  };
}
