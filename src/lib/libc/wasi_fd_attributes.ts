/*
 * Descriptor bookkeeping and attributes: fd_close, fd_renumber, fdstat,
 * filestat, advise, allocate, sync, readdir and the prestat calls through
 * which wasi-libc learns its preopened directories at start-up.
 */

import type { VfsDirEntry } from '../vfs/interface.js';
import { fileTypeOf, type Descriptor } from './descriptor.js';
import { SyscallError } from './errors.js';
import { closeDescriptor, requestedTimes, stampModification, writeFilestat, writeStreamFilestat } from './file_status.js';
import { encodeUtf8 } from './guest_memory.js';
import { parentPath } from './guest_path.js';
import type { SyscallContext, Syscalls } from './syscall_context.js';
import { ADVICE_MAX, FD_FLAGS_ALL, Layout, PREOPENTYPE_DIR, Right, WasiErrno } from './wasi_abi.js';

function size(value: bigint): number {
  const unsigned = BigInt.asUintN(64, value);
  if (unsigned > BigInt(Number.MAX_SAFE_INTEGER)) throw new SyscallError(WasiErrno.FBIG, 'size too large');
  return Number(unsigned);
}

export function fdAttributeSyscalls(context: SyscallContext): Syscalls {
  const { memory, descriptors, vfs, clocks } = context;

  const preopen = (fd: number): { name: Uint8Array } => {
    const descriptor = descriptors.get(fd);
    if (descriptor.kind !== 'directory' || descriptor.preopenName === undefined) {
      throw new SyscallError(WasiErrno.INVAL, `fd ${fd} is not a preopened directory`);
    }
    return { name: encodeUtf8(descriptor.preopenName) };
  };

  /*
   * A directory's entries as POSIX lists them: '.' and '..' first (the
   * VFS's listings have neither, as Genode's), '..' of the root being the
   * root. The parent is the lexical one, as paths resolve here.
   */
  const listing = (path: string): VfsDirEntry[] => {
    const self = vfs.stat(path, true).inode;
    const parent = path === '/' ? self : vfs.stat(parentPath(path), true).inode;
    return [{ name: '.', type: 'directory', inode: self }, { name: '..', type: 'directory', inode: parent }, ...vfs.readdir(path)];
  };

  const sync = (descriptor: Descriptor): void => {
    if (descriptor.kind !== 'file') return;
    stampModification(descriptor, clocks);
    descriptor.handle.sync();
  };

  return {
    fd_close(fd: number) {
      closeDescriptor(descriptors.remove(fd), clocks);
    },

    fd_renumber(from: number, to: number) {
      const replaced = descriptors.renumber(from, to);
      if (replaced !== undefined) closeDescriptor(replaced, clocks);
    },

    fd_fdstat_get(fd: number, ptr: number) {
      const descriptor = descriptors.get(fd);
      memory.slice(ptr, Layout.FDSTAT).fill(0);
      memory.setU8(ptr, descriptor.fileType);
      memory.setU16(ptr + 2, descriptor.flags);
      memory.setU64(ptr + 8, descriptor.rights.base);
      memory.setU64(ptr + 16, descriptor.rights.inheriting);
    },

    fd_fdstat_set_flags(fd: number, flags: number) {
      const descriptor = descriptors.get(fd, Right.FD_FDSTAT_SET_FLAGS);
      if ((flags & ~FD_FLAGS_ALL) !== 0) throw new SyscallError(WasiErrno.INVAL, `unknown fdflags ${flags}`);
      descriptor.flags = flags;
    },

    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint) {
      const descriptor = descriptors.get(fd);
      const wantBase = BigInt.asUintN(64, base);
      const wantInheriting = BigInt.asUintN(64, inheriting);
      /* Rights can only be dropped, never gained. */
      if ((wantBase & ~descriptor.rights.base) !== 0n || (wantInheriting & ~descriptor.rights.inheriting) !== 0n) {
        throw new SyscallError(WasiErrno.NOTCAPABLE, 'rights can only be dropped');
      }
      descriptor.rights.base = wantBase;
      descriptor.rights.inheriting = wantInheriting;
    },

    fd_filestat_get(fd: number, ptr: number) {
      const descriptor = descriptors.get(fd, Right.FD_FILESTAT_GET);
      if (descriptor.kind === 'file') {
        /* a program sees its own writes in the time, as it would on Linux */
        stampModification(descriptor, clocks);
        writeFilestat(memory, ptr, descriptor.handle.stat(), descriptor.fileType);
      } else if (descriptor.kind === 'directory') writeFilestat(memory, ptr, vfs.stat(descriptor.path, true));
      else writeStreamFilestat(memory, ptr);
    },

    fd_filestat_set_size(fd: number, newSize: bigint) {
      const descriptor = descriptors.get(fd, Right.FD_FILESTAT_SET_SIZE);
      if (descriptor.kind === 'file') {
        descriptor.handle.truncate(size(newSize));
        descriptor.modified = true;
      } else if (descriptor.kind === 'directory') {
        throw new SyscallError(WasiErrno.ISDIR, 'truncate a directory');
      }
    },

    fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, flags: number) {
      const descriptor = descriptors.get(fd, Right.FD_FILESTAT_SET_TIMES);
      const times = requestedTimes(flags, atim, mtim, clocks);
      /* Where a plugin keeps no times, success without effect, as Genode's default. */
      if (descriptor.kind === 'file') {
        /* set times win over a pending stamp of the writes before */
        descriptor.modified = false;
        descriptor.handle.setTimes?.(times);
      } else if (descriptor.kind === 'directory') {
        vfs.setTimes(descriptor.path, times, true);
      }
    },

    fd_advise(fd: number, _offset: bigint, _length: bigint, advice: number) {
      descriptors.get(fd, Right.FD_ADVISE);
      if (advice > ADVICE_MAX) throw new SyscallError(WasiErrno.INVAL, `unknown advice ${advice}`);
    },

    fd_allocate(fd: number, offset: bigint, length: bigint) {
      const descriptor = descriptors.get(fd, Right.FD_ALLOCATE);
      if (descriptor.kind !== 'file') throw new SyscallError(WasiErrno.BADF, 'allocate on a non-file');
      if (descriptor.terminal) throw new SyscallError(WasiErrno.SPIPE, 'allocate on a terminal');
      const end = size(offset) + size(length);
      if (BigInt.asUintN(64, length) === 0n) throw new SyscallError(WasiErrno.INVAL, 'allocate of zero bytes');
      if (end > descriptor.handle.stat().size) {
        descriptor.handle.truncate(end);
        descriptor.modified = true;
      }
    },

    fd_sync(fd: number) {
      sync(descriptors.get(fd, Right.FD_SYNC));
    },

    fd_datasync(fd: number) {
      sync(descriptors.get(fd, Right.FD_DATASYNC));
    },

    fd_readdir(fd: number, buf: number, bufLength: number, cookie: bigint, bufusedPtr: number) {
      const descriptor = descriptors.get(fd, Right.FD_READDIR);
      if (descriptor.kind !== 'directory') throw new SyscallError(WasiErrno.NOTDIR, 'readdir on a non-directory');
      const start = BigInt.asUintN(64, cookie);
      if (start === 0n || descriptor.listing.length === 0) descriptor.listing = listing(descriptor.path);
      const target = memory.slice(buf, bufLength);
      const header = new DataView(new ArrayBuffer(Layout.DIRENT));
      let used = 0;
      for (let index = Number(start); index < descriptor.listing.length && used < bufLength; index++) {
        const entry = descriptor.listing[index];
        if (entry === undefined) break;
        const name = encodeUtf8(entry.name);
        header.setBigUint64(0, BigInt(index + 1), true);
        header.setBigUint64(8, BigInt(entry.inode), true);
        header.setUint32(16, name.length, true);
        header.setUint8(20, fileTypeOf(entry.type));
        /* An entry that does not fit is cut off at the buffer's end: wasi-libc sees a full buffer and retries with a larger one. */
        const headerBytes = new Uint8Array(header.buffer).subarray(0, Math.min(Layout.DIRENT, bufLength - used));
        target.set(headerBytes, used);
        used += headerBytes.length;
        const nameBytes = name.subarray(0, Math.min(name.length, bufLength - used));
        target.set(nameBytes, used);
        used += nameBytes.length;
      }
      memory.setU32(bufusedPtr, used);
    },

    fd_prestat_get(fd: number, ptr: number) {
      const { name } = preopen(fd);
      memory.setU32(ptr, PREOPENTYPE_DIR);
      memory.setU32(ptr + 4, name.length);
    },

    fd_prestat_dir_name(fd: number, pathPtr: number, pathLength: number) {
      const { name } = preopen(fd);
      /* wasmtime's answer (node:wasi's is ENOBUFS); the test suite takes EINVAL or ENAMETOOLONG */
      if (pathLength < name.length) throw new SyscallError(WasiErrno.NAMETOOLONG, 'buffer too small for the preopen name');
      memory.slice(pathPtr, name.length).set(name);
    },
  };
}
