/*
 * Reading, writing and positioning: fd_read, fd_write, fd_pread,
 * fd_pwrite, fd_seek, fd_tell. A read on a terminal with nothing typed
 * blocks in the VFS handle (waitReadReady) unless the descriptor is
 * non-blocking; a read that already got bytes never blocks for more.
 * Scattered writes are gathered into one VFS write, so a line printf'd in
 * pieces reaches a log or a file server in one call.
 */

import { VfsError } from '../vfs/interface.js';
import type { FileDescriptor } from './descriptor.js';
import { SyscallError } from './errors.js';
import type { SyscallContext, Syscalls } from './syscall_context.js';
import { FdFlags, Right, WasiErrno, Whence } from './wasi_abi.js';

/* fd_seek takes a signed 64-bit delta; positions beyond this are not representable as JS numbers. */
const MAX_OFFSET = BigInt(Number.MAX_SAFE_INTEGER);

function gather(buffers: readonly Uint8Array[]): Uint8Array {
  const nonEmpty = buffers.filter((buffer) => buffer.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0] as Uint8Array;
  let total = 0;
  for (const buffer of nonEmpty) total += buffer.length;
  const joined = new Uint8Array(total);
  let at = 0;
  for (const buffer of nonEmpty) {
    joined.set(buffer, at);
    at += buffer.length;
  }
  return joined;
}

/* Reads into `buffer`; blocks on an empty blocking device only if `mayBlock`. Answers undefined for "nothing now". */
function readSome(file: FileDescriptor, buffer: Uint8Array, offset: number, mayBlock: boolean): number | undefined {
  for (;;) {
    try {
      return file.handle.read(buffer, offset);
    } catch (error) {
      if (!(error instanceof VfsError) || error.errno !== WasiErrno.AGAIN) throw error;
      if (!mayBlock) return undefined;
      if ((file.flags & FdFlags.NONBLOCK) !== 0) throw error;
      file.handle.waitReadReady(undefined);
    }
  }
}

function readInto(file: FileDescriptor, buffers: readonly Uint8Array[], start: number): number {
  let total = 0;
  let offset = start;
  for (const buffer of buffers) {
    if (buffer.length === 0) continue;
    const got = readSome(file, buffer, offset, total === 0);
    if (got === undefined) break;
    total += got;
    offset += got;
    if (got < buffer.length) break;
  }
  return total;
}

function writeFrom(file: FileDescriptor, buffers: readonly Uint8Array[], offset: number): number {
  const data = gather(buffers);
  if (data.length === 0) return 0;
  let written = 0;
  /* A file system may take a large write in parts; a write that takes nothing ends the loop (the VFS throws for errors). */
  while (written < data.length) {
    const took = file.handle.write(written === 0 ? data : data.subarray(written), offset + written);
    if (took <= 0) break;
    written += took;
  }
  return written;
}

function fileOffset(value: bigint): number {
  const offset = BigInt.asUintN(64, value);
  if (offset > MAX_OFFSET) throw new SyscallError(WasiErrno.FBIG, 'offset too large');
  return Number(offset);
}

export function fdIoSyscalls(context: SyscallContext): Syscalls {
  const { memory, descriptors } = context;

  return {
    fd_read(fd: number, iovs: number, iovsLength: number, nreadPtr: number) {
      const descriptor = descriptors.get(fd, Right.FD_READ);
      const buffers = memory.iovecs(iovs, iovsLength);
      let read = 0;
      if (descriptor.kind === 'file') {
        read = readInto(descriptor, buffers, descriptor.offset);
        descriptor.offset += read;
      } else if (descriptor.kind === 'directory') {
        throw new SyscallError(WasiErrno.ISDIR, 'read from a directory');
      }
      memory.setU32(nreadPtr, read);
    },

    fd_pread(fd: number, iovs: number, iovsLength: number, offset: bigint, nreadPtr: number) {
      const descriptor = descriptors.get(fd, Right.FD_READ | Right.FD_SEEK);
      const buffers = memory.iovecs(iovs, iovsLength);
      let read = 0;
      if (descriptor.kind === 'file') read = readInto(descriptor, buffers, fileOffset(offset));
      else if (descriptor.kind === 'directory') throw new SyscallError(WasiErrno.ISDIR, 'read from a directory');
      memory.setU32(nreadPtr, read);
    },

    fd_write(fd: number, iovs: number, iovsLength: number, nwrittenPtr: number) {
      const descriptor = descriptors.get(fd, Right.FD_WRITE);
      const buffers = memory.iovecs(iovs, iovsLength);
      let written = 0;
      if (descriptor.kind === 'file') {
        const offset = (descriptor.flags & FdFlags.APPEND) !== 0 && !descriptor.terminal
          ? descriptor.handle.stat().size : descriptor.offset;
        written = writeFrom(descriptor, buffers, offset);
        descriptor.offset = offset + written;
        if (written > 0) descriptor.modified = true;
      } else if (descriptor.kind === 'nowhere') {
        for (const buffer of buffers) written += buffer.length;
      } else {
        throw new SyscallError(WasiErrno.ISDIR, 'write to a directory');
      }
      memory.setU32(nwrittenPtr, written);
    },

    fd_pwrite(fd: number, iovs: number, iovsLength: number, offset: bigint, nwrittenPtr: number) {
      const descriptor = descriptors.get(fd, Right.FD_WRITE | Right.FD_SEEK);
      const buffers = memory.iovecs(iovs, iovsLength);
      let written = 0;
      if (descriptor.kind === 'file') {
        written = writeFrom(descriptor, buffers, fileOffset(offset));
        if (written > 0) descriptor.modified = true;
      } else if (descriptor.kind === 'nowhere') for (const buffer of buffers) written += buffer.length;
      else throw new SyscallError(WasiErrno.ISDIR, 'write to a directory');
      memory.setU32(nwrittenPtr, written);
    },

    fd_seek(fd: number, delta: bigint, whence: number, newOffsetPtr: number) {
      const descriptor = descriptors.get(fd, Right.FD_SEEK);
      if (descriptor.kind !== 'file') {
        if (descriptor.kind === 'directory') throw new SyscallError(WasiErrno.BADF, 'seek on a directory');
        memory.setU64(newOffsetPtr, 0n);
        return;
      }
      if (descriptor.terminal) throw new SyscallError(WasiErrno.SPIPE, 'seek on a terminal');
      let base: bigint;
      switch (whence) {
        case Whence.SET: base = 0n; break;
        case Whence.CUR: base = BigInt(descriptor.offset); break;
        case Whence.END: base = BigInt(descriptor.handle.stat().size); break;
        default: throw new SyscallError(WasiErrno.INVAL, `unknown whence ${whence}`);
      }
      const target = base + BigInt.asIntN(64, delta);
      if (target < 0n) throw new SyscallError(WasiErrno.INVAL, 'seek before the start');
      if (target > MAX_OFFSET) throw new SyscallError(WasiErrno.OVERFLOW, 'seek beyond the representable');
      descriptor.offset = Number(target);
      memory.setU64(newOffsetPtr, target);
    },

    fd_tell(fd: number, offsetPtr: number) {
      const descriptor = descriptors.get(fd, Right.FD_TELL);
      memory.setU64(offsetPtr, BigInt(descriptor.kind === 'file' ? descriptor.offset : 0));
    },
  };
}
