/*
 * Inode numbers of one VFS. Every node that a plugin inside the component
 * makes (config directories, single files, ram and tar nodes) draws its
 * number here, so that no two of them share one; nodes of a File_system
 * server keep the server's numbers.
 */

export class InodeAllocator {
  #next = 1;

  /** A number not handed out before. */
  allocate(): number {
    return this.#next++;
  }
}
