/*
 * The numbers noux shares with the processes' C runtime: WASI's errno
 * values, file types, fdflags, oflags and rights, from the C runtime's
 * table (bundled into noux; pure numbers). A pipe or the terminal has the
 * rights of a terminal: no FD_SEEK and FD_TELL, which is how wasi-libc's
 * isatty() and lseek() tell them apart from files.
 */

export {
  WasiErrno, FileType, FdFlags, OpenFlag, Right, RIGHTS_REGULAR_FILE, RIGHTS_DIRECTORY, RIGHTS_DIRECTORY_INHERITING,
  RIGHTS_TERMINAL as RIGHTS_STREAM,
} from '../../lib/libc/wasi_abi.js';
