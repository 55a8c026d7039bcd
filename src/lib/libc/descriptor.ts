/*
 * An open file descriptor of a program: a directory (a path the path_*
 * calls resolve against), an open VFS file, or a standard stream that
 * leads nowhere. Each carries WASI rights and fdflags; the rights are what
 * the program asked for, narrowed to what the kind of node and the open
 * mode permit (as the reference implementation computes them).
 */

import { VfsError, type Vfs, type VfsDirEntry, type VfsHandle, type VfsNodeType } from '../vfs/interface.js';
import {
  FileType, RIGHTS_CHARACTER_DEVICE, RIGHTS_DIRECTORY, RIGHTS_DIRECTORY_INHERITING, RIGHTS_REGULAR_FILE,
  RIGHTS_TERMINAL, Right,
} from './wasi_abi.js';

export interface Rights {
  base: bigint;
  inheriting: bigint;
}

/** A directory; path_* calls resolve relative paths against `path`. */
export class DirectoryDescriptor {
  readonly kind = 'directory';
  flags = 0;
  /** The listing fd_readdir pages through; taken anew when a program reads from cookie 0. */
  listing: readonly VfsDirEntry[] = [];
  constructor(readonly path: string, readonly rights: Rights, readonly preopenName?: string) {}
  get fileType(): number { return FileType.DIRECTORY; }
}

/** An open VFS file (regular file or character device). */
export class FileDescriptor {
  readonly kind = 'file';
  offset = 0;
  /** Descriptor numbers sharing this open file (stdout and stderr on one path); the handle closes with the last. */
  shares = 1;
  /** Written (or truncated) since its modification time was last set (file_status.ts). */
  modified = false;
  constructor(
    readonly path: string,
    readonly handle: VfsHandle,
    readonly fileType: number,
    /** A terminal: reads may block, seek is ESPIPE, isatty() is true. */
    readonly terminal: boolean,
    readonly rights: Rights,
    public flags: number,
  ) {}
}

/** A standard stream without a `<libc>` path: writes vanish, reads find the end. */
export class NowhereDescriptor {
  readonly kind = 'nowhere';
  flags = 0;
  readonly rights: Rights = { base: RIGHTS_CHARACTER_DEVICE, inheriting: 0n };
  get fileType(): number { return FileType.CHARACTER_DEVICE; }
}

export type Descriptor = DirectoryDescriptor | FileDescriptor | NowhereDescriptor;

export function fileTypeOf(type: VfsNodeType): number {
  switch (type) {
    case 'directory': return FileType.DIRECTORY;
    case 'file': return FileType.REGULAR_FILE;
    case 'symlink': return FileType.SYMBOLIC_LINK;
    case 'character_device': return FileType.CHARACTER_DEVICE;
  }
}

/**
 * Whether the character device at `path` is a terminal. The VFS has no
 * ioctl; as Genode's libc does for TIOCGWINSZ, the runtime looks for the
 * terminal plugin's companion file `.NAME/info` (`<terminal rows columns/>`)
 * beside the device.
 */
export function isTerminal(vfs: Vfs, path: string): boolean {
  const slash = path.lastIndexOf('/');
  const info = `${path.slice(0, slash)}/.${path.slice(slash + 1)}/info`;
  try {
    const handle = vfs.open(info, { read: true, write: false, create: false, exclusive: false, truncate: false, append: false });
    try {
      const buffer = new Uint8Array(64);
      const length = handle.read(buffer, 0);
      return new TextDecoder().decode(buffer.subarray(0, length)).trimStart().startsWith('<terminal');
    } finally {
      handle.close();
    }
  } catch (error) {
    if (error instanceof VfsError) return false;
    throw error;
  }
}

/** The most a descriptor of `fileType` opened for `read`/`write` may do. */
export function maximalRights(fileType: number, terminal: boolean, read: boolean, write: boolean): Rights {
  let base: bigint;
  let inheriting = 0n;
  if (fileType === FileType.DIRECTORY) {
    base = RIGHTS_DIRECTORY;
    inheriting = RIGHTS_DIRECTORY_INHERITING;
  } else if (terminal) {
    base = RIGHTS_TERMINAL;
  } else if (fileType === FileType.CHARACTER_DEVICE) {
    base = RIGHTS_CHARACTER_DEVICE;
  } else {
    base = RIGHTS_REGULAR_FILE;
  }
  if (!read) base &= ~Right.FD_READ;
  if (!write) base &= ~Right.FD_WRITE;
  return { base, inheriting };
}

/** Drops one descriptor number's reference; the VFS handle closes with the last. */
export function releaseDescriptor(descriptor: Descriptor): void {
  if (descriptor.kind !== 'file') return;
  descriptor.shares--;
  if (descriptor.shares === 0) descriptor.handle.close();
}
