/*
 * A pipe: a ring of 64 KiB between the descriptors of its two ends, as on
 * Linux, in a dataspace of noux's that the processes holding its ends
 * share (session/noux/pipe_ring.ts). Their runtimes read and write it
 * themselves (pipeRing tells a runtime where a descriptor's ring is); noux
 * keeps the count of open ends and each end's status flags in the ring's
 * header and answers poll, FIONREAD and stat from it.
 *
 * A runtime that changes the ring while noux watches it (a poll waits)
 * tells noux (pipeChanged), which wakes the poll; as noux's plain reads of
 * the header may miss a change made at the same moment, a poll on a pipe
 * also looks again every DEVICE_PAUSE_MS (syscalls.ts).
 */

import { PIPE_CAPACITY, PIPE_CELLS, PIPE_RING_BYTES, PipeCell, pipeFill, type DataspaceHandle, type Env } from 'nido';
import { FileType, WasiErrno } from './wasi.js';
import type { OpenFile, Readiness } from './open_file.js';
import { WaitQueue } from './wait_queue.js';

/** The rings of noux's pipes: dataspaces of noux's RAM. */
export class PipeRings {
  readonly #env: Env;

  constructor(env: Env) {
    this.#env = env;
  }

  take(): Promise<DataspaceHandle> {
    return this.#env.pd.alloc(PIPE_RING_BYTES);
  }

  /*
   * Freed, never reused: a process that noux killed may still run for a
   * moment and write into the rings it knew, which must then be no other
   * pipe's.
   */
  give(ring: DataspaceHandle): void {
    void this.#env.pd.free(ring.id).catch(() => undefined);
  }
}

export class Pipe {
  readonly cells: Int32Array;
  /** Woken when a runtime reports a change (pipeChanged) and when an end closes. */
  readonly changed: WaitQueue;
  #readers = 0;
  #writers = 0;

  constructor(readonly ring: DataspaceHandle, readonly inode: number, readonly rings: PipeRings) {
    this.cells = new Int32Array(ring.buffer, 0, PIPE_CELLS);
    /* While a poll waits on the pipe, a runtime that changes it says so. */
    this.changed = new WaitQueue((waiting) => {
      this.cells[PipeCell.WATCH] = waiting;
    });
  }

  get size(): number {
    return pipeFill(this.cells);
  }

  get readers(): number {
    return this.#readers;
  }

  get writers(): number {
    return this.#writers;
  }

  opened(end: 'read' | 'write'): void {
    if (end === 'read') this.cells[PipeCell.READERS] = ++this.#readers;
    else this.cells[PipeCell.WRITERS] = ++this.#writers;
  }

  closed(end: 'read' | 'write'): void {
    if (end === 'read') this.cells[PipeCell.READERS] = --this.#readers;
    else this.cells[PipeCell.WRITERS] = --this.#writers;
    this.changed.wake();
    if (this.#readers === 0 && this.#writers === 0) this.rings.give(this.ring);
  }

  /** Lets go of the locks a process held, once its PD is gone (it died in the middle of a read or write). */
  unlock(pid: number): void {
    for (const cell of [PipeCell.READ_LOCK, PipeCell.WRITE_LOCK]) {
      if (this.cells[cell] === pid) this.cells[cell] = 0;
    }
  }
}

const STAT_TIME = '0';

export class PipeEnd implements OpenFile {
  refs = 1;
  /*
   * WASI has no FIFO type; wasi-libc's S_IFIFO is its S_IFSOCK, which it
   * gives for a socket's type, so a pipe says SOCKET_STREAM and fstat
   * shows S_ISFIFO (gawk checks its `cmd | getline` pipe so).
   */
  readonly filetype = FileType.SOCKET_STREAM;
  readonly terminal = false;
  readonly path = undefined;
  readonly readable: boolean;
  readonly writable: boolean;
  /** A change may come without a wake (see above): a poll looks again after a pause. */
  readonly wakesLate = true;
  #flags = 0;

  constructor(readonly pipe: Pipe, readonly end: 'read' | 'write') {
    this.readable = end === 'read';
    this.writable = end === 'write';
    pipe.opened(end);
  }

  get inode(): number {
    return this.pipe.inode;
  }

  /* The status flags live in the ring's header too: the runtime reads O_NONBLOCK there. */
  get flags(): number {
    return this.#flags;
  }

  set flags(flags: number) {
    this.#flags = flags;
    this.pipe.cells[this.readable ? PipeCell.READ_FLAGS : PipeCell.WRITE_FLAGS] = flags;
  }

  /* The data moves in the processes' runtimes (pipe_io.ts), which find a pipe's ring with pipeRing. */
  read(): number {
    return -WasiErrno.NOTSUP;
  }

  write(): number {
    return -WasiErrno.NOTSUP;
  }

  queues(): WaitQueue[] {
    return [this.pipe.changed];
  }

  readiness(): Readiness {
    const size = this.pipe.size;
    if (this.readable) {
      const hangup = this.pipe.writers === 0;
      return { read: size > 0 || hangup, write: false, bytes: size, hangup };
    }
    const hangup = this.pipe.readers === 0;
    return { read: false, write: hangup || size < PIPE_CAPACITY, bytes: PIPE_CAPACITY - size, hangup };
  }

  seek(): number {
    return -WasiErrno.SPIPE;
  }

  stat() {
    return { filetype: this.filetype, size: this.pipe.size, inode: this.inode, nlink: 1, mtime: STAT_TIME, atime: STAT_TIME };
  }

  close(): void {
    this.pipe.closed(this.end);
  }
}
