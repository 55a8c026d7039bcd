/*
 * A pipe: 64 KiB of buffer between the descriptors of its two ends, as on
 * Linux. A read takes what is there, or waits while a writer exists (end
 * of file once none does); a write puts what fits, or waits for room, and
 * fails with EPIPE once no reader exists (the caller sends SIGPIPE).
 * Writes of at most PIPE_BUF bytes are never split.
 */

import { FileType, WasiErrno } from './wasi.js';
import type { OpenFile, Readiness } from './open_file.js';
import { WaitQueue } from './wait_queue.js';

export const PIPE_CAPACITY = 64 * 1024;
export const PIPE_BUF = 4096;

export class Pipe {
  readonly #chunks: Uint8Array[] = [];
  #size = 0;
  readers = 0;
  writers = 0;
  readonly readable = new WaitQueue();
  readonly writable = new WaitQueue();

  get size(): number {
    return this.#size;
  }

  take(max: number): Uint8Array {
    const out = new Uint8Array(Math.min(max, this.#size));
    let at = 0;
    while (at < out.length) {
      const chunk = this.#chunks[0] as Uint8Array;
      const n = Math.min(chunk.length, out.length - at);
      out.set(chunk.subarray(0, n), at);
      at += n;
      if (n === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(n);
    }
    this.#size -= out.length;
    if (out.length > 0) this.writable.wake();
    return out;
  }

  put(data: Uint8Array): void {
    this.#chunks.push(data.slice());
    this.#size += data.length;
    this.readable.wake();
  }

  closed(): void {
    this.readable.wake();
    this.writable.wake();
  }
}

const STAT_TIME = '0';

export class PipeEnd implements OpenFile {
  refs = 1;
  flags = 0;
  readonly filetype = FileType.UNKNOWN;
  readonly terminal = false;
  readonly path = undefined;
  readonly readable: boolean;
  readonly writable: boolean;

  constructor(readonly pipe: Pipe, end: 'read' | 'write', readonly inode: number) {
    this.readable = end === 'read';
    this.writable = end === 'write';
    if (this.readable) pipe.readers++;
    else pipe.writers++;
  }

  read(max: number): Uint8Array | 'wait' | number {
    if (!this.readable) return -WasiErrno.BADF;
    if (this.pipe.size > 0) return this.pipe.take(max);
    if (this.pipe.writers === 0 || max === 0) return new Uint8Array(0);
    return 'wait';
  }

  write(data: Uint8Array): number | 'wait' {
    if (!this.writable) return -WasiErrno.BADF;
    if (this.pipe.readers === 0) return -WasiErrno.PIPE;
    const room = PIPE_CAPACITY - this.pipe.size;
    if (room === 0 || (data.length <= PIPE_BUF && room < data.length)) return 'wait';
    const n = Math.min(room, data.length);
    this.pipe.put(data.subarray(0, n));
    return n;
  }

  queues(): WaitQueue[] {
    return [this.readable ? this.pipe.readable : this.pipe.writable];
  }

  readiness(): Readiness {
    if (this.readable) {
      const hangup = this.pipe.writers === 0;
      return { read: this.pipe.size > 0 || hangup, write: false, bytes: this.pipe.size, hangup };
    }
    const hangup = this.pipe.readers === 0;
    return { read: false, write: hangup || this.pipe.size < PIPE_CAPACITY, bytes: PIPE_CAPACITY - this.pipe.size, hangup };
  }

  seek(): number {
    return -WasiErrno.SPIPE;
  }

  stat() {
    return { filetype: this.filetype, size: this.pipe.size, inode: this.inode, nlink: 1, mtime: STAT_TIME, atime: STAT_TIME };
  }

  close(): void {
    if (this.readable) this.pipe.readers--;
    else this.pipe.writers--;
    this.pipe.closed();
  }
}
