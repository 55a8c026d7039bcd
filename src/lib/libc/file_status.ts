/*
 * The `filestat` structure, written from a VFS stat, and the times
 * programs set. A node's access time is its plugin's where it keeps one
 * (ram), else its modification time; the VFS keeps no status-change time,
 * so the modification time stands in. The device is always 0 (one VFS
 * per component); the link count is the node's names.
 *
 * The runtime sets times from its own wall clock, as Genode's libc does
 * (plugins have no clock): a node it creates gets the time of its
 * creation, and a file written through a descriptor gets the time of the
 * next sync, stat or close of that descriptor (Genode's update_mtime).
 */

import type { VfsStat, VfsTimes } from '../vfs/interface.js';
import type { Clocks } from './clock.js';
import { fileTypeOf, releaseDescriptor, type Descriptor, type FileDescriptor } from './descriptor.js';
import type { GuestMemory } from './guest_memory.js';
import { ClockId, FileType, FstFlags, Layout, WasiErrno } from './wasi_abi.js';
import { SyscallError } from './errors.js';

export function writeFilestat(memory: GuestMemory, ptr: number, stat: VfsStat, fileType = fileTypeOf(stat.type)): void {
  memory.slice(ptr, Layout.FILESTAT).fill(0);
  memory.setU64(ptr, 0n);
  memory.setU64(ptr + 8, BigInt(stat.inode));
  memory.setU8(ptr + 16, fileType);
  memory.setU64(ptr + 24, BigInt(stat.links ?? 1));
  memory.setU64(ptr + 32, BigInt(stat.size));
  memory.setU64(ptr + 40, stat.accessTime ?? stat.modificationTime);
  memory.setU64(ptr + 48, stat.modificationTime);
  memory.setU64(ptr + 56, stat.modificationTime);
}

/** The filestat of a stream without a node (a standard stream leading nowhere). */
export function writeStreamFilestat(memory: GuestMemory, ptr: number): void {
  memory.slice(ptr, Layout.FILESTAT).fill(0);
  memory.setU8(ptr + 16, FileType.CHARACTER_DEVICE);
  memory.setU64(ptr + 24, 1n);
}

/** The times a set-times call asks for (`now` read once, if needed); invalid flag combinations are EINVAL. */
export function requestedTimes(flags: number, atim: bigint, mtim: bigint, clocks: Clocks): VfsTimes {
  if (flags > 15) throw new SyscallError(WasiErrno.INVAL, `unknown fstflags ${flags}`);
  if ((flags & FstFlags.ATIM) !== 0 && (flags & FstFlags.ATIM_NOW) !== 0) throw new SyscallError(WasiErrno.INVAL, 'ATIM with ATIM_NOW');
  if ((flags & FstFlags.MTIM) !== 0 && (flags & FstFlags.MTIM_NOW) !== 0) throw new SyscallError(WasiErrno.INVAL, 'MTIM with MTIM_NOW');
  const now = (flags & (FstFlags.ATIM_NOW | FstFlags.MTIM_NOW)) !== 0 ? clocks.now(ClockId.REALTIME) : 0n;
  const pick = (given: number, current: number, time: bigint): bigint | undefined =>
    (flags & current) !== 0 ? now : (flags & given) !== 0 ? BigInt.asUintN(64, time) : undefined;
  const access = pick(FstFlags.ATIM, FstFlags.ATIM_NOW, atim);
  const modification = pick(FstFlags.MTIM, FstFlags.MTIM_NOW, mtim);
  return { ...(access === undefined ? {} : { access }), ...(modification === undefined ? {} : { modification }) };
}

/** Both times of a node the runtime just created. */
export function creationTimes(clocks: Clocks): VfsTimes {
  const now = clocks.now(ClockId.REALTIME);
  return { access: now, modification: now };
}

/** Gives a file written through `file` the modification time of now; nothing if it was not written since. */
export function stampModification(file: FileDescriptor, clocks: Clocks): void {
  if (!file.modified) return;
  file.modified = false;
  if (file.handle.setTimes !== undefined) file.handle.setTimes({ modification: clocks.now(ClockId.REALTIME) });
}

/** Gives up one descriptor number (fd_close, fd_renumber, exit); a written file gets its modification time first. */
export function closeDescriptor(descriptor: Descriptor, clocks: Clocks): void {
  try {
    if (descriptor.kind === 'file') stampModification(descriptor, clocks);
  } finally {
    /* the number is gone either way; a failed stamp (a server gone) is the close's error */
    releaseDescriptor(descriptor);
  }
}
