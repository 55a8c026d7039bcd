/*
 * A process as noux keeps it: identity, family, descriptor table, signal
 * cells shared with its runtime, and its state (running, stopped, ended
 * and waiting to be reaped).
 */

import { DESCRIPTOR_BITS, PROCESS_CELLS, PROCESS_IO_BYTES, PROCESS_IO_OFFSET, SignalCell, signalBit, type DataspaceHandle, type ForkImage } from 'nido';
import { DescriptorTable } from './descriptor_table.js';
import type { ProcessPd } from './process_pd.js';
import type { Binary } from './programs.js';
import type { OpenFile } from './open_file.js';
import { WaitQueue } from './wait_queue.js';
import { WasiErrno } from './wasi.js';

/* Noux's descriptor table size (getrlimit's RLIMIT_NOFILE says so too): as many as the shared descriptor bits cover. */
export const MAX_DESCRIPTORS = DESCRIPTOR_BITS;

export class Process {
  readonly cells: Int32Array;
  /** The I/O buffer read and write move their bytes through (interface.ts). */
  readonly io: Uint8Array;
  readonly fds: DescriptorTable;
  readonly children = new Set<Process>();
  /** Woken when a child ends, stops or continues. */
  readonly childEvents = new WaitQueue();
  /** Woken when a signal is sent to this process. */
  readonly signalled = new WaitQueue();
  /** Woken when a stopped process continues. */
  readonly continued = new WaitQueue();
  pgid: number;
  sid: number;
  umask = 0o022;
  /** The protection domain that runs the process (the process is its `process` while it does). */
  pd: ProcessPd | undefined;
  /** The program (its bytes are the binary ROM of a fork). */
  binary: Binary;
  name: string;
  argv: readonly string[];
  env: readonly string[];
  cwd: string;
  /** Given to a forked child in hello(); taken resolves the parent's fork. */
  image: ForkImage | undefined;
  imageTaken: (() => void) | undefined;
  /** A wait status once ended (zombie until reaped). */
  status: number | undefined;
  stopped = 0;
  /** A stop or continue not yet reported to wait (WUNTRACED, WCONTINUED). */
  report: 'stopped' | 'continued' | undefined;
  alarmAt = 0;
  #ppid: number;

  /** `cells`: a dataspace of noux's, shared with the process's runtime (PROCESS_CELLS Int32 cells, then the I/O buffer). */
  constructor(readonly pid: number, readonly cellsDataspace: DataspaceHandle, ppid: number, pgid: number, sid: number,
    binary: Binary, name: string, argv: readonly string[], env: readonly string[], cwd: string) {
    this.cells = new Int32Array(cellsDataspace.buffer, 0, PROCESS_CELLS);
    this.fds = new DescriptorTable(this.cells);
    this.io = new Uint8Array(cellsDataspace.buffer, PROCESS_IO_OFFSET, PROCESS_IO_BYTES);
    this.#ppid = ppid;
    this.pgid = pgid;
    this.sid = sid;
    this.binary = binary;
    this.name = name;
    this.argv = argv;
    this.env = env;
    this.cwd = cwd;
    this.cells[SignalCell.PPID] = ppid;
  }

  get ppid(): number {
    return this.#ppid;
  }

  set ppid(pid: number) {
    this.#ppid = pid;
    this.cells[SignalCell.PPID] = pid;
  }

  get ended(): boolean {
    return this.status !== undefined;
  }

  #cell(cell: number, sig: number): boolean {
    const [lo, hi] = signalBit(sig);
    return (((this.cells[cell] as number) >>> 0) & lo) !== 0 || (((this.cells[cell + 1] as number) >>> 0) & hi) !== 0;
  }

  caught(sig: number): boolean {
    return this.#cell(SignalCell.CAUGHT_LO, sig);
  }

  ignored(sig: number): boolean {
    return this.#cell(SignalCell.IGNORED_LO, sig);
  }

  blocked(sig: number): boolean {
    return this.#cell(SignalCell.BLOCKED_LO, sig);
  }

  /** Marks `sig` pending, sent by process `sender` (0: by noux itself). */
  addPending(sig: number, sender: number): void {
    this.cells[SignalCell.PENDING + sig - 1] = sender > 0 ? sender : -1;
    this.cells[SignalCell.ANY_PENDING] = 1;
    this.signalled.wake();
  }

  /** A signal is pending that the process must act on now: one that is not blocked. */
  get interrupted(): boolean {
    for (let sig = 1; sig <= 64; sig++) {
      if (this.cells[SignalCell.PENDING + sig - 1] !== 0 && !this.blocked(sig)) return true;
    }
    return false;
  }

  /** The open file of descriptor `fd`, or -EBADF. */
  descriptor(fd: number): OpenFile | number {
    return this.fds.get(fd) ?? -WasiErrno.BADF;
  }

  /** The lowest free descriptor at or above `min`. */
  freeDescriptor(min = 0): number {
    for (let fd = min; fd < MAX_DESCRIPTORS; fd++) if (!this.fds.has(fd)) return fd;
    return -WasiErrno.MFILE;
  }

  install(file: OpenFile, min = 0, cloexec = false): number {
    const fd = this.freeDescriptor(min);
    if (fd >= 0) this.fds.set(fd, file, cloexec);
    return fd;
  }
}

/** Drops one reference of an open file; the last one closes it. */
export function release(file: OpenFile): void {
  file.refs--;
  if (file.refs === 0) file.close();
}
