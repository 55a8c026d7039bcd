/*
 * What building one VFS from its config shares: the services of the
 * component, the inode numbers, the sessions opened so far (closed with
 * the VFS, or at once if building fails) and the imports to run once the
 * tree stands.
 */

import type { XmlNode } from 'nido';
import { InodeAllocator } from './inode_allocator.js';
import type { Closeable, VfsServices } from './services.js';
import type { StackedDirectory } from './stacked_directory.js';

export interface PendingImport {
  readonly node: XmlNode;
  readonly tree: StackedDirectory;
}

export class BuildContext {
  readonly inodes = new InodeAllocator();
  readonly resources: Closeable[] = [];
  readonly imports: PendingImport[] = [];

  constructor(readonly services: VfsServices) {}

  /** Records a session so that closing the VFS closes it. */
  own<T extends Closeable>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  /** Closes everything opened so far (a build that failed). */
  async abandon(): Promise<void> {
    for (const resource of this.resources.splice(0)) await resource.close().catch(() => undefined);
  }
}
