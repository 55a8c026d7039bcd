/*
 * A process's side of a pipe (session/noux/pipe_ring.ts): reads and writes
 * move bytes between the ring and linear memory directly, with Atomics,
 * without a round trip through noux. One reader and one writer at a time
 * (a lock cell holding the pid); a reader waits on TAIL for data, a
 * writer on HEAD for room.
 *
 * Waits are bounded slices, because noux (a component, without Atomics)
 * cannot wake a waiting process: a signal sent to it, or the last writer
 * of a killed process going away, is seen at the end of the slice at the
 * latest. A process that closes an end or exits wakes the waiters itself.
 */

import { PIPE_BUF, PIPE_CAPACITY, PIPE_CELLS, PIPE_HEADER_BYTES, PipeCell } from '../../session/noux/pipe_ring.js';

/** The first wait slice and the longest one (ms): waiting longer doubles the slice up to the longest. */
const FIRST_SLICE_MS = 1;
const LONGEST_SLICE_MS = 16;
const MASK = PIPE_CAPACITY - 1;

export type ReadResult = number | 'empty';
export type WriteResult = number | 'full' | 'broken';

export class PipeRingIo {
  readonly #cells: Int32Array;
  readonly #data: Uint8Array;
  #slice = FIRST_SLICE_MS;

  constructor(ring: SharedArrayBuffer, readonly end: 'read' | 'write') {
    this.#cells = new Int32Array(ring, 0, PIPE_CELLS);
    this.#data = new Uint8Array(ring, PIPE_HEADER_BYTES, PIPE_CAPACITY);
  }

