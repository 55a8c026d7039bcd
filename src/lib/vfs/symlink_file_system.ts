/*
 * `<symlink name="a" target="b"/>`: one symbolic link. The Vfs follows it
 * like any other (a relative target is relative to the directory the
 * link is in).
 */

import type { VfsHandle } from './interface.js';
import { invalid } from './errors.js';
import { utf8Length } from './path.js';
import { SingleFileSystem } from './single_file_system.js';

export class SymlinkFileSystem extends SingleFileSystem {
  readonly #target: string;

  constructor(name: string, target: string, inode: number) {
    super(name, 'symlink', inode, 'symlink', false);
    this.#target = target;
  }

  protected size(): number {
    return utf8Length(this.#target);
  }

  protected override linkTarget(): string {
    return this.#target;
  }

  protected openNode(): VfsHandle {
    /* unreachable: SingleFileSystem never opens a symlink */
    throw invalid('a symlink cannot be opened');
  }
}
