/*
 * The binary interface of WASI preview 1 (wasi_snapshot_preview1.witx):
 * errno values, file types, rights, flags and the layout of the structures
 * the C library passes through linear memory. Numbers only; the
 * behaviour lives in the wasi_*.ts files.
 */

import { Errno } from '../vfs/interface.js';

/** Every errno the C runtime answers with; the VFS's values are the same numbers. */
export const WasiErrno = {
  ...Errno,
  TOOBIG: 1, ILSEQ: 25, NOBUFS: 42, NOTCAPABLE: 76, OVERFLOW: 61, NOEXEC: 45, CHILD: 12, INTR: 27, RANGE: 68, SRCH: 71, NOTSOCK: 57,
} as const;
export type WasiErrnoValue = (typeof WasiErrno)[keyof typeof WasiErrno] | number;

export const FileType = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
} as const;

export const ClockId = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME: 2, THREAD_CPUTIME: 3 } as const;

export const Whence = { SET: 0, CUR: 1, END: 2 } as const;

/** fdflags */
export const FdFlags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;
export const FD_FLAGS_ALL = 31;

/** oflags of path_open */
export const OpenFlag = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;

/** lookupflags */
export const LOOKUP_SYMLINK_FOLLOW = 1;

/** fstflags of *_filestat_set_times */
export const FstFlags = { ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8 } as const;

/** advice of fd_advise */
export const ADVICE_MAX = 5;

/** Tags of a poll subscription and types of an event. */
export const EventType = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;
export const SUBSCRIPTION_CLOCK_ABSTIME = 1;
export const EVENT_FD_READWRITE_HANGUP = 1;

/** Tag of a prestat: a preopened directory. */
export const PREOPENTYPE_DIR = 0;

/** Rights, one bit each (witx order). */
export const Right = {
  FD_DATASYNC: 1n << 0n,
  FD_READ: 1n << 1n,
  FD_SEEK: 1n << 2n,
  FD_FDSTAT_SET_FLAGS: 1n << 3n,
  FD_SYNC: 1n << 4n,
  FD_TELL: 1n << 5n,
  FD_WRITE: 1n << 6n,
  FD_ADVISE: 1n << 7n,
  FD_ALLOCATE: 1n << 8n,
  PATH_CREATE_DIRECTORY: 1n << 9n,
  PATH_CREATE_FILE: 1n << 10n,
  PATH_LINK_SOURCE: 1n << 11n,
  PATH_LINK_TARGET: 1n << 12n,
  PATH_OPEN: 1n << 13n,
  FD_READDIR: 1n << 14n,
  PATH_READLINK: 1n << 15n,
  PATH_RENAME_SOURCE: 1n << 16n,
  PATH_RENAME_TARGET: 1n << 17n,
  PATH_FILESTAT_GET: 1n << 18n,
  PATH_FILESTAT_SET_SIZE: 1n << 19n,
  PATH_FILESTAT_SET_TIMES: 1n << 20n,
  FD_FILESTAT_GET: 1n << 21n,
  FD_FILESTAT_SET_SIZE: 1n << 22n,
  FD_FILESTAT_SET_TIMES: 1n << 23n,
  PATH_SYMLINK: 1n << 24n,
  PATH_REMOVE_DIRECTORY: 1n << 25n,
  PATH_UNLINK_FILE: 1n << 26n,
  POLL_FD_READWRITE: 1n << 27n,
  SOCK_SHUTDOWN: 1n << 28n,
  SOCK_ACCEPT: 1n << 29n,
} as const;

export const RIGHTS_ALL = (1n << 30n) - 1n;

/* The maximal rights per kind of node, as the reference implementation (uvwasi) grants them, so that programs see the same capabilities under both. */
export const RIGHTS_REGULAR_FILE = Right.FD_DATASYNC | Right.FD_READ | Right.FD_SEEK | Right.FD_FDSTAT_SET_FLAGS
  | Right.FD_SYNC | Right.FD_TELL | Right.FD_WRITE | Right.FD_ADVISE | Right.FD_ALLOCATE | Right.FD_FILESTAT_GET
  | Right.FD_FILESTAT_SET_SIZE | Right.FD_FILESTAT_SET_TIMES | Right.POLL_FD_READWRITE;

export const RIGHTS_DIRECTORY = Right.FD_FDSTAT_SET_FLAGS | Right.FD_SYNC | Right.FD_ADVISE
  | Right.PATH_CREATE_DIRECTORY | Right.PATH_CREATE_FILE | Right.PATH_LINK_SOURCE | Right.PATH_LINK_TARGET
  | Right.PATH_OPEN | Right.FD_READDIR | Right.PATH_READLINK | Right.PATH_RENAME_SOURCE | Right.PATH_RENAME_TARGET
  | Right.PATH_FILESTAT_GET | Right.PATH_FILESTAT_SET_SIZE | Right.PATH_FILESTAT_SET_TIMES | Right.FD_FILESTAT_GET
  | Right.FD_FILESTAT_SET_TIMES | Right.PATH_SYMLINK | Right.PATH_UNLINK_FILE | Right.PATH_REMOVE_DIRECTORY
  | Right.POLL_FD_READWRITE;

export const RIGHTS_DIRECTORY_INHERITING = RIGHTS_DIRECTORY | RIGHTS_REGULAR_FILE;

/* A terminal has no FD_SEEK and FD_TELL: that is how wasi-libc's isatty() recognises one. */
export const RIGHTS_TERMINAL = Right.FD_READ | Right.FD_FDSTAT_SET_FLAGS | Right.FD_WRITE | Right.FD_FILESTAT_GET
  | Right.POLL_FD_READWRITE;

/* Other character devices (/dev/null, /dev/zero, log files) keep seek and tell, so isatty() is false for them. */
export const RIGHTS_CHARACTER_DEVICE = RIGHTS_REGULAR_FILE;

/** Structure sizes and field offsets in linear memory. */
export const Layout = {
  IOVEC: 8,
  FDSTAT: 24,
  FILESTAT: 64,
  DIRENT: 24,
  PRESTAT: 8,
  SUBSCRIPTION: 48,
  EVENT: 32,
} as const;
