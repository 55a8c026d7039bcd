/*
 * The program's linear memory as the system calls read and write it.
 *
 * Views on a WebAssembly.Memory are detached when the program grows its
 * memory, which can only happen while the program runs, never inside a
 * system call: so the views are renewed once at the start of each call
 * (`refresh`). Every access is bounds-checked by the views themselves; an
 * out-of-range pointer becomes EFAULT in the import wrapper.
 */

import { OutOfRam } from '../../base/errors.js';
import { SyscallError } from './errors.js';
import { Layout, WasiErrno } from './wasi_abi.js';
import type { WasmMemory } from './webassembly.js';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export class GuestMemory {
  readonly #limit: number;
  #memory: WasmMemory | undefined;
  #buffer: ArrayBuffer | undefined;
  #view = new DataView(new ArrayBuffer(0));
  #bytes = new Uint8Array(0);

  /** `limit`: the most bytes the program's memory may grow to (see refresh). */
  constructor(limit = Infinity) {
    this.#limit = limit;
  }

  /** Binds the memory the program exported (after instantiation). */
  bind(memory: WasmMemory): void {
    this.#memory = memory;
    this.refresh();
  }

  /**
   * Renews the views if the memory grew since the last call. A program
   * grows its memory itself (memory.grow), which the runtime cannot
   * refuse; so the limit is checked here, at its next system call and at
   * its end, and a program beyond it is ended with OutOfRam.
   */
  refresh(): void {
    const buffer = this.#memory?.buffer;
    if (buffer === undefined || buffer === this.#buffer) return;
    if (buffer.byteLength > this.#limit) {
      throw new OutOfRam(`the program's memory grew to ${buffer.byteLength} bytes, beyond its limit of ${this.#limit}`);
    }
    this.#buffer = buffer;
    this.#view = new DataView(buffer);
    this.#bytes = new Uint8Array(buffer);
  }

  get view(): DataView { return this.#view; }
  get bytes(): Uint8Array { return this.#bytes; }

  u8(ptr: number): number { return this.#view.getUint8(ptr); }
  u16(ptr: number): number { return this.#view.getUint16(ptr, true); }
  u32(ptr: number): number { return this.#view.getUint32(ptr, true); }
  u64(ptr: number): bigint { return this.#view.getBigUint64(ptr, true); }
  setU8(ptr: number, value: number): void { this.#view.setUint8(ptr, value); }
  setU16(ptr: number, value: number): void { this.#view.setUint16(ptr, value, true); }
  setU32(ptr: number, value: number): void { this.#view.setUint32(ptr, value, true); }
  setU64(ptr: number, value: bigint): void { this.#view.setBigUint64(ptr, value, true); }

  /** `length` bytes at `ptr`, shared with the program's memory (no copy). */
  slice(ptr: number, length: number): Uint8Array {
    if (ptr < 0 || length < 0 || ptr + length > this.#bytes.length) throw new SyscallError(WasiErrno.FAULT, 'buffer outside memory');
    return this.#bytes.subarray(ptr, ptr + length);
  }

  /** A UTF-8 string of `length` bytes at `ptr`; invalid UTF-8 is EILSEQ, as paths must be text for the VFS. */
  string(ptr: number, length: number): string {
    try {
      return fromUtf8.decode(this.slice(ptr, length));
    } catch (error) {
      if (error instanceof SyscallError) throw error;
      throw new SyscallError(WasiErrno.ILSEQ, 'path is not valid UTF-8');
    }
  }

  /** The buffers of an iovec array, each a view into memory. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    const buffers: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const at = ptr + i * Layout.IOVEC;
      buffers.push(this.slice(this.u32(at), this.u32(at + 4)));
    }
    return buffers;
  }
}

/** UTF-8 bytes of `text` followed by a NUL, as argv and environ strings are laid out. */
export function cString(text: string): Uint8Array {
  const encoded = utf8.encode(text);
  const bytes = new Uint8Array(encoded.length + 1);
  bytes.set(encoded);
  return bytes;
}

export function encodeUtf8(text: string): Uint8Array {
  return utf8.encode(text);
}
