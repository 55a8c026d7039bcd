/*
 * The file descriptors of one program. Numbers are allocated lowest-free
 * first, as POSIX does; 0, 1 and 2 are the standard streams and 3 the
 * preopened root of the component's VFS.
 */

import { SyscallError } from './errors.js';
import type { Descriptor } from './descriptor.js';
import { WasiErrno } from './wasi_abi.js';

/* Genode's libc has a fixed descriptor table as well; a leaking program hits EMFILE instead of eating the component's RAM. */
export const MAX_DESCRIPTORS = 1024;

export class DescriptorTable {
  readonly #entries = new Map<number, Descriptor>();

  /** The descriptor `fd`, which must hold every right in `rights`. */
  get(fd: number, rights = 0n): Descriptor {
    const descriptor = this.#entries.get(fd);
    if (descriptor === undefined) throw new SyscallError(WasiErrno.BADF, `fd ${fd} is not open`);
    if ((descriptor.rights.base & rights) !== rights) {
      throw new SyscallError(WasiErrno.NOTCAPABLE, `fd ${fd} lacks rights 0x${(rights & ~descriptor.rights.base).toString(16)}`);
    }
    return descriptor;
  }

  /** Whether `fd` is open (without a rights check). */
  has(fd: number): boolean {
    return this.#entries.has(fd);
  }

  /** Installs `descriptor` under the lowest free number. */
  insert(descriptor: Descriptor): number {
    for (let fd = 0; fd < MAX_DESCRIPTORS; fd++) {
      if (!this.#entries.has(fd)) {
        this.#entries.set(fd, descriptor);
        return fd;
      }
    }
    throw new SyscallError(WasiErrno.MFILE, 'too many open files');
  }

  /** Installs `descriptor` under `fd` (start-up: standard streams and preopens). */
  set(fd: number, descriptor: Descriptor): void {
    this.#entries.set(fd, descriptor);
  }

  /** Removes `fd` and answers what it was. */
  remove(fd: number): Descriptor {
    const descriptor = this.get(fd);
    this.#entries.delete(fd);
    return descriptor;
  }

  /** Moves `from` to `to`, closing what `to` was (fd_renumber); both must be open. */
  renumber(from: number, to: number): Descriptor | undefined {
    const moved = this.get(from);
    const replaced = this.get(to);
    if (from === to) return undefined;
    this.#entries.delete(from);
    this.#entries.set(to, moved);
    return replaced;
  }

  /** Every open descriptor, for closing at exit. */
  drain(): Descriptor[] {
    const all = [...this.#entries.values()];
    this.#entries.clear();
    return all;
  }
}
