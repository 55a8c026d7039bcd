/*
 * File_system session (spec/runtime.md §3): nodes are opened by path or by
 * directory handle and name, and answered with handles; control operations
 * are RPCs, file data moves through the session's packet stream (a bulk
 * buffer and submit/acknowledgement queues in shared memory, see
 * packet_queue.ts). Reading a directory handle yields its entries
 * (directory_entry.ts). docs/file_system.md describes the whole session.
 *
 * Errors are the classes below (Genode's File_system exceptions); a client
 * maps them to errno values.
 */

import type { SignalContextCapability } from '../../base/capability.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { NidoError, registerErrors } from '../../base/errors.js';
import { defineInterface } from '../../base/interface.js';

export class InvalidHandle extends NidoError {}
export class InvalidName extends NidoError {}
export class LookupFailed extends NidoError {}
export class NameTooLong extends NidoError {}
export class NodeAlreadyExists extends NidoError {}
export class NoSpace extends NidoError {}
export class NotEmpty extends NidoError {}
export class PermissionDenied extends NidoError {}
export class Unavailable extends NidoError {}

registerErrors(InvalidHandle, InvalidName, LookupFailed, NameTooLong, NodeAlreadyExists, NoSpace, NotEmpty, PermissionDenied, Unavailable);

/** Access modes of an opened node. */
export const STAT_ONLY = 0;
export const READ_ONLY = 1;
export const WRITE_ONLY = 2;
export const READ_WRITE = 3;
export type Mode = typeof STAT_ONLY | typeof READ_ONLY | typeof WRITE_ONLY | typeof READ_WRITE;

export type NodeType = 'directory' | 'symlink' | 'continuous_file' | 'transactional_file';

export interface NodeStatus {
  readonly size: number;
  readonly type: NodeType;
  readonly readable: boolean;
  readonly writeable: boolean;
  readonly executable: boolean;
  readonly inode: number;
  /** Modification time, seconds since the epoch. */
  readonly modificationTime: number;
  /** The node's names (hard links; a directory's as in POSIX); absent where a server does not count them (1). */
  readonly links?: number;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly type: NodeType;
  readonly inode: number;
}

/** Longest name of a node, longest path (spec/runtime.md §2). */
export const MAX_NAME_LENGTH = 128;
export const MAX_PATH_LENGTH = 1024;

export interface FileSystem {
  /** Opens (or with `create` creates) the file `name` in directory `dir`. */
  file(dir: number, name: string, mode: Mode, create: boolean): number;
  symlink(dir: number, name: string, create: boolean): number;
  /** Opens (or creates) the directory at `path` (absolute within the session's root). */
  dir(path: string, create: boolean): number;
  /** Opens any node at `path` for status queries. */
  node(path: string): number;
  /** A handle whose node's changes are reported as CONTENT_CHANGED packets. */
  watch(path: string): number;
  /**
   * Closes a handle (Genode's close). Named apart because `close` of a
   * session object is the end of the session (SessionHooks.close).
   */
  closeHandle(handle: number): void;
  status(handle: number): NodeStatus;
  unlink(dir: number, name: string): void;
  truncate(file: number, size: number): void;
  move(fromDir: number, fromName: string, toDir: number, toName: string): void;
  /**
   * Gives the file or symlink `fromName` of `fromDir` the further name
   * `toName` in `toDir` (a hard link; Nido's addition to Genode's
   * session). A directory, or a server without hard links, is
   * PermissionDenied; an existing `toName` NodeAlreadyExists.
   */
  link(fromDir: number, fromName: string, toDir: number, toName: string): void;
  numEntries(dir: number): number;
  /** The packet stream's shared memory (allocated by the server from the session quota, `tx_buf_size` bytes of bulk buffer). */
  packetStream(): DataspaceHandle;
  /** Signalled when the server posted CONTENT_CHANGED packets (acknowledgements are awaited on the shared memory itself). */
  sigh(handler: SignalContextCapability): void;
  /** Answers at once: a client blocked on the packet stream asks it to tell a busy server from a gone one. */
  ping(): void;
}

export const FileSystem = defineInterface<FileSystem>('File_system', [
  'file', 'symlink', 'dir', 'node', 'watch', 'closeHandle', 'status', 'unlink', 'truncate', 'move', 'link', 'numEntries', 'packetStream',
  'sigh', 'ping',
]);

/**
 * RAM a session needs at the server besides its packet stream (handles,
 * bookkeeping). What a client donates beyond this and the packet stream
 * (`packetStreamSize(tx_buf_size)`) is the storage it pays for at a file
 * system that keeps data in RAM (ram_fs).
 */
export const FILE_SYSTEM_SESSION_RAM = 32 * 1024;
export const FILE_SYSTEM_SESSION_CAPS = 4;
/** Default size of the packet stream's bulk buffer. */
export const DEFAULT_TX_BUF_SIZE = 128 * 1024;
/** Largest bulk buffer a server accepts. */
export const MAX_TX_BUF_SIZE = 64 * 1024 * 1024;
