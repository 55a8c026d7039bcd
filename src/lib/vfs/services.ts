/*
 * What the plugins need from the component: sessions, opened while the
 * VFS is built (asynchronously) and used synchronously afterwards. The
 * component's Env provides them (env_services.ts); unit tests provide
 * fakes. Every resource has close(), called when the VFS is closed.
 */

import type { DirectoryEntryRecord, Mode, NodeStatus } from 'nido';
import type { RamAccount } from './ram_account.js';

export interface Closeable {
  close(): Promise<void>;
}

/** A ROM module's content (a ROM session). */
export interface RomModule extends Closeable {
  /**
   * The content of the version last fetched (a view, not a copy): the
   * exact bytes of a version that arrived with the ROM's signal; after
   * updateInPlace, the whole memory of the module (zero-filled after the
   * content).
   */
  content(): Uint8Array;
  /** Fetches the newest version into the current memory if it fits there (synchronous). */
  updateInPlace(): void;
}

/** A LOG session. */
export interface LogSink extends Closeable {
  /** Writes one line (blocks until the LOG service took it). */
  write(line: string): void;
}

/** A time source (a Timer session). */
export interface Clock extends Closeable {
  /** Nanoseconds since the epoch, as far as the component can know (see rtc_file_system.ts). */
  now(): bigint;
  /** Blocks for `ms` milliseconds (for waiting on devices that cannot wake the blocked caller). */
  sleep(ms: number): void;
}

/** A Terminal session, called synchronously. */
export interface TerminalDevice extends Closeable {
  /** Up to `max` bytes available now (none: an empty array). */
  read(max: number): Uint8Array;
  /** Answers the bytes the terminal took. */
  write(data: Uint8Array): number;
  avail(): number;
  /** Whether the input ended for good. */
  eof(): boolean;
  size(): { readonly columns: number; readonly rows: number };
}

/**
 * A File_system session, called synchronously: the shape of nido's
 * BlockingFileSystemClient, which the component's services hand out.
 * Errors are the session's classes (LookupFailed, PermissionDenied, ...).
 */
export interface FileSystemSession {
  file(dir: number, name: string, mode: Mode, create: boolean): number;
  symlink(dir: number, name: string, create: boolean): number;
  dir(path: string, create: boolean): number;
  node(path: string): number;
  close(handle: number): void;
  status(handle: number): NodeStatus;
  unlink(dir: number, name: string): void;
  truncate(file: number, size: number): void;
  move(fromDir: number, fromName: string, toDir: number, toName: string): void;
  link(fromDir: number, fromName: string, toDir: number, toName: string): void;
  read(handle: number, buffer: Uint8Array, position: number): number;
  /** `position` SEEK_TAIL appends. */
  write(handle: number, data: Uint8Array, position: number): number;
  readdir(dir: number): DirectoryEntryRecord[];
  readSymlink(handle: number): string;
  writeSymlink(handle: number, target: string): void;
  sync(handle: number): void;
  writeTimestamp(handle: number, seconds: number): void;
}

export interface FileSystemMount extends Closeable {
  readonly session: FileSystemSession;
  /**
   * Donates `ram` more bytes of storage with the session (a session
   * upgrade, synchronous); false when the client cannot pay. Absent where
   * storage cannot grow.
   */
  donate?(ram: number): boolean;
}

export interface FileSystemOptions {
  readonly label: string;
  readonly writeable: boolean;
  /** Bytes of the packet stream's bulk buffer. */
  readonly bufferSize: number;
  /** RAM donated for storage at a server that keeps files in RAM (ram_fs). */
  readonly ram: number;
}

export interface VfsServices {
  /** Opens the ROM module of session label `label` (RomModuleMissing when there is none). */
  openRom(label: string): Promise<RomModule>;
  /** Opens a LOG session with `label` ('' for the component's own label). */
  openLog(label: string): Promise<LogSink>;
  openClock(): Promise<Clock>;
  /** Opens a File_system session. */
  openFileSystem(options: FileSystemOptions): Promise<FileSystemMount>;
  /** Opens a Terminal session with `label`. */
  openTerminal(label: string): Promise<TerminalDevice>;
  /** The account that `<ram>` file systems are paid from. */
  readonly ramAccount: RamAccount;
  /** Tells the user about something the VFS skipped. */
  warning(text: string): void;
  /** Ends what the services hold themselves (the RAM charges); called when the VFS is closed. */
  close?(): Promise<void>;
}
