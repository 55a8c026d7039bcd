/*
 * `<inline name="f">text</inline>`: one read-only file with the node's
 * raw text as content, as Genode's inline plugin (no entities decoded: an
 * inline file often holds XML, a config, which must stay as written).
 */

import type { OpenFlags, VfsHandle } from './interface.js';
import { ContentHandle } from './file_handle.js';
import { SingleFileSystem } from './single_file_system.js';

export class InlineFileSystem extends SingleFileSystem {
  readonly #content: Uint8Array;

  constructor(name: string, content: string, inode: number) {
    super(name, 'file', inode, 'inline', false);
    this.#content = new TextEncoder().encode(content);
  }

  protected size(): number {
    return this.#content.length;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    return new ContentHandle(flags, this.#content, this.nodeStat());
  }
}
