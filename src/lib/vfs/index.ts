/*
 * The VFS library (spec/runtime.md §2): what the C runtime and the `vfs`
 * server link. Build a VFS from a `<vfs>` config with createVfs; every
 * operation on it is synchronous.
 *
 *   import { createVfs, READ_ONLY } from '../../lib/vfs/index.js';
 *   const vfs = await createVfs(env, config.xml.child('vfs'));
 *   const handle = vfs.open('/etc/motd', READ_ONLY);
 */

export * from './interface.js';
export { createVfs, buildVfs } from './create_vfs.js';
export { VfsRoot, MAX_SYMLINKS } from './vfs_root.js';
export { VfsConfigError } from './errors.js';
export { TarArchiveInvalid, parseTar, type TarEntry } from './tar_archive.js';
export { writeTar, type TarWriterEntry } from './tar_writer.js';
export { openFlags, READ_ONLY, WRITE_ONLY, READ_WRITE, CREATE_WRITE } from './open_flags.js';
export { normalisePath, checkPath, MAX_NAME_BYTES, MAX_PATH_BYTES } from './path.js';
export { LimitedRamAccount, MeteredRamAccount, type RamAccount } from './ram_account.js';
export type { VfsServices, RomModule, LogSink, Clock, Closeable } from './services.js';
