/*
 * `<zero [size]/>`: /dev/zero. Reads fill the buffer with zeros; with
 * `size`, the file ends after that many bytes (Genode's Zero_file_system).
 * Writes take everything and keep nothing.
 */

import type { OpenFlags, VfsHandle, VfsStat } from './interface.js';
import { FileHandle } from './file_handle.js';
import { SingleFileSystem } from './single_file_system.js';

class ZeroHandle extends FileHandle {
  readonly #stat: VfsStat;
  readonly #size: number;

  constructor(flags: OpenFlags, stat: VfsStat, size: number) {
    super(flags);
    this.#stat = stat;
    this.#size = size;
  }

  stat(): VfsStat {
    return this.#stat;
  }

  protected readAt(buffer: Uint8Array, offset: number): number {
    const count = this.#size === 0 ? buffer.length : Math.max(0, Math.min(buffer.length, this.#size - offset));
    buffer.fill(0, 0, count);
    return count;
  }

  protected writeAt(data: Uint8Array): number {
    return data.length;
  }
}

export class ZeroFileSystem extends SingleFileSystem {
  readonly #size: number;

  /** `size` 0 means: no end. */
  constructor(name: string, size: number, inode: number) {
    super(name, 'character_device', inode, 'zero', true);
    this.#size = size;
  }

  protected size(): number {
    return this.#size;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    return new ZeroHandle(flags, this.nodeStat(), this.#size);
  }
}
