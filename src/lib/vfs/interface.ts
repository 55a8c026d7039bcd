/*
 * The VFS as the C runtime sees it (spec/runtime.md §2): a tree of
 * directories and plugins built from a component's `<vfs>` config, with
 * POSIX semantics and errno values. Every call is synchronous: plugins
 * inside the component answer at once, plugins that reach a server use the
 * synchronous RPC path and block the component's thread.
 *
 * Paths are absolute, '/'-separated, normalised ('.' and '..' resolved,
 * no trailing slash except the root).
 *
 * Refinements since the first version (each one compatible with it):
 * - OpenFlags.noFollow (optional): a symlink as the last element is not
 *   followed but refused with ELOOP (WASI path_open without
 *   SYMLINK_FOLLOW, POSIX O_NOFOLLOW).
 * - Times: VfsHandle.setTimes (optional) sets a node's modification and
 *   access time where a plugin keeps them (ram both, fs the modification
 *   time, Genode's WRITE_TIMESTAMP); FileSystemPlugin.setTimes (optional)
 *   does it by path without following a symlink, so a link's own times
 *   can be set; Vfs.setTimes(path, times, followSymlinks). Without effect
 *   where a plugin keeps no times. VfsStat.accessTime (optional) where a
 *   plugin keeps one apart from the modification time.
 * - Hard links: Vfs.link and FileSystemPlugin.link give an existing node
 *   a further name (ram; fs through its server); plugins without links
 *   refuse (EPERM, EROFS for read-only ones), two plugins EXDEV.
 *   VfsStat.links (optional, default 1) counts a node's names.
 * - Opening a directory (read only) gives a handle whose stat() works and
 *   whose read() throws EISDIR; opening one for writing is EISDIR. Its
 *   entries come from Vfs.readdir(path).
 * - SymlinkOnPath: the plugin contract says how a plugin reports a
 *   symlink it met on the way (plugins never follow symlinks; the Vfs
 *   resolves them, up to 40 in a row, then ELOOP).
 * - createVfs (create_vfs.ts) builds a Vfs from `<vfs>`; the result also
 *   has close(), which ends the sessions its plugins hold.
 */

/** POSIX errno values as WASI preview 1 numbers them (the C runtime passes them through). */
export const Errno = {
  SUCCESS: 0, ACCES: 2, AGAIN: 6, BADF: 8, BUSY: 10, EXIST: 20, FAULT: 21, FBIG: 22, INVAL: 28, IO: 29, ISDIR: 31,
  LOOP: 32, MFILE: 33, NAMETOOLONG: 37, NOENT: 44, NOMEM: 48, NOSPC: 51, NOSYS: 52, NOTDIR: 54, NOTEMPTY: 55,
  NOTSUP: 58, NOTTY: 59, PERM: 63, PIPE: 64, ROFS: 69, SPIPE: 70, XDEV: 75,
} as const;
export type ErrnoValue = (typeof Errno)[keyof typeof Errno];

/** A failed VFS operation; `errno` is one of Errno. */
export class VfsError extends Error {
  constructor(readonly errno: ErrnoValue, message: string) {
    super(message);
    this.name = 'VfsError';
  }
}

export type VfsNodeType = 'directory' | 'file' | 'symlink' | 'character_device';

export interface VfsStat {
  readonly type: VfsNodeType;
  readonly size: number;
  readonly inode: number;
  /** Nanoseconds since the epoch. */
  readonly modificationTime: bigint;
  /** Nanoseconds since the epoch; absent where a plugin keeps no access time of its own (the modification time stands in). */
  readonly accessTime?: bigint;
  /** The node's names (hard links; a directory's `.` and its subdirectories' `..` count, as in POSIX); absent: 1. */
  readonly links?: number;
  readonly writeable: boolean;
}

/** Times a set-times call asks for, nanoseconds since the epoch; an absent one stays as it is. */
export interface VfsTimes {
  readonly access?: bigint;
  readonly modification?: bigint;
}

