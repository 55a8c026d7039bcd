/*
 * `<null/>`: /dev/null. Reads find the end at once, writes take
 * everything and keep nothing.
 */

import type { OpenFlags, VfsHandle, VfsStat } from './interface.js';
import { FileHandle } from './file_handle.js';
import { SingleFileSystem } from './single_file_system.js';

class NullHandle extends FileHandle {
  readonly #stat: VfsStat;

  constructor(flags: OpenFlags, stat: VfsStat) {
    super(flags);
    this.#stat = stat;
  }

  stat(): VfsStat {
    return this.#stat;
  }

  protected readAt(): number {
    return 0;
  }

  protected writeAt(data: Uint8Array): number {
    return data.length;
  }
}

export class NullFileSystem extends SingleFileSystem {
  constructor(name: string, inode: number) {
    super(name, 'character_device', inode, 'null', true);
  }

  protected size(): number {
    return 0;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    return new NullHandle(flags, this.nodeStat());
  }
}
