/*
 * Noux session: the system calls of one noux process (docs/noux.md).
 * noux serves one session to each process it runs, over the synchronous
 * path; the process's C runtime (src/lib/noux) turns the program's WASI
 * and noux imports into these calls. noux keeps what Unix keeps in its
 * kernel: the descriptor table and the open files it shares, pipes, the
 * terminal's line discipline, process groups, wait and signal delivery.
 *
 * Every call answers a result >= 0 (or a value) or a negated WASI errno;
 * only a broken session throws. A call may be held (a read of an empty
 * pipe, wait, sigsuspend) until it can be answered or a signal
 * interrupts it (-EINTR).
 */

import type { DataspaceHandle } from '../../base/dataspace.js';
import { defineInterface } from '../../base/interface.js';

/** The descriptor number at which a process finds the root of its file system (beyond the table). */
export const NOUX_ROOT_FD = 0x40000000;

/**
 * Int32 cells of a process's signal state (and descriptor bits, see
 * descriptor_bits.ts), shared between noux and the
 * process's runtime. Each signal cell has one writer, so that neither
 * side needs a read-modify-write of the other's (a component has no
 * Atomics; the descriptor bits take turns instead): the
 * runtime writes the masks, noux the parent's pid and the pending cells
 * (1 for a signal sent), then ANY_PENDING; the runtime takes a signal by
 * exchanging its cell with 0.
 */
export const SignalCell = {
  /** What the runtime does with each signal, so that noux can act for a busy process. */
  CAUGHT_LO: 0, CAUGHT_HI: 1,
  IGNORED_LO: 2, IGNORED_HI: 3,
  BLOCKED_LO: 4, BLOCKED_HI: 5,
  /** The parent's pid (it changes when the parent ends first). */
  PPID: 6,
  /** Set after a pending cell was set: the runtime looks at the pending cells when it finds it set. */
  ANY_PENDING: 7,
  /** Signal n is pending while cell PENDING + n - 1 holds 1. */
  PENDING: 8,
  /** Bit fd of the 32 cells from here is set while descriptor fd is open (descriptor_bits.ts). */
  OPEN: 8 + 64,
  /** Bit fd of the 32 cells from here is descriptor fd's close-on-exec flag. */
  CLOEXEC: 8 + 64 + 32,
} as const;
/** The cells of a process: its signal state and its descriptor bits. */
export const PROCESS_CELLS = 8 + 64 + 2 * 32;

/*
 * A process shares one dataspace with noux: its cells, and from
 * PROCESS_IO_OFFSET on its I/O buffer, through which `read` and `write`
 * move their bytes (as Genode's Noux moved them through its sysio
 * buffer), so that a call copies them once each way and makes no buffer:
 * as message data, 60 KiB cost a buffer made and filled on each side of
 * every call, most of a file read's time.
 */
export const PROCESS_IO_OFFSET = 1024;
/** The most bytes one read or write moves. */
export const PROCESS_IO_BYTES = 256 * 1024;
export const PROCESS_SHARED_BYTES = PROCESS_IO_OFFSET + PROCESS_IO_BYTES;

/** Signal `sig` (1 to 64) as a bit of a LO/HI pair of mask cells. */
export function signalBit(sig: number): [number, number] {
  return sig <= 32 ? [(1 << (sig - 1)) >>> 0, 0] : [0, (1 << (sig - 33)) >>> 0];
}

/** A signal's disposition, as the runtime keeps it and a fork or exec passes it on. */
export interface SignalAction {
  readonly sig: number;
  /** Index of the handler in the program's function table (0: default, -1: ignore). */
  readonly handler: number;
  readonly flags: number;
  readonly maskLo: number;
  readonly maskHi: number;
}

/** The memory and stack of a forking process, for its child to wind back into. */
export interface ForkImage {
  readonly memory: DataspaceHandle;
  readonly stackPointer: number;
  /** Address of the unwound stack's data (asyncify's). */
  readonly forkStack: number;
  readonly actions: readonly SignalAction[];
  readonly blockedLo: number;
  readonly blockedHi: number;
}