  /** The end's status flags as noux keeps them (WASI's fdflags). */
  get flags(): number {
    return Atomics.load(this.#cells, this.end === 'read' ? PipeCell.READ_FLAGS : PipeCell.WRITE_FLAGS);
  }

  /** Whether noux waits for news of this pipe. */
  get watched(): boolean {
    return Atomics.load(this.#cells, PipeCell.WATCH) !== 0;
  }

  /**
   * Moves what the ring holds, up to the targets' room, into the targets:
   * the bytes moved, 0 at the end of file (no writer left, nothing in the
   * ring), 'empty' when writers remain.
   */
  read(targets: readonly Uint8Array[], pid: number): ReadResult {
    this.#lock(PipeCell.READ_LOCK, pid);
    try {
      const head = Atomics.load(this.#cells, PipeCell.HEAD);
      const fill = (Atomics.load(this.#cells, PipeCell.TAIL) - head) >>> 0;
      if (fill === 0) return Atomics.load(this.#cells, PipeCell.WRITERS) === 0 && this.#empty() ? 0 : 'empty';
      let moved = 0;
      for (const target of targets) {
        let at = 0;
        while (at < target.length && moved < fill) {
          const from = (head + moved) & MASK;
          const n = Math.min(target.length - at, fill - moved, PIPE_CAPACITY - from);
          target.set(this.#data.subarray(from, from + n), at);
          at += n;
          moved += n;
        }
        if (moved === fill) break;
      }
      Atomics.store(this.#cells, PipeCell.HEAD, (head + moved) | 0);
      Atomics.notify(this.#cells, PipeCell.HEAD);
      return moved;
    } finally {
      this.#unlock(PipeCell.READ_LOCK);
    }
  }

  /* Nothing arrived between the look at TAIL and the one at WRITERS (the last writer may write, then close). */
  #empty(): boolean {
    return Atomics.load(this.#cells, PipeCell.TAIL) === Atomics.load(this.#cells, PipeCell.HEAD);
  }

  /**
   * Puts as much of `source` as fits: the bytes put, 'full' (no room, or
   * too little for a write of at most PIPE_BUF, which is never split),
   * 'broken' (no reader left).
   */
  write(source: Uint8Array, pid: number): WriteResult {
    this.#lock(PipeCell.WRITE_LOCK, pid);
    try {
      if (Atomics.load(this.#cells, PipeCell.READERS) === 0) return 'broken';
      const tail = Atomics.load(this.#cells, PipeCell.TAIL);
      const room = PIPE_CAPACITY - ((tail - Atomics.load(this.#cells, PipeCell.HEAD)) >>> 0);
      if (room === 0 || (source.length <= PIPE_BUF && room < source.length)) return 'full';
      const total = Math.min(room, source.length);
      let moved = 0;
      while (moved < total) {
        const to = (tail + moved) & MASK;
        const n = Math.min(total - moved, PIPE_CAPACITY - to);
        this.#data.set(source.subarray(moved, moved + n), to);
        moved += n;
      }
      Atomics.store(this.#cells, PipeCell.TAIL, (tail + total) | 0);
      Atomics.notify(this.#cells, PipeCell.TAIL);
      return total;
    } finally {
      this.#unlock(PipeCell.WRITE_LOCK);
    }
  }

  /** Waits (one slice at most) for something to change the ring's state for this end: data or room, or the other end's last close. */
  wait(): void {
    const cell = this.end === 'read' ? PipeCell.TAIL : PipeCell.HEAD;
    Atomics.wait(this.#cells, cell, Atomics.load(this.#cells, cell), this.#slice);
    this.#slice = Math.min(this.#slice * 2, LONGEST_SLICE_MS);
  }

  /** A read or write went through: the next wait starts with a short slice again. */
  progressed(): void {
    this.#slice = FIRST_SLICE_MS;
  }

  /** Wakes whoever waits on the ring: this process closed an end or ends. */
  wakeAll(): void {
    Atomics.notify(this.#cells, PipeCell.HEAD);
    Atomics.notify(this.#cells, PipeCell.TAIL);
  }

  /*
   * Takes a lock cell. Its holder moves at most 64 KiB before it lets go;
   * a holder that died is cleared by noux once its PD is gone, which the
   * bounded waits see.
   */
  #lock(cell: number, pid: number): void {
    for (;;) {
      const holder = Atomics.compareExchange(this.#cells, cell, 0, pid);
      if (holder === 0) return;
      Atomics.wait(this.#cells, cell, holder, LONGEST_SLICE_MS);
    }
  }

  #unlock(cell: number): void {
    Atomics.store(this.#cells, cell, 0);
    Atomics.notify(this.#cells, cell, 1);
  }
}

/**
 * Which of a process's descriptors are pipes, and their rings, as noux
 * answers (pipeRing) the first time a descriptor is read or written. Only
 * the process itself changes its descriptor table, so what it learned
 * stays true until it closes, renumbers or duplicates onto a descriptor
 * (drop()) or execs (forget()); a new descriptor takes a number that was
 * free, which it knows nothing of.
 */
export class PipeDescriptors {
  readonly #known = new Map<number, PipeRingIo | null>();

  constructor(readonly lookup: (fd: number) => { ring: SharedArrayBuffer; end: 'read' | 'write' } | number | null) {}

  /** The ring of descriptor `fd`, or undefined if it is no pipe (or no descriptor: noux's call answers that). */
  of(fd: number): PipeRingIo | undefined {
    let known = this.#known.get(fd);
    if (known === undefined) {
      const grant = this.lookup(fd);
      if (typeof grant === 'number') return undefined;
      known = grant === null ? null : new PipeRingIo(grant.ring, grant.end);
      this.#known.set(fd, known);
    }
    return known ?? undefined;
  }

  /** Descriptors `fds` closed or now refer to something else: their rings' waiters wake (an end may have closed). */
  drop(...fds: number[]): void {
    for (const fd of fds) {
      this.#known.get(fd)?.wakeAll();
      this.#known.delete(fd);
    }
  }

  /** The whole table may have changed (exec closed the close-on-exec descriptors). */
  forget(): void {
    this.wakeAll();
    this.#known.clear();
  }

  /** Wakes whoever waits on the rings it knows (the process closes them, or ends). */
  wakeAll(): void {
    for (const ring of this.#known.values()) ring?.wakeAll();
  }
}
