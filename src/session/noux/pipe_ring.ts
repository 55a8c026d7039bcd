/*
 * A pipe's buffer as noux shares it with the processes that hold its
 * ends: a ring of PIPE_CAPACITY bytes in a dataspace of noux's, behind a
 * header of Int32 cells. The processes' runtimes move the data themselves
 * (src/lib/noux/pipe_io.ts), so that a read or write costs a copy instead
 * of a round trip through noux; noux keeps what only it knows (how many
 * ends are open, each end's status flags) in the header and reads the
 * rest for poll, FIONREAD and stat.
 *
 * One writer per cell: HEAD and READ_LOCK belong to readers, TAIL and
 * WRITE_LOCK to writers (runtimes, with Atomics), READERS, WRITERS, the
 * flags and WATCH to noux (a component has no Atomics: plain stores,
 * which the runtimes see at their next look).
 */

/** The ring's size, as a Linux pipe's default. */
export const PIPE_CAPACITY = 64 * 1024;
/** Writes of at most this many bytes are never split. */
export const PIPE_BUF = 4096;

export const PipeCell = {
  /** Bytes read since the pipe was made (mod 2^32): where the next read starts. */
  HEAD: 0,
  /** Bytes written since the pipe was made (mod 2^32). */
  TAIL: 1,
  /** Open read ends and write ends (open file descriptions, not descriptors). */
  READERS: 2,
  WRITERS: 3,
  /** The pid of the process reading or writing now, 0 if none: one reader and one writer at a time. */
  READ_LOCK: 4,
  WRITE_LOCK: 5,
  /** The status flags (WASI's fdflags: NONBLOCK 4) of the read end's and the write end's open file. */
  READ_FLAGS: 6,
  WRITE_FLAGS: 7,
  /** Non-zero while noux waits for a change (a poll): a runtime that changed the ring tells noux (pipeChanged). */
  WATCH: 8,
} as const;
/** Int32 cells of the header. */
export const PIPE_CELLS = 16;

/** Bytes before the ring's data. */
export const PIPE_HEADER_BYTES = 64;
/** Bytes of a pipe's dataspace. */
export const PIPE_RING_BYTES = PIPE_HEADER_BYTES + PIPE_CAPACITY;

/** Bytes in the ring now (the header's TAIL − HEAD). */
export function pipeFill(cells: Int32Array): number {
  return ((cells[PipeCell.TAIL] as number) - (cells[PipeCell.HEAD] as number)) >>> 0;
}
