/*
 * A process's descriptor table: descriptor number → the open file it
 * shares, with the close-on-exec flag kept in the cells the process's
 * runtime reads (DescriptorBits), which answers F_GETFD and F_SETFD
 * itself.
 */

import { DescriptorBits } from 'nido';
import type { OpenFile } from './open_file.js';

export class DescriptorTable {
  readonly #files = new Map<number, OpenFile>();
  readonly #bits: DescriptorBits;

  constructor(cells: Int32Array) {
    this.#bits = new DescriptorBits(cells);
  }

  get(fd: number): OpenFile | undefined {
    return this.#files.get(fd);
  }

  has(fd: number): boolean {
    return this.#files.has(fd);
  }

  /** `fd` shares `file` now (what it held before is the caller's to release). */
  set(fd: number, file: OpenFile, cloexec = false): void {
    this.#files.set(fd, file);
    this.#bits.set(fd, true, cloexec);
  }

  delete(fd: number): void {
    this.#files.delete(fd);
    this.#bits.set(fd, false);
  }

  clear(): void {
    this.#files.clear();
    this.#bits.clear();
  }

  cloexec(fd: number): boolean {
    return this.#bits.cloexec(fd);
  }

  setCloexec(fd: number, cloexec: boolean): void {
    this.#bits.setCloexec(fd, cloexec);
  }

  entries(): IterableIterator<[number, OpenFile]> {
    return this.#files.entries();
  }

  files(): IterableIterator<OpenFile> {
    return this.#files.values();
  }
}