export interface VfsDirEntry {
  readonly name: string;
  readonly type: VfsNodeType;
  readonly inode: number;
}

export interface OpenFlags {
  readonly read: boolean;
  readonly write: boolean;
  readonly create: boolean;
  readonly exclusive: boolean;
  readonly truncate: boolean;
  readonly append: boolean;
  /** Refuse a symlink as the last element with ELOOP instead of following it (default: follow). */
  readonly noFollow?: boolean;
}

/** An open file. */
export interface VfsHandle {
  /** Reads into `buffer` at `offset`; answers the bytes read (0 at the end). Throws VfsError(AGAIN) when a device has nothing now. */
  read(buffer: Uint8Array, offset: number): number;
  /** Writes `data` at `offset` (ignored when appending); answers the bytes written. */
  write(data: Uint8Array, offset: number): number;
  stat(): VfsStat;
  truncate(size: number): void;
  sync(): void;
  /** Whether a read would not block (terminals, pipes); files are always ready. */
  readReady(): boolean;
  /** Blocks until readReady() or `timeoutNs` passed (undefined: no limit); answers readReady(). */
  waitReadReady(timeoutNs: bigint | undefined): boolean;
  /** Sets the node's times; absent where a plugin keeps no times. A plugin that keeps only the modification time ignores `access`. */
  setTimes?(times: VfsTimes): void;
  close(): void;
}

/**
 * Thrown by a plugin whose lookup met a symlink that the operation has to
 * follow: one before the last path element, or the last one of an
 * operation that follows it (open, readdir). `remaining` counts the path
 * elements after the symlink (0: the last element is the symlink), so the
 * Vfs finds the link's path whatever directory the plugin is mounted in,
 * reads it and tries again with the link replaced by its target. Its
 * errno, ELOOP, is what a caller sees if it ever escapes.
 */
export class SymlinkOnPath extends VfsError {
  constructor(readonly remaining: number) {
    super(Errno.LOOP, `symlink on the path (${remaining} elements before the end)`);
    this.name = 'SymlinkOnPath';
  }
}

/**
 * A file system mounted somewhere in the tree; paths are relative to its
 * mount point, starting with '/'. A plugin never follows a symlink: it
 * answers stat/readlink/unlink/rename of the link itself and throws
 * SymlinkOnPath where it would have to go through one.
 */
export interface FileSystemPlugin {
  /** Undefined when the plugin has no node at `path` (the next stacked plugin is asked); a symlink is not followed. */
  stat(path: string): VfsStat | undefined;
  open(path: string, flags: OpenFlags): VfsHandle;
  readdir(path: string): VfsDirEntry[];
  mkdir(path: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  /**
   * Gives the node at `from` (not followed: a symlink gets a further
   * name itself) the further name `to`, which does not exist. A plugin
   * without hard links refuses: EROFS if read only, else EPERM (Linux's
   * answer for a file system without links); `fs` asks its server.
   */
  link(from: string, to: string): void;
  /** Sets the times of the node at `path`, a symlink's own included; absent where the plugin keeps no times. */
  setTimes?(path: string, times: VfsTimes): void;
  /** Whether this plugin accepts creating `path` (first accepting plugin of a stacked directory gets it). */
  creatable(path: string): boolean;
}

/** The VFS of one component: the whole tree, every path absolute. */
export interface Vfs {
  stat(path: string, followSymlinks: boolean): VfsStat;
  open(path: string, flags: OpenFlags): VfsHandle;
  readdir(path: string): VfsDirEntry[];
  mkdir(path: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  /**
   * Gives the node at `from` the further name `to` (a hard link). With
   * `followSymlinks` a symlink at `from` is followed (linkat's
   * AT_SYMLINK_FOLLOW), else the link itself gets the name. Across
   * plugins EXDEV; a directory EPERM.
   */
  link(from: string, to: string, followSymlinks: boolean): void;
  /** Sets the times of the node at `path` (a symlink's own unless `followSymlinks`); without effect where the plugin keeps none. */
  setTimes(path: string, times: VfsTimes, followSymlinks: boolean): void;
}