/** What a process learns at its start. */
export interface ProcessStart {
  readonly pid: number;
  readonly cells: SharedArrayBuffer;
  /** The program's name (argv[0] of the exec, or the first program's path). */
  readonly name: string;
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  /** Set for a forked process: the parent's memory to continue from. */
  readonly image?: ForkImage;
  /** RAM noux gave the process's protection domain (bytes); `reserve` asks for more. */
  readonly ram: number;
  /** Size of the program's binary (the account charges the compiled module by it). */
  readonly binarySize: number;
  /** noux's number for the program's binary: a PD that holds its module under this number need not compile it again. */
  readonly binaryId: number;
  /** The binary, when the PD may not hold it (a PD that noux kept after a process, see `park`). */
  readonly binary?: Uint8Array;
}

/** A pipe descriptor's ring (pipeRing). */
export interface PipeRingGrant {
  readonly ring: SharedArrayBuffer;
  readonly end: 'read' | 'write';
}

/** A new program for the calling process (execve). */
export interface ExecImage {
  readonly binaryId: number;
  /** Left out when the caller said it holds the module of `binaryId`. */
  readonly binary?: Uint8Array;
  /** The process's RAM quota after the exec (noux raises it for a larger program). */
  readonly ram: number;
  readonly name: string;
  readonly argv: readonly string[];
}

export interface NouxStat {
  readonly filetype: number;
  readonly size: number;
  readonly inode: number;
  readonly nlink: number;
  /** Nanoseconds since the epoch, as a decimal string (the wire carries no BigInt). */
  readonly mtime: string;
  readonly atime: string;
}

export interface NouxFdStat {
  readonly filetype: number;
  readonly flags: number;
  readonly rightsBase: string;
  readonly rightsInheriting: string;
}

export interface NouxDirEntry {
  readonly name: string;
  readonly filetype: number;
  readonly inode: number;
}

/** One subscription of poll_oneoff: a descriptor's readiness or a clock. */
export type PollSubscription =
  | { readonly userdata: string; readonly kind: 'read' | 'write'; readonly fd: number }
  | { readonly userdata: string; readonly kind: 'clock'; readonly timeoutNs: number };

export interface PollEvent {
  readonly userdata: string;
  readonly kind: 'read' | 'write' | 'clock';
  readonly errno: number;
  readonly bytes: number;
  readonly hangup: boolean;
}

export type Result<T> = T | number;

export interface Noux {
  hello(): ProcessStart;
  /**
   * The wall clock now, in nanoseconds since the epoch (decimal): noux's
   * rtc (or the epoch at noux's start) advanced by noux's Timer, one
   * clock for every process. A process reads it once and advances it by
   * its own Timer.
   */
  wallClock(): string;
  /** The path of the directory descriptor `fd` names (fchdir), or a negated errno. */
  fdPath(fd: number): string | number;
  /** The forked process copied its image: the parent may free it. */
  imageTaken(): void;

  /** Reads at most `max` bytes (at most PROCESS_IO_BYTES) into the start of the process's I/O buffer: how many, or a negated errno. */
  read(fd: number, max: number, offset: number): number;
  /** Writes the first `length` bytes of the process's I/O buffer: how many it took, or a negated errno. */
  write(fd: number, length: number, offset: number): number;
  seek(fd: number, offset: number, whence: number): number;
  close(fd: number): number;
  fdstat(fd: number): Result<NouxFdStat>;
  setFdFlags(fd: number, flags: number): number;
  setRights(fd: number, base: string, inheriting: string): number;
  filestat(fd: number): Result<NouxStat>;
  setSize(fd: number, size: number): number;
  /** fstflags as WASI's (ATIM 1, ATIM_NOW 2, MTIM 4, MTIM_NOW 8); times in ns since the epoch, as decimal strings. */
  setTimes(fd: number, path: string | null, follow: boolean, atime: string, mtime: string, flags: number): number;
  sync(fd: number): number;
  prestat(fd: number): Result<string>;
  readdir(fd: number): Result<NouxDirEntry[]>;
  renumber(from: number, to: number): number;
  open(dirfd: number, path: string, follow: boolean, oflags: number, rightsBase: string, rightsInheriting: string, fdflags: number): number;
  pathStat(dirfd: number, path: string, follow: boolean): Result<NouxStat>;
  mkdir(dirfd: number, path: string): number;
  rmdir(dirfd: number, path: string): number;
  unlink(dirfd: number, path: string): number;
  rename(dirfd: number, path: string, toDirfd: number, toPath: string): number;
  symlink(target: string, dirfd: number, path: string): number;
  readlink(dirfd: number, path: string): Result<string>;
  link(dirfd: number, path: string, follow: boolean, toDirfd: number, toPath: string): number;
  poll(subscriptions: PollSubscription[]): Result<PollEvent[]>;

