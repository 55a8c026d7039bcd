/*
 * Descriptors 0, 1 and 2 from `<libc stdin stdout stderr>`: each is a
 * VFS path opened before the program starts. A stream without a path, or
 * whose path cannot be opened (with a warning), leads nowhere: reads find
 * the end, writes vanish. Two streams on one path share one open file, so
 * stdout and stderr on a regular file do not overwrite each other.
 */

import { VfsError, type Vfs } from '../vfs/interface.js';
import { FileDescriptor, NowhereDescriptor, fileTypeOf, isTerminal, maximalRights, type Descriptor } from './descriptor.js';
import type { LibcConfig } from './libc_config.js';
import { FileType } from './wasi_abi.js';

function openStream(vfs: Vfs, path: string, read: boolean, warn: (message: string) => void): Descriptor {
  try {
    const handle = vfs.open(path, { read, write: !read, create: false, exclusive: false, truncate: false, append: false });
    const fileType = fileTypeOf(handle.stat().type);
    const terminal = fileType === FileType.CHARACTER_DEVICE && isTerminal(vfs, path);
    const rights = maximalRights(fileType, terminal, read, !read);
    return new FileDescriptor(path, handle, fileType, terminal, rights, 0);
  } catch (error) {
    if (!(error instanceof VfsError)) throw error;
    warn(`libc: cannot open ${read ? 'stdin' : 'stdout/stderr'} "${path}" (${error.message}); the stream leads nowhere`);
    return new NowhereDescriptor();
  }
}

/** The three standard descriptors, in order. */
export function openStandardStreams(vfs: Vfs, config: LibcConfig, warn: (message: string) => void): [Descriptor, Descriptor, Descriptor] {
  const stdin = config.stdin === undefined ? new NowhereDescriptor() : openStream(vfs, config.stdin, true, warn);
  const stdout = config.stdout === undefined ? new NowhereDescriptor() : openStream(vfs, config.stdout, false, warn);
  let stderr: Descriptor;
  if (config.stderr === undefined) {
    stderr = new NowhereDescriptor();
  } else if (config.stderr === config.stdout && stdout.kind === 'file') {
    stdout.shares++;
    stderr = stdout;
  } else {
    stderr = openStream(vfs, config.stderr, false, warn);
  }
  return [stdin, stdout, stderr];
}
