/*
 * What the plugins need from the component: sessions, opened while the
 * VFS is built (asynchronously) and used synchronously afterwards. The
 * component's Env provides them (env_services.ts); unit tests provide
 * fakes. Every resource has close(), called when the VFS is closed.
 */

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

export interface VfsServices {
  /** Opens the ROM module of session label `label` (RomModuleMissing when there is none). */
  openRom(label: string): Promise<RomModule>;
  /** Opens a LOG session with `label` ('' for the component's own label). */
  openLog(label: string): Promise<LogSink>;
  openClock(): Promise<Clock>;
  /** Opens a Terminal session with `label`. */
  openTerminal(label: string): Promise<TerminalDevice>;
  /** The account that `<ram>` file systems are paid from. */
  readonly ramAccount: RamAccount;
  /** Tells the user about something the VFS skipped. */
  warning(text: string): void;
  /** Ends what the services hold themselves (the RAM charges); called when the VFS is closed. */
  close?(): Promise<void>;
}
