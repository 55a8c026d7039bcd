/*
 * A process's descriptor bits in the cells it shares with noux
 * (interface.ts): noux keeps OPEN set while a descriptor is open and
 * CLOEXEC with it, so that the process's runtime answers fcntl's F_GETFD
 * and F_SETFD itself, without a round trip.
 *
 * Besides the speed, that keeps a signal's window where Unix has it. A
 * program is open to its handlers at every system call's return, and
 * GNU make's SIGCHLD handler closes the descriptor make has just dup'ed
 * and is marking close-on-exec: with the mark a round trip to noux, a
 * child ending during those tens of microseconds (not Linux's fraction
 * of one) made `make -j2` fail with "duping jobs pipe".
 *
 * One side writes at a time: noux while the process waits for a call
 * noux serves (or before it runs, or once it ended), the runtime between
 * calls. Plain reads and writes of aligned cells suffice then.
 */

import { SignalCell } from './interface.js';

/* fcntl's commands and flag for the close-on-exec bit (wasi-libc's numbers). */
export const F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;

/** Descriptors the bits cover: noux's table size. */
export const DESCRIPTOR_BITS = 32 * 32;

export class DescriptorBits {
  readonly #cells: Int32Array;

  constructor(cells: Int32Array) {
    this.#cells = cells;
  }

  isOpen(fd: number): boolean {
    return this.#bit(SignalCell.OPEN, fd);
  }

  cloexec(fd: number): boolean {
    return this.#bit(SignalCell.CLOEXEC, fd);
  }

  /** Descriptor `fd` is open now, with `cloexec`; or closed. */
  set(fd: number, open: boolean, cloexec = false): void {
    this.#set(SignalCell.OPEN, fd, open);
    this.#set(SignalCell.CLOEXEC, fd, open && cloexec);
  }

  setCloexec(fd: number, cloexec: boolean): void {
    this.#set(SignalCell.CLOEXEC, fd, cloexec);
  }

  /** Every descriptor closed. */
  clear(): void {
    this.#cells.fill(0, SignalCell.OPEN, SignalCell.CLOEXEC + 32);
  }

  #bit(base: number, fd: number): boolean {
    if (!Number.isInteger(fd) || fd < 0 || fd >= DESCRIPTOR_BITS) return false;
    return (((this.#cells[base + (fd >>> 5)] as number) >>> (fd & 31)) & 1) !== 0;
  }

  #set(base: number, fd: number, on: boolean): void {
    const cell = base + (fd >>> 5);
    const mask = 1 << (fd & 31);
    const value = this.#cells[cell] as number;
    this.#cells[cell] = on ? value | mask : value & ~mask;
  }
}
