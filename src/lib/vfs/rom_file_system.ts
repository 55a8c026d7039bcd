/*
 * `<rom name="m" [label] [binary]/>`: one read-only file with the content
 * of a ROM module (Genode's Rom_file_system). The session's label is
 * `label`, else `name`.
 *
 * The file follows the module: a new version arrives with the ROM
 * session's signal whenever the component's entrypoint runs. A text
 * module (`binary="no"`) is also refreshed at each open, as Genode does,
 * so a program that blocks in the VFS sees a new config too; its size is
 * the length up to the first NUL. A binary module (the default) has its
 * exact size and switches only with the signal, because a refresh in place
 * would not tell its new size.
 */

import type { OpenFlags, VfsHandle } from './interface.js';
import { ContentHandle } from './file_handle.js';
import type { RomModule } from './services.js';
import { SingleFileSystem } from './single_file_system.js';

/** The text part of ROM content: up to the first NUL. */
export function textContent(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

export class RomFileSystem extends SingleFileSystem {
  readonly #module: RomModule;
  readonly #binary: boolean;

  constructor(name: string, module: RomModule, binary: boolean, inode: number) {
    super(name, 'file', inode, 'rom', false);
    this.#module = module;
    this.#binary = binary;
  }

  #content(): Uint8Array {
    return this.#binary ? this.#module.content() : textContent(this.#module.content());
  }

  protected size(): number {
    return this.#content().length;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    if (this.#binary) return new ContentHandle(flags, this.#module.content(), this.nodeStat());
    this.#module.updateInPlace();
    /* a copy: the next open's refresh rewrites the module's memory */
    return new ContentHandle(flags, textContent(this.#module.content()).slice(), this.nodeStat());
  }
}
