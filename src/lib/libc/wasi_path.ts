/*
 * The path_* calls: opening, creating, linking and removing nodes by a
 * path relative to a directory descriptor. The node-type rules of POSIX
 * (unlink of a directory is EISDIR, rmdir of a file ENOTDIR, rename
 * between a file and a directory, a trailing '/' on a file or on a name
 * to be created) are checked here, so every VFS plugin behaves alike
 * behind the C runtime. Nodes the runtime creates get the time of their
 * creation (file_status.ts).
 */

import { VfsError, type Vfs, type VfsStat } from '../vfs/interface.js';
import { DirectoryDescriptor, FileDescriptor, fileTypeOf, isTerminal, maximalRights } from './descriptor.js';
import { SyscallError } from './errors.js';
import { creationTimes, requestedTimes, writeFilestat } from './file_status.js';
import { encodeUtf8 } from './guest_memory.js';
import { resolveGuestPath, type GuestPath } from './guest_path.js';
import type { SyscallContext, Syscalls } from './syscall_context.js';
import { FD_FLAGS_ALL, FileType, LOOKUP_SYMLINK_FOLLOW, OpenFlag, Right, WasiErrno } from './wasi_abi.js';

const READ_RIGHTS = Right.FD_READ | Right.FD_READDIR;
const WRITE_RIGHTS = Right.FD_DATASYNC | Right.FD_WRITE | Right.FD_ALLOCATE | Right.FD_FILESTAT_SET_SIZE;

/** The node at `path`, or undefined if there is none (other lookup errors are thrown). */
export function statIfAny(vfs: Vfs, path: string, follow: boolean): VfsStat | undefined {
  try {
    return vfs.stat(path, follow);
  } catch (error) {
    if (error instanceof VfsError && error.errno === WasiErrno.NOENT) return undefined;
    throw error;
  }
}

function isInside(path: string, directory: string): boolean {
  return directory === '/' ? path !== '/' : path.startsWith(directory + '/');
}

