/*
 * Open files, as a Unix kernel keeps them: what descriptors refer to.
 * dup and fork share one open file between descriptors and processes,
 * with its offset and status flags (O_APPEND, O_NONBLOCK), as POSIX's
 * "open file description"; it closes with its last descriptor.
 *
 * A read or write that cannot proceed now answers 'wait': the system
 * call waits on the file's queues and tries again (syscalls.ts).
 */

import type { NouxStat, VfsTimes } from 'nido';
import type { WaitQueue } from './wait_queue.js';

export interface Readiness {
  readonly read: boolean;
  readonly write: boolean;
  /** Bytes a read would get now (at least 1 when readable and unknown). */
  readonly bytes: number;
  readonly hangup: boolean;
}

export interface OpenFile {
  refs: number;
  /** WASI fdflags: APPEND, NONBLOCK. */
  flags: number;
  readonly filetype: number;
  readonly readable: boolean;
  readonly writable: boolean;
  /** A terminal: isatty() is true, the terminal requests work. */
  readonly terminal: boolean;
  /** The absolute path of a file or directory (undefined for pipes and the terminal). */
  readonly path: string | undefined;
  /** Reads into `into` (at most its length): how many bytes; `offset` -1: at (and advancing) the file's own offset. */
  read(into: Uint8Array, offset: number): number | 'wait';
  write(data: Uint8Array, offset: number): number | 'wait';
  seek(offset: number, whence: number): number;
  stat(): NouxStat | number;
  readiness(): Readiness;
  /** Where a caller waits when read or write answered 'wait' (empty: try again after a pause). */
  queues(): WaitQueue[];
  /** Changes may come without a wake of its queues: a waiting poll also looks again after a pause. */
  readonly wakesLate?: boolean;
  close(): void;
  setSize?(size: number): number;
  sync?(): number;
  setTimes?(times: VfsTimes): number;
}
