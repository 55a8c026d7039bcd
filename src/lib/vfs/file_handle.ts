/*
 * The common part of file handles: access checks against the open flags
 * (EBADF for a read of a handle opened write only and the like), and the
 * answers of files that never block. Plugins implement readAt/writeAt.
 */

import type { OpenFlags, VfsHandle, VfsStat } from './interface.js';
import { invalid } from './errors.js';
import { checkReadable, checkWriteable } from './open_flags.js';

export abstract class FileHandle implements VfsHandle {
  protected constructor(protected readonly flags: OpenFlags) {}

  abstract stat(): VfsStat;

  /** Reads at `offset` into `buffer`; answers the bytes read. */
  protected abstract readAt(buffer: Uint8Array, offset: number): number;

  /** Writes `data` at `offset` (or at the end when appending); answers the bytes written. */
  protected abstract writeAt(data: Uint8Array, offset: number): number;

  read(buffer: Uint8Array, offset: number): number {
    checkReadable(this.flags);
    return this.readAt(buffer, offset);
  }

  write(data: Uint8Array, offset: number): number {
    checkWriteable(this.flags);
    return this.writeAt(data, offset);
  }

  truncate(size: number): void {
    /* POSIX ftruncate of a descriptor not open for writing is EINVAL (Linux) */
    if (!this.flags.write) throw invalid('truncate of a file not opened for writing');
    this.truncateTo(size);
  }

  /** Sets the size; devices ignore it. */
  protected truncateTo(_size: number): void {}

  sync(): void {}

  readReady(): boolean {
    return true;
  }

  waitReadReady(_timeoutNs: bigint | undefined): boolean {
    return this.readReady();
  }

  close(): void {}
}

/** Copies `content[offset...]` into `buffer`; answers the bytes copied. */
export function readContent(content: Uint8Array, buffer: Uint8Array, offset: number): number {
  if (offset >= content.length) return 0;
  const count = Math.min(buffer.length, content.length - offset);
  buffer.set(content.subarray(offset, offset + count));
  return count;
}

/** A handle on fixed content (inline, rom): a snapshot taken at open, so a read sequence sees one version. */
export class ContentHandle extends FileHandle {
  readonly #content: Uint8Array;
  readonly #stat: VfsStat;

  constructor(flags: OpenFlags, content: Uint8Array, stat: VfsStat) {
    super(flags);
    this.#content = content;
    this.#stat = { ...stat, size: content.length };
  }

  stat(): VfsStat {
    return this.#stat;
  }

  protected readAt(buffer: Uint8Array, offset: number): number {
    return readContent(this.#content, buffer, offset);
  }

  protected writeAt(): number {
    /* unreachable: the plugin refuses write opens */
    throw invalid('content is read only');
  }
}
