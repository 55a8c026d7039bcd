/*
 * WASI preview 1 for a noux process: every call on descriptors and paths
 * goes to noux (the process's kernel), which keeps the descriptor table,
 * the open files and the file system; argv, environment, clocks and
 * random bytes are answered here. The structures in linear memory are
 * WASI's (src/lib/libc/wasi_abi.ts); the calls are the noux session's.
 */

import type { SyncClient } from '../../base/interface.js';
import type { Noux, NouxStat, PollSubscription } from '../../session/noux/interface.js';
import type { Clocks } from '../libc/clock.js';
import type { Entropy } from '../libc/entropy.js';
import type { GuestMemory } from '../libc/guest_memory.js';
import { PIPE_BUF } from '../../session/noux/pipe_ring.js';
import type { PipeDescriptors, PipeRingIo } from './pipe_io.js';
import { stringTable, writeTable, writeTableSizes } from '../libc/string_table.js';
import { ClockId, EventType, Layout, SUBSCRIPTION_CLOCK_ABSTIME, WasiErrno } from '../libc/wasi_abi.js';

/** The descriptor at which a plain WASI program (one not built with nido cc) expects its preopened root. */
export const PLAIN_ROOT_FD = 3;

export interface ProcessCalls {
  readonly memory: GuestMemory;
  readonly kernel: SyncClient<Noux>;
  readonly clocks: Clocks;
  readonly entropy: Entropy;
  readonly argv: () => readonly string[];
  readonly environ: () => readonly string[];
  /** A program without noux imports: it finds the root as a preopen at descriptor 3. */
  readonly plain: () => boolean;
  readonly pid: () => number;
  /** The I/O buffer the process shares with noux: read and write move their bytes through it (PROCESS_IO_BYTES at most per call). */
  readonly io: Uint8Array;
  /** The process's pipe descriptors, whose bytes move here (pipe_io.ts). */
  readonly pipes: PipeDescriptors;
  /** Whether a signal is pending that a waiting call must give way to (with EINTR). */
  interrupted(): boolean;
  /**
   * Runs a system call that may be interrupted: delivers signals after it,
   * restarts it per SA_RESTART unless `restartable` is false (poll, as
   * Linux never restarts poll, select or nanosleep after a handler).
   */
  call<T>(invoke: () => T, restartable?: boolean): T;
  /** Delivers pending signals (at the end of a call that cannot be interrupted). */
  deliver(): void;
  /** Tells noux that the program ends and ends it. */
  exit(code: number): never;
}

type Import = (...args: never[]) => number;

const utf8 = new TextDecoder();

/* WASI's fdflags NONBLOCK. */
const NONBLOCK = 4;
const SIGPIPE = 13;

function errno(result: number): number {
  return result < 0 ? -result : WasiErrno.SUCCESS;
}

function concat(buffers: readonly Uint8Array[], total: number): Uint8Array {
  const data = new Uint8Array(total);
  let at = 0;
  for (const buffer of buffers) {
    data.set(buffer, at);
    at += buffer.length;
  }
  return data;
}

function writeStat(memory: GuestMemory, ptr: number, stat: NouxStat): void {
  const time = BigInt(stat.mtime);
  memory.setU64(ptr, 0n);
  memory.setU64(ptr + 8, BigInt(stat.inode));
  memory.setU8(ptr + 16, stat.filetype);
  memory.setU64(ptr + 24, BigInt(stat.nlink));
  memory.setU64(ptr + 32, BigInt(stat.size));
  memory.setU64(ptr + 40, BigInt(stat.atime));
  memory.setU64(ptr + 48, time);
  memory.setU64(ptr + 56, time);
}

/*
 * The first `n` bytes of `io` into `buffers`, in order (a read's
 * scatter). This and gather are functions of their own, not closures
 * made at every call: the runtime bundle keeps function names, which
 * costs each named closure made at run time half a microsecond.
 */
function scatter(io: Uint8Array, n: number, buffers: readonly Uint8Array[]): void {
  let at = 0;
  for (const buffer of buffers) {
    if (at >= n) break;
    const take = Math.min(buffer.length, n - at);
    buffer.set(io.subarray(at, at + take));
    at += take;
  }
}

