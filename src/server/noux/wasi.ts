/*
 * The numbers noux shares with the processes' C runtime: WASI's errno
 * values, file types, fdflags and rights (the same as src/lib/libc's
 * wasi_abi.ts; a component is one bundle, so noux carries its own copy of
 * the few it needs).
 */

export const WasiErrno = {
  SUCCESS: 0, ACCES: 2, AGAIN: 6, BADF: 8, CHILD: 12, EXIST: 20, INTR: 27, INVAL: 28, IO: 29, ISDIR: 31,
  MFILE: 33, NAMETOOLONG: 37, NOENT: 44, NOEXEC: 45, NOMEM: 48, NOSPC: 51, NOSYS: 52, NOTDIR: 54,
  NOTEMPTY: 55, NOTSUP: 58, NOTTY: 59, PERM: 63, PIPE: 64, RANGE: 68, SPIPE: 70, SRCH: 71,
} as const;

export const FileType = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4, SYMBOLIC_LINK: 7,
} as const;

export const FdFlags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;

export const OpenFlag = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;

export const Right = {
  FD_READ: 1n << 1n,
  FD_SEEK: 1n << 2n,
  FD_TELL: 1n << 5n,
  FD_WRITE: 1n << 6n,
} as const;

/* The maximal rights per kind of node, as the C runtime grants them (wasi_abi.ts: RIGHTS_REGULAR_FILE, RIGHTS_DIRECTORY, RIGHTS_DIRECTORY_INHERITING). */
export const RIGHTS_REGULAR_FILE = 0x8e001ffn;
export const RIGHTS_DIRECTORY = 0xfbffe98n;
export const RIGHTS_DIRECTORY_INHERITING = RIGHTS_DIRECTORY | RIGHTS_REGULAR_FILE;
/* A terminal and a pipe have no FD_SEEK and FD_TELL: that is how wasi-libc's isatty() and lseek() tell them apart. */
export const RIGHTS_STREAM = 0x820004an;
