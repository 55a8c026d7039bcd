/*
 * `<inline name="f">text</inline>`: one read-only file with the node's
 * text as content (entities decoded, as Genode's Xml_node::decoded_content).
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