/* `length` bytes of `buffers` from byte `from` of them on into the start of `io` (a write's gather). */
function gather(buffers: readonly Uint8Array[], from: number, length: number, io: Uint8Array): void {
  let skip = from;
  let at = 0;
  for (const buffer of buffers) {
    if (at >= length) break;
    if (skip >= buffer.length) {
      skip -= buffer.length;
      continue;
    }
    const take = Math.min(buffer.length - skip, length - at);
    io.set(buffer.subarray(skip, skip + take), at);
    at += take;
    skip = 0;
  }
}

export function wasiImports(p: ProcessCalls): Record<string, Import> {
  const { memory, kernel } = p;
  const path = (ptr: number, length: number) => utf8.decode(memory.slice(ptr, length));
  const sizes = (strings: readonly string[], countPtr: number, sizePtr: number) => {
    writeTableSizes(memory, stringTable(strings), countPtr, sizePtr);
    return 0;
  };
  const fill = (strings: readonly string[], pointers: number, buffer: number) => {
    writeTable(memory, stringTable(strings), pointers, buffer);
    return 0;
  };

  /* Tells noux of a change to a ring it watches (a poll waits on it). */
  const changed = (fd: number, ring: PipeRingIo) => {
    if (ring.watched) kernel.pipeChanged(fd);
  };

  /* A read from a pipe: what the ring holds, waiting while it is empty and a writer exists. */
  const pipeRead = (fd: number, ring: PipeRingIo, buffers: readonly Uint8Array[]): number => {
    if (buffers.every((buffer) => buffer.length === 0)) return 0;
    for (;;) {
      const got = ring.read(buffers, p.pid());
      if (got !== 'empty') {
        ring.progressed();
        changed(fd, ring);
        return got;
      }
      if ((ring.flags & NONBLOCK) !== 0) return -WasiErrno.AGAIN;
      if (p.interrupted()) return -WasiErrno.INTR;
      ring.wait();
    }
  };

  /* A write to a pipe: all of it, waiting for room as often as needed; a write of at most PIPE_BUF in one piece. */
  const pipeWrite = (fd: number, ring: PipeRingIo, buffers: readonly Uint8Array[]): number => {
    const total = buffers.reduce((sum, b) => sum + b.length, 0);
    const pieces = total <= PIPE_BUF && buffers.length > 1 ? [concat(buffers, total)] : buffers;
    let written = 0;
    for (const piece of pieces) {
      let at = 0;
      while (at < piece.length) {
        const put = ring.write(piece.subarray(at), p.pid());
        if (typeof put === 'number') {
          at += put;
          written += put;
          ring.progressed();
          changed(fd, ring);
          continue;
        }
        if (put === 'broken') {
          kernel.kill(p.pid(), SIGPIPE);
          return written > 0 ? written : -WasiErrno.PIPE;
        }
        if ((ring.flags & NONBLOCK) !== 0) return written > 0 ? written : -WasiErrno.AGAIN;
        if (p.interrupted()) return written > 0 ? written : -WasiErrno.INTR;
        ring.wait();
      }
    }
    return written;
  };

  const read = (fd: number, iovs: number, count: number, offset: number, resultPtr: number) => {
    const buffers = memory.iovecs(iovs, count);
    const ring = p.pipes.of(fd);
    if (ring !== undefined) {
      if (ring.end !== 'read') return simple(-WasiErrno.BADF);
      if (offset >= 0) return simple(-WasiErrno.SPIPE);
      const got = p.call(() => pipeRead(fd, ring, buffers));
      if (got < 0) return errno(got);
      memory.setU32(resultPtr, got);
      return 0;
    }
    const total = buffers.reduce((sum, b) => sum + b.length, 0);
    /* Taken out of the I/O buffer before the call ends: a signal handler run at its end may use the buffer itself. */
    const got = p.call(() => {
      const n = kernel.read(fd, Math.min(total, p.io.length), offset);
      if (n > 0) scatter(p.io, n, buffers);
      return n;
    });
    if (got < 0) return errno(got);
    memory.setU32(resultPtr, got);
    return 0;
  };

  const write = (fd: number, iovs: number, count: number, offset: number, resultPtr: number) => {
    const buffers = memory.iovecs(iovs, count).filter((b) => b.length > 0);
    const ring = p.pipes.of(fd);
    if (ring !== undefined) {
      if (ring.end !== 'write') return simple(-WasiErrno.BADF);
      if (offset >= 0) return simple(-WasiErrno.SPIPE);
      const n = p.call(() => pipeWrite(fd, ring, buffers));
      if (n < 0) return errno(n);
      memory.setU32(resultPtr, n);
      return 0;
    }
    const total = buffers.reduce((sum, b) => sum + b.length, 0);
    let written = 0;
    do {
      const from = written;
      const length = Math.min(p.io.length, total - from);
      /*
       * Into the I/O buffer at every attempt: a signal handler run between
       * two (SA_RESTART) may have used the buffer, or grown the memory and
       * so renewed the views of the program's buffers.
       */
      const n = p.call(() => {
        gather(memory.iovecs(iovs, count), from, length, p.io);
        return kernel.write(fd, length, offset < 0 ? -1 : offset + from);
      });
      if (n < 0) {
        if (written > 0) break;
        return errno(n);
      }
      written += n;
      if (n < length) break;
    } while (written < total);
    memory.setU32(resultPtr, written);
    return 0;
  };

  const simple = (result: number) => {
    p.deliver();
    return errno(result);
  };

  const imports: Record<string, Import> = {
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes(p.argv(), countPtr, sizePtr),
    args_get: (argv: number, buffer: number) => fill(p.argv(), argv, buffer),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(p.environ(), countPtr, sizePtr),
    environ_get: (pointers: number, buffer: number) => fill(p.environ(), pointers, buffer),
    clock_res_get: (id: number, ptr: number) => {
      memory.setU64(ptr, p.clocks.resolution(id));
      return 0;
    },
    clock_time_get: (id: number, _precision: bigint, ptr: number) => {
      memory.setU64(ptr, p.clocks.now(id));
      return 0;
    },
    random_get: (buffer: number, length: number) => {
      p.entropy(memory.slice(buffer, length));
      return 0;
    },
    proc_exit: (code: number) => p.exit(code),
    proc_raise: (sig: number) => simple(kernel.kill(p.pid(), sig)),
    sched_yield: () => 0,

    fd_read: (fd: number, iovs: number, count: number, resultPtr: number) => read(fd, iovs, count, -1, resultPtr),
    fd_pread: (fd: number, iovs: number, count: number, offset: bigint, resultPtr: number) => read(fd, iovs, count, Number(offset), resultPtr),
    fd_write: (fd: number, iovs: number, count: number, resultPtr: number) => write(fd, iovs, count, -1, resultPtr),
    fd_pwrite: (fd: number, iovs: number, count: number, offset: bigint, resultPtr: number) => write(fd, iovs, count, Number(offset), resultPtr),
    fd_seek: (fd: number, offset: bigint, whence: number, resultPtr: number) => {
      const position = kernel.seek(fd, Number(offset), whence);
      if (position >= 0) memory.setU64(resultPtr, BigInt(position));
      return simple(position);
    },
    fd_tell: (fd: number, resultPtr: number) => {
      const position = kernel.seek(fd, 0, 1);
      if (position >= 0) memory.setU64(resultPtr, BigInt(position));
      return simple(position);
    },
    fd_close: (fd: number) => {
      const result = kernel.close(fd);
      p.pipes.drop(fd);
      return simple(result);
    },
    fd_fdstat_get: (fd: number, ptr: number) => {
      const stat = kernel.fdstat(fd);
      if (typeof stat === 'number') return simple(stat);
      memory.setU8(ptr, stat.filetype);
      memory.setU16(ptr + 2, stat.flags);
      memory.setU64(ptr + 8, BigInt(stat.rightsBase));
      memory.setU64(ptr + 16, BigInt(stat.rightsInheriting));
      return simple(0);
    },
    fd_fdstat_set_flags: (fd: number, flags: number) => simple(kernel.setFdFlags(fd, flags)),
    fd_fdstat_set_rights: (fd: number, base: bigint, inheriting: bigint) => simple(kernel.setRights(fd, base.toString(), inheriting.toString())),
    fd_filestat_get: (fd: number, ptr: number) => {
      const stat = kernel.filestat(fd);
      if (typeof stat === 'number') return simple(stat);
      writeStat(memory, ptr, stat);
      return simple(0);
    },
    fd_filestat_set_size: (fd: number, size: bigint) => simple(kernel.setSize(fd, Number(size))),
    fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, flags: number) => simple(kernel.setTimes(fd, null, true, atim.toString(), mtim.toString(), flags)),
    fd_advise: (fd: number) => {
      const stat = kernel.fdstat(fd);
      return simple(typeof stat === 'number' ? stat : 0);
    },
    fd_allocate: (fd: number, offset: bigint, length: bigint) => {
      const stat = kernel.filestat(fd);
      if (typeof stat === 'number') return simple(stat);
      const end = Number(offset + length);
      return simple(end > stat.size ? kernel.setSize(fd, end) : 0);
    },
    fd_datasync: (fd: number) => simple(kernel.sync(fd)),
    fd_sync: (fd: number) => simple(kernel.sync(fd)),
    fd_prestat_get: (fd: number, ptr: number) => {
      if (!p.plain() || fd !== PLAIN_ROOT_FD) return WasiErrno.BADF;
      memory.setU8(ptr, 0);
      memory.setU32(ptr + 4, 1);
      return 0;
    },
    fd_prestat_dir_name: (fd: number, ptr: number, length: number) => {
      if (!p.plain() || fd !== PLAIN_ROOT_FD) return WasiErrno.BADF;
      if (length < 1) return WasiErrno.NAMETOOLONG;
      memory.setU8(ptr, '/'.charCodeAt(0));
      return 0;
    },
    fd_readdir: (fd: number, buffer: number, length: number, cookie: bigint, usedPtr: number) => {
      const entries = kernel.readdir(fd);
      if (typeof entries === 'number') return simple(entries);
      const target = memory.slice(buffer, length);
      let used = 0;
      for (let index = Number(cookie); index < entries.length && used < length; index++) {
        const entry = entries[index] as { name: string; filetype: number; inode: number };
        const name = new TextEncoder().encode(entry.name);
        const record = new Uint8Array(Layout.DIRENT + name.length);
        const view = new DataView(record.buffer);
        view.setBigUint64(0, BigInt(index + 1), true);
        view.setBigUint64(8, BigInt(entry.inode), true);
        view.setUint32(16, name.length, true);
        view.setUint8(20, entry.filetype);
        record.set(name, Layout.DIRENT);
        /* The last record may be cut off: the program sees a full buffer and asks again from its cookie. */
        const n = Math.min(record.length, length - used);
        target.set(record.subarray(0, n), used);
        used += n;
      }
      memory.setU32(usedPtr, used);
      return simple(0);
    },
    fd_renumber: (from: number, to: number) => {
      const result = kernel.renumber(from, to);
      p.pipes.drop(from, to);
      return simple(result);
    },

    path_create_directory: (fd: number, ptr: number, length: number) => simple(kernel.mkdir(fd, path(ptr, length))),
    path_filestat_get: (fd: number, flags: number, ptr: number, length: number, statPtr: number) => {
      const stat = kernel.pathStat(fd, path(ptr, length), (flags & 1) !== 0);
      if (typeof stat === 'number') return simple(stat);
      writeStat(memory, statPtr, stat);
      return simple(0);
    },
    path_filestat_set_times: (fd: number, flags: number, ptr: number, length: number, atim: bigint, mtim: bigint, fst: number) =>
      simple(kernel.setTimes(fd, path(ptr, length), (flags & 1) !== 0, atim.toString(), mtim.toString(), fst)),
    path_link: (fd: number, flags: number, ptr: number, length: number, toFd: number, toPtr: number, toLength: number) =>
      simple(kernel.link(fd, path(ptr, length), (flags & 1) !== 0, toFd, path(toPtr, toLength))),
    path_open: (fd: number, dirflags: number, ptr: number, length: number, oflags: number, base: bigint, inheriting: bigint, fdflags: number, fdPtr: number) => {
      const opened = p.call(() => kernel.open(fd, path(ptr, length), (dirflags & 1) !== 0, oflags, base.toString(), inheriting.toString(), fdflags));
      if (opened >= 0) memory.setU32(fdPtr, opened);
      return errno(opened);
    },
    path_readlink: (fd: number, ptr: number, length: number, buffer: number, bufferLength: number, usedPtr: number) => {
      const target = kernel.readlink(fd, path(ptr, length));
      if (typeof target === 'number') return simple(target);
      const bytes = new TextEncoder().encode(target).subarray(0, bufferLength);
      memory.slice(buffer, bytes.length).set(bytes);
      memory.setU32(usedPtr, bytes.length);
      return simple(0);
    },
    path_remove_directory: (fd: number, ptr: number, length: number) => simple(kernel.rmdir(fd, path(ptr, length))),
    path_rename: (fd: number, ptr: number, length: number, toFd: number, toPtr: number, toLength: number) =>
      simple(kernel.rename(fd, path(ptr, length), toFd, path(toPtr, toLength))),
    path_symlink: (ptr: number, length: number, fd: number, toPtr: number, toLength: number) =>
      simple(kernel.symlink(path(ptr, length), fd, path(toPtr, toLength))),
    path_unlink_file: (fd: number, ptr: number, length: number) => simple(kernel.unlink(fd, path(ptr, length))),

    poll_oneoff: (inPtr: number, outPtr: number, count: number, eventsPtr: number) => {
      if (count === 0) return WasiErrno.INVAL;
      const subscriptions: PollSubscription[] = [];
      for (let i = 0; i < count; i++) {
        const at = inPtr + i * Layout.SUBSCRIPTION;
        const userdata = memory.u64(at).toString();
        const tag = memory.u8(at + 8);
        if (tag === EventType.CLOCK) {
          const id = memory.u32(at + 16);
          let timeout = memory.u64(at + 24);
          if ((memory.u16(at + 40) & SUBSCRIPTION_CLOCK_ABSTIME) !== 0) {
            const now = p.clocks.now(id === ClockId.REALTIME ? ClockId.REALTIME : ClockId.MONOTONIC);
            timeout = timeout > now ? timeout - now : 0n;
          }
          subscriptions.push({ userdata, kind: 'clock', timeoutNs: Number(timeout) });
        } else {
          subscriptions.push({ userdata, kind: tag === EventType.FD_READ ? 'read' : 'write', fd: memory.u32(at + 16) });
        }
      }
      /* EINTR after a handler even with SA_RESTART, as Linux's poll and select (vim redraws for SIGWINCH on it). */
      const events = p.call(() => kernel.poll(subscriptions), false);
      if (typeof events === 'number') return errno(events);
      events.forEach((event, index) => {
        const at = outPtr + index * Layout.EVENT;
        memory.setU64(at, BigInt(event.userdata));
        memory.setU16(at + 8, event.errno);
        memory.setU8(at + 10, event.kind === 'clock' ? EventType.CLOCK : event.kind === 'read' ? EventType.FD_READ : EventType.FD_WRITE);
        memory.setU64(at + 16, BigInt(event.bytes));
        memory.setU16(at + 24, event.hangup ? 1 : 0);
      });
      memory.setU32(eventsPtr, events.length);
      return 0;
    },

    /* Noux has no sockets yet: a descriptor that exists is not a socket. */
    sock_accept: (fd: number) => (typeof kernel.fdstat(fd) === 'number' ? WasiErrno.BADF : 57),
    sock_recv: (fd: number) => (typeof kernel.fdstat(fd) === 'number' ? WasiErrno.BADF : 57),
    sock_send: (fd: number) => (typeof kernel.fdstat(fd) === 'number' ? WasiErrno.BADF : 57),
    sock_shutdown: (fd: number) => (typeof kernel.fdstat(fd) === 'number' ? WasiErrno.BADF : 57),
  };
  return imports;
}
