/*
 * The `filestat` structure, written from a VFS stat. The VFS keeps one
 * timestamp per node (Genode's modification time), so it is also the
 * access and status-change time; the device is always 0 (one VFS per
 * component) and every node has one link (the VFS has no hard links).
 */

import type { VfsStat } from '../vfs/interface.js';
import { fileTypeOf } from './descriptor.js';
import type { GuestMemory } from './guest_memory.js';
import { FileType, FstFlags, Layout, WasiErrno } from './wasi_abi.js';
import { SyscallError } from './errors.js';

export function writeFilestat(memory: GuestMemory, ptr: number, stat: VfsStat, fileType = fileTypeOf(stat.type)): void {
  memory.slice(ptr, Layout.FILESTAT).fill(0);
  memory.setU64(ptr, 0n);
  memory.setU64(ptr + 8, BigInt(stat.inode));
  memory.setU8(ptr + 16, fileType);
  memory.setU64(ptr + 24, 1n);
  memory.setU64(ptr + 32, BigInt(stat.size));
  memory.setU64(ptr + 40, stat.modificationTime);
  memory.setU64(ptr + 48, stat.modificationTime);
  memory.setU64(ptr + 56, stat.modificationTime);
}

/** The filestat of a stream without a node (a standard stream leading nowhere). */
export function writeStreamFilestat(memory: GuestMemory, ptr: number): void {
  memory.slice(ptr, Layout.FILESTAT).fill(0);
  memory.setU8(ptr + 16, FileType.CHARACTER_DEVICE);
  memory.setU64(ptr + 24, 1n);
}

/** The modification time a set-times call asks for, or undefined if it leaves it; invalid flag combinations are EINVAL. */
export function requestedModificationTime(flags: number, mtim: bigint, now: () => bigint): bigint | undefined {
  if (flags > 15) throw new SyscallError(WasiErrno.INVAL, `unknown fstflags ${flags}`);
  if ((flags & FstFlags.ATIM) !== 0 && (flags & FstFlags.ATIM_NOW) !== 0) throw new SyscallError(WasiErrno.INVAL, 'ATIM with ATIM_NOW');
  if ((flags & FstFlags.MTIM) !== 0 && (flags & FstFlags.MTIM_NOW) !== 0) throw new SyscallError(WasiErrno.INVAL, 'MTIM with MTIM_NOW');
  if ((flags & FstFlags.MTIM_NOW) !== 0) return now();
  if ((flags & FstFlags.MTIM) !== 0) return BigInt.asUintN(64, mtim);
  return undefined;
}