export function pathSyscalls(context: SyscallContext): Syscalls {
  const { memory, descriptors, vfs, clocks } = context;

  /* The directory `fd` (with `rights`) and `path` resolved against it. */
  const resolve = (fd: number, rights: bigint, pathPtr: number, pathLength: number): GuestPath => {
    const directory = descriptors.get(fd, rights);
    if (directory.kind !== 'directory') throw new SyscallError(WasiErrno.NOTDIR, `fd ${fd} is not a directory`);
    return resolveGuestPath(directory.path, memory.string(pathPtr, pathLength));
  };

  const existing = (target: GuestPath, follow: boolean): VfsStat => {
    const stat = vfs.stat(target.path, follow);
    if (target.directoryRequired && stat.type !== 'directory') throw new SyscallError(WasiErrno.NOTDIR, `${target.path} is not a directory`);
    return stat;
  };

  return {
    path_open(dirFd: number, lookupFlags: number, pathPtr: number, pathLength: number, openFlags: number,
      rightsBase: bigint, rightsInheriting: bigint, fdFlags: number, fdPtr: number) {
      let needed = Right.PATH_OPEN;
      if ((openFlags & OpenFlag.CREAT) !== 0) needed |= Right.PATH_CREATE_FILE;
      if ((openFlags & OpenFlag.TRUNC) !== 0) needed |= Right.PATH_FILESTAT_SET_SIZE;
      const target = resolve(dirFd, needed, pathPtr, pathLength);
      const parent = descriptors.get(dirFd);
      const requested = { base: BigInt.asUintN(64, rightsBase), inheriting: BigInt.asUintN(64, rightsInheriting) };
      if (((requested.base | requested.inheriting) & ~parent.rights.inheriting) !== 0n) {
        throw new SyscallError(WasiErrno.NOTCAPABLE, 'requested rights exceed the directory\'s inheritable rights');
      }
      if ((fdFlags & ~FD_FLAGS_ALL) !== 0 || openFlags > 15) throw new SyscallError(WasiErrno.INVAL, 'unknown open flags');
      const write = (requested.base & WRITE_RIGHTS) !== 0n;
      const read = (requested.base & READ_RIGHTS) !== 0n || !write;
      const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
      const create = (openFlags & OpenFlag.CREAT) !== 0;
      const exclusive = (openFlags & OpenFlag.EXCL) !== 0;

      const stat = statIfAny(vfs, target.path, follow);
      const openDirectory = (): number => {
        const rights = maximalRights(FileType.DIRECTORY, false, read, false);
        return descriptors.insert(new DirectoryDescriptor(target.path,
          { base: requested.base & rights.base, inheriting: requested.inheriting & rights.inheriting }));
      };

      if ((openFlags & OpenFlag.DIRECTORY) !== 0) {
        if (create) throw new SyscallError(WasiErrno.INVAL, 'O_CREAT with O_DIRECTORY');
        if (stat === undefined) throw new SyscallError(WasiErrno.NOENT, `${target.path} does not exist`);
        if (stat.type !== 'directory') throw new SyscallError(WasiErrno.NOTDIR, `${target.path} is not a directory`);
        if (write) throw new SyscallError(WasiErrno.ISDIR, `${target.path} is a directory: it cannot be opened with write rights`);
        memory.setU32(fdPtr, openDirectory());
        return;
      }
      if (stat !== undefined) {
        if (create && exclusive) throw new SyscallError(WasiErrno.EXIST, `${target.path} exists`);
        if (stat.type === 'symlink') throw new SyscallError(WasiErrno.LOOP, `${target.path} is a symbolic link (O_NOFOLLOW)`);
        if (stat.type === 'directory') {
          if (write) throw new SyscallError(WasiErrno.ISDIR, `${target.path} is a directory`);
          memory.setU32(fdPtr, openDirectory());
          return;
        }
        if (target.directoryRequired) throw new SyscallError(WasiErrno.NOTDIR, `${target.path} is not a directory`);
      } else if (target.directoryRequired) {
        throw new SyscallError(create ? WasiErrno.ISDIR : WasiErrno.NOENT, `${target.path}/ names no directory`);
      }

      const handle = vfs.open(target.path, {
        read, write, create, exclusive,
        truncate: (openFlags & OpenFlag.TRUNC) !== 0,
        /* The runtime appends itself (fd_write at the current size), so that fcntl can switch O_APPEND off again. */
        append: false,
        noFollow: !follow,
      });
      try {
        if (stat === undefined) handle.setTimes?.(creationTimes(clocks));
        const fileType = fileTypeOf(handle.stat().type);
        const terminal = fileType === FileType.CHARACTER_DEVICE && isTerminal(vfs, target.path);
        const rights = maximalRights(fileType, terminal, read, write);
        const file = new FileDescriptor(target.path, handle, fileType, terminal,
          { base: requested.base & rights.base, inheriting: requested.inheriting & rights.inheriting }, fdFlags);
        /* POSIX: O_TRUNC of an existing file marks it modified */
        file.modified = stat !== undefined && (openFlags & OpenFlag.TRUNC) !== 0;
        memory.setU32(fdPtr, descriptors.insert(file));
      } catch (error) {
        handle.close();
        throw error;
      }
    },

    path_create_directory(fd: number, pathPtr: number, pathLength: number) {
      const target = resolve(fd, Right.PATH_CREATE_DIRECTORY, pathPtr, pathLength);
      if (statIfAny(vfs, target.path, false) !== undefined) throw new SyscallError(WasiErrno.EXIST, `${target.path} exists`);
      vfs.mkdir(target.path);
      vfs.setTimes(target.path, creationTimes(clocks), false);
    },

    path_remove_directory(fd: number, pathPtr: number, pathLength: number) {
      const target = resolve(fd, Right.PATH_REMOVE_DIRECTORY, pathPtr, pathLength);
      if (/(^|\/)\.\/*$/.test(memory.string(pathPtr, pathLength))) throw new SyscallError(WasiErrno.INVAL, 'cannot remove "."');
      if (existing(target, false).type !== 'directory') throw new SyscallError(WasiErrno.NOTDIR, `${target.path} is not a directory`);
      vfs.rmdir(target.path);
    },

    path_unlink_file(fd: number, pathPtr: number, pathLength: number) {
      const target = resolve(fd, Right.PATH_UNLINK_FILE, pathPtr, pathLength);
      const stat = vfs.stat(target.path, false);
      if (stat.type === 'directory') throw new SyscallError(WasiErrno.ISDIR, `${target.path} is a directory`);
      if (target.directoryRequired) throw new SyscallError(WasiErrno.NOTDIR, `${target.path} is not a directory`);
      vfs.unlink(target.path);
    },

    path_rename(fromFd: number, fromPtr: number, fromLength: number, toFd: number, toPtr: number, toLength: number) {
      const from = resolve(fromFd, Right.PATH_RENAME_SOURCE, fromPtr, fromLength);
      const to = resolve(toFd, Right.PATH_RENAME_TARGET, toPtr, toLength);
      const source = existing(from, false);
      const destination = statIfAny(vfs, to.path, false);
      if (source.type === 'directory' && isInside(to.path, from.path)) {
        throw new SyscallError(WasiErrno.INVAL, `cannot move ${from.path} into itself`);
      }
      if (destination !== undefined) {
        if (from.path === to.path) return;
        if (source.type === 'directory' && destination.type !== 'directory') throw new SyscallError(WasiErrno.NOTDIR, `${to.path} is not a directory`);
        if (source.type !== 'directory' && destination.type === 'directory') throw new SyscallError(WasiErrno.ISDIR, `${to.path} is a directory`);
        if (destination.type === 'directory' && vfs.readdir(to.path).length > 0) throw new SyscallError(WasiErrno.NOTEMPTY, `${to.path} is not empty`);
      } else if (to.directoryRequired && source.type !== 'directory') {
        throw new SyscallError(WasiErrno.NOTDIR, `${to.path}/ names no directory`);
      }
      vfs.rename(from.path, to.path);
    },

    path_symlink(targetPtr: number, targetLength: number, fd: number, pathPtr: number, pathLength: number) {
      const linkTarget = memory.string(targetPtr, targetLength);
      /*
       * WASI's rule, kept by every runtime: a program's symlink stays
       * below its directory. The VFS's own (config, tar) may be absolute.
       */
      if (linkTarget.startsWith('/')) throw new SyscallError(WasiErrno.PERM, `absolute symlink target "${linkTarget}"`);
      const link = resolve(fd, Right.PATH_SYMLINK, pathPtr, pathLength);
      if (statIfAny(vfs, link.path, false) !== undefined) throw new SyscallError(WasiErrno.EXIST, `${link.path} exists`);
      if (link.directoryRequired) throw new SyscallError(WasiErrno.NOENT, `${link.path}/: a new symlink's name cannot end in '/'`);
      if (linkTarget === '') throw new SyscallError(WasiErrno.NOENT, 'empty symlink target');
      vfs.symlink(linkTarget, link.path);
      vfs.setTimes(link.path, creationTimes(clocks), false);
    },

    path_readlink(fd: number, pathPtr: number, pathLength: number, buf: number, bufLength: number, bufusedPtr: number) {
      const target = resolve(fd, Right.PATH_READLINK, pathPtr, pathLength);
      if (vfs.stat(target.path, false).type !== 'symlink') throw new SyscallError(WasiErrno.INVAL, `${target.path} is not a symbolic link`);
      const bytes = encodeUtf8(vfs.readlink(target.path));
      const length = Math.min(bytes.length, bufLength);
      memory.slice(buf, length).set(bytes.subarray(0, length));
      memory.setU32(bufusedPtr, length);
    },

    path_filestat_get(fd: number, lookupFlags: number, pathPtr: number, pathLength: number, ptr: number) {
      const target = resolve(fd, Right.PATH_FILESTAT_GET, pathPtr, pathLength);
      writeFilestat(memory, ptr, existing(target, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0));
    },

    path_filestat_set_times(fd: number, lookupFlags: number, pathPtr: number, pathLength: number,
      atim: bigint, mtim: bigint, flags: number) {
      const target = resolve(fd, Right.PATH_FILESTAT_SET_TIMES, pathPtr, pathLength);
      const times = requestedTimes(flags, atim, mtim, clocks);
      const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
      existing(target, follow);
      /* Where a plugin keeps no times, success without effect, as Genode's default. */
      vfs.setTimes(target.path, times, follow);
    },

    /* Linux's order of checks; with SYMLINK_FOLLOW a symlink at `from` is followed (linkat's AT_SYMLINK_FOLLOW). */
    path_link(fromFd: number, lookupFlags: number, fromPtr: number, fromLength: number, toFd: number, toPtr: number, toLength: number) {
      const from = resolve(fromFd, Right.PATH_LINK_SOURCE, fromPtr, fromLength);
      const to = resolve(toFd, Right.PATH_LINK_TARGET, toPtr, toLength);
      const follow = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0;
      if (existing(from, follow).type === 'directory') throw new SyscallError(WasiErrno.PERM, `${from.path} is a directory: no hard links to it`);
      if (statIfAny(vfs, to.path, false) !== undefined) throw new SyscallError(WasiErrno.EXIST, `${to.path} exists`);
      if (to.directoryRequired) throw new SyscallError(WasiErrno.NOENT, `${to.path}/: a new link's name cannot end in '/'`);
      vfs.link(from.path, to.path, follow);
    },
  };
}