  fork(image: ForkImage): number;
  /** `held`: the binaries (by binaryId) whose modules the caller's PD holds compiled. */
  exec(path: string, argv: string[], env: string[], cwd: string, held: number[]): Result<ExecImage>;
  exit(code: number, signal: number): void;
  /**
   * After `exit`: the PD offers itself for a later process. Answers that
   * process's start when noux gives it one (a fork), or null when the PD
   * is to end. `held` as for exec.
   */
  park(held: number[]): ProcessStart | null;
  wait4(pid: number, options: number): Result<{ pid: number; status: number }>;
  pipe(flags: number): Result<[number, number]>;
  /**
   * Where the bytes of pipe descriptor `fd` move (session/noux/pipe_ring.ts):
   * its ring, shared with the processes holding the pipe's ends, and which
   * end `fd` is; null for a descriptor that is no pipe.
   */
  pipeRing(fd: number): Result<PipeRingGrant | null>;
  /** The caller changed the ring of pipe `fd` while noux watched it (PipeCell.WATCH). */
  pipeChanged(fd: number): void;
  dup(fd: number, min: number, cloexec: boolean): number;
  dup3(from: number, to: number, cloexec: boolean): number;
  fcntl(fd: number, cmd: number, arg: number): number;
  /** Terminal requests: `data` is the request's argument (termios, winsize, pgrp) in and out. */
  ioctl(fd: number, request: number, data: Uint8Array): Result<Uint8Array>;
  getpgid(pid: number): number;
  setpgid(pid: number, pgid: number): number;
  getsid(pid: number): number;
  setsid(): number;
  kill(pid: number, sig: number): number;
  /** Held until a signal is pending for the process (the runtime installed the mask before). */
  sigsuspend(): number;
  alarm(seconds: number): number;
  umask(mask: number): number;
  /**
   * Asks that the process's RAM quota be at least `bytes` (its memory grew):
   * answers the quota it has now, or -ENOMEM when noux has no more to give.
   */
  reserve(bytes: number): number;
  /**
   * The RAM noux has for its processes: its quota and what of it is
   * available now, in bytes (sysconf's _SC_PHYS_PAGES and
   * _SC_AVPHYS_PAGES: GNU sort sizes its buffer by them).
   */
  memory(): { total: number; avail: number };
}

export const Noux = defineInterface<Noux>('Noux', [
  'hello', 'wallClock', 'fdPath', 'imageTaken', 'read', 'write', 'seek', 'close', 'fdstat', 'setFdFlags', 'setRights', 'filestat', 'setSize',
  'setTimes', 'sync', 'prestat', 'readdir', 'renumber', 'open', 'pathStat', 'mkdir', 'rmdir', 'unlink', 'rename',
  'symlink', 'readlink', 'link', 'poll', 'fork', 'exec', 'exit', 'park', 'wait4', 'pipe', 'pipeRing', 'pipeChanged', 'dup', 'dup3', 'fcntl', 'ioctl',
  'getpgid', 'setpgid', 'getsid', 'setsid', 'kill', 'sigsuspend', 'alarm', 'umask', 'reserve', 'memory',
]);

export const NOUX_SESSION_RAM = 16 * 1024;
export const NOUX_SESSION_CAPS = 2;
