/*
 * The Noux session of one process: its system calls (session/noux). Paths
 * are resolved against the root (NOUX_ROOT_FD) or a directory descriptor,
 * lexically, as the C runtime does; the VFS resolves symlinks. A call
 * that cannot proceed now (an empty pipe, wait) is held and answered
 * later, or with -EINTR when a signal arrives that the process must act
 * on; a stopped process's calls are held until it continues.
 */

import {
  F_GETFD, F_SETFD, FD_CLOEXEC, NOUX_ROOT_FD, type ForkImage, type VfsTimes, type Implementation, type Noux, type NouxDirEntry,
  type NouxFdStat, type NouxStat, type PollEvent, type PollSubscription,
} from 'nido';
import { ConsoleFile } from './console.js';
import type { Kernel } from './kernel.js';
import type { OpenFile } from './open_file.js';
import { Pipe, PipeEnd } from './pipe.js';
import { release, type Process } from './process.js';
import { Cc, decodeTermios, encodeTermios, TERMIOS_SIZE } from './termios.js';
import { DirectoryFile, fileTypeOf, nouxStat, vfsCall, VfsFile } from './vfs_file.js';
import {
  FdFlags, FileType, OpenFlag, RIGHTS_DIRECTORY, RIGHTS_DIRECTORY_INHERITING, RIGHTS_REGULAR_FILE, RIGHTS_STREAM, Right, WasiErrno,
} from './wasi.js';

/* fcntl commands (wasi-libc's numbers) and the access-mode bits of F_GETFL. */
const F_GETFL = 3, F_SETFL = 4;
const O_RDONLY = 0x04000000, O_WRONLY = 0x10000000;
/* Terminal requests (Linux's numbers). */
const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCFLSH = 0x540b, TIOCSCTTY = 0x540e;
const TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541b, FIONBIO = 0x5421;
const TIOCNOTTY = 0x5422;
/* How long a call waiting for a device that cannot say when it is ready pauses before it looks again. */
const DEVICE_PAUSE_MS = 10;
/* Pipes' inodes: numbers no file system answers. */
let pipeInodes = 0x7fff0000;

function normalize(base: string, path: string): string | number {
  const parts = base === '/' ? [] : base.split('/').filter((part) => part !== '');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const joined = `/${parts.join('/')}`;
  return joined.length > 4096 ? -WasiErrno.NAMETOOLONG : joined;
}

export type Syscalls = Omit<Implementation<Noux>, 'park'>;

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, true);
  return bytes;
}

/** The system calls of `process` (`park` is its PD's, process_pd.ts). */
/*
 * /dev/fd/N, /dev/stdin, /dev/stdout and /dev/stderr: a process's own
 * descriptors by name (bash's process substitution, `cat /dev/stdin`),
 * unless the fstab puts files there.
 */
function namedDescriptor(path: string): number | undefined {
  const match = /^\/dev\/(?:fd\/(\d{1,4})|(stdin|stdout|stderr))$/.exec(path);
  if (match === null) return undefined;
  if (match[1] !== undefined) return Number(match[1]);
  return ['stdin', 'stdout', 'stderr'].indexOf(match[2] ?? '');
}

export function nouxSyscalls(kernel: Kernel, process: Process): Syscalls {
  const { vfs, console } = kernel;

  const file = (fd: number): OpenFile | number => process.descriptor(fd);

  /* The absolute path of `path` relative to directory descriptor `dirfd`; a trailing '/' is kept as a demand for a directory. */
  const resolve = (dirfd: number, path: string): { path: string; directory: boolean } | number => {
    let base = '/';
    if (dirfd !== NOUX_ROOT_FD) {
      const dir = file(dirfd);
      if (typeof dir === 'number') return dir;
      if (!(dir instanceof DirectoryFile)) return -WasiErrno.NOTDIR;
      base = dir.path;
    }
    if (path === '') return -WasiErrno.NOENT;
    const absolute = normalize(path.startsWith('/') ? '/' : base, path);
    if (typeof absolute === 'number') return absolute;
    return { path: absolute, directory: path.endsWith('/') };
  };

  /* Runs a VFS operation on a resolved path; 0 or a negated errno. */
  const onPath = (dirfd: number, path: string, operation: (absolute: string) => void): number => {
    const target = resolve(dirfd, path);
    if (typeof target === 'number') return target;
    const result = vfsCall(() => operation(target.path));
    return typeof result === 'number' ? result : 0;
  };

  /* Reads or writes, holding the call while the file has nothing (or no room) and the descriptor blocks. */
  const transfer = async <T>(open: OpenFile, attempt: () => T | 'wait'): Promise<T | number> => {
    for (;;) {
      const result = attempt();
      if (result !== 'wait') return result;
      if ((open.flags & FdFlags.NONBLOCK) !== 0) return -WasiErrno.AGAIN;
      const queues = open.queues();
      const waited = await kernel.block(process, queues, queues.length === 0 ? DEVICE_PAUSE_MS : undefined);
      if (waited === 'interrupted') return -WasiErrno.INTR;
    }
  };

  /* Reads into the start of the process's I/O buffer (interface.ts): how many bytes. */
  const read = (fd: number, max: number, offset: number): number | Promise<number> => {
    const open = file(fd);
    if (typeof open === 'number') return open;
    if (!open.readable) return -WasiErrno.BADF;
    if (!Number.isInteger(max) || max < 0) return -WasiErrno.INVAL;
    const into = process.io.subarray(0, Math.min(max, process.io.length));
    const first = open.read(into, offset);
    /* Raw mode with VMIN 0 and VTIME > 0: a read waits up to VTIME tenths of a second for a byte. */
    const vtime = open instanceof ConsoleFile && !console.canonical && console.termios.cc[Cc.VMIN] === 0 ? console.termios.cc[Cc.VTIME] ?? 0 : 0;
    if (vtime > 0 && first === 0 && into.length > 0) {
      return kernel.block(process, [console.readable], vtime * 100)
        .then((waited) => (waited === 'interrupted' ? -WasiErrno.INTR : open.read(into, offset) as number));
    }
    if (first !== 'wait') return first;
    return transfer(open, () => open.read(into, offset));
  };

  /* Whether a write is done after putting `n` bytes: a blocking write to a pipe or terminal puts all of it. */
  const writeDone = (open: OpenFile, data: Uint8Array, written: number): boolean =>
    written >= data.length || open instanceof VfsFile || (open.flags & FdFlags.NONBLOCK) !== 0;

  /* A write from `written` on, waiting for room as often as needed. */
  const writeRest = async (open: OpenFile, data: Uint8Array, offset: number, written: number): Promise<number> => {
    for (;;) {
      const n = await transfer(open, () => open.write(written === 0 ? data : data.subarray(written), offset < 0 ? -1 : offset + written));
      if (n < 0) {
        if (n === -WasiErrno.PIPE) kernel.brokenPipe(process);
        return written > 0 ? written : n;
      }
      written += n;
      if (data.length === 0 || writeDone(open, data, written)) return written;
    }
  };

  /*
   * The first attempt is made at once, as read's is: a write that
   * completes (a file, a device, a pipe with room) answers without a
   * promise, so the synchronous path replies without a turn of the
   * microtask queue.
   */
  const write = (fd: number, length: number, offset: number): number | Promise<number> => {
    const open = file(fd);
    if (typeof open === 'number') return open;
    if (!open.writable) return -WasiErrno.BADF;
    if (!Number.isInteger(length) || length < 0 || length > process.io.length) return -WasiErrno.INVAL;
    /* The process's I/O buffer, which it does not touch while the call goes on (every file's write copies what it keeps). */
    const data = process.io.subarray(0, length);
    const n = open.write(data, offset < 0 ? -1 : offset);
    if (n === 'wait') return writeRest(open, data, offset, 0);
    if (n < 0) {
      if (n === -WasiErrno.PIPE) kernel.brokenPipe(process);
      return n;
    }
    return data.length === 0 || writeDone(open, data, n) ? n : writeRest(open, data, offset, n);
  };

  const stat = (fd: number): NouxStat | number => {
    if (fd === NOUX_ROOT_FD) return vfsCall(() => nouxStat(vfs.stat('/', true)));
    const open = file(fd);
    return typeof open === 'number' ? open : open.stat();
  };

  const fdstat = (fd: number): NouxFdStat | number => {
    if (fd === NOUX_ROOT_FD) {
      return { filetype: FileType.DIRECTORY, flags: 0, rightsBase: RIGHTS_DIRECTORY.toString(), rightsInheriting: RIGHTS_DIRECTORY_INHERITING.toString() };
    }
    const open = file(fd);
    if (typeof open === 'number') return open;
    let base = open instanceof DirectoryFile ? RIGHTS_DIRECTORY
      : open.terminal || open instanceof PipeEnd ? RIGHTS_STREAM
        : RIGHTS_REGULAR_FILE;
    if (!open.readable) base &= ~Right.FD_READ;
    if (!open.writable) base &= ~Right.FD_WRITE;
    const inheriting = open instanceof DirectoryFile ? RIGHTS_DIRECTORY_INHERITING : 0n;
    return { filetype: open.filetype, flags: open.flags, rightsBase: base.toString(), rightsInheriting: inheriting.toString() };
  };

  /* dup: the lowest free descriptor from `min` on shares `fd`'s open file. */
  const duplicate = (fd: number, min: number, cloexec: boolean): number => {
    const open = file(fd);
    if (typeof open === 'number') return open;
    if (min < 0 || min >= 1024) return -WasiErrno.INVAL;
    const to = process.freeDescriptor(min);
    if (to < 0) return to;
    open.refs++;
    process.fds.set(to, open, cloexec);
    return to;
  };

  const open = (dirfd: number, path: string, follow: boolean, oflags: number, rightsBase: string, _inheriting: string, fdflags: number): number => {
    const target = resolve(dirfd, path);
    if (typeof target === 'number') return target;
    const rights = BigInt(rightsBase);
    const wantsRead = (rights & Right.FD_READ) !== 0n;
    const wantsWrite = (rights & Right.FD_WRITE) !== 0n || (oflags & OpenFlag.TRUNC) !== 0;
    const named = namedDescriptor(target.path);
    if (named !== undefined && typeof vfsCall(() => vfs.stat(target.path, true)) === 'number') {
      /* The descriptor itself, shared as dup shares it (a BSD fdescfs; Linux reopens a file with an offset of its own). */
      return duplicate(named, 0, false);
    }
    if (target.path === '/dev/tty' && typeof vfsCall(() => vfs.stat('/dev/tty', true)) === 'number') {
      const tty = new ConsoleFile(console);
      tty.flags = fdflags & FdFlags.NONBLOCK;
      return process.install(tty);
    }
    const existing = vfsCall(() => vfs.stat(target.path, follow));
    const isDirectory = typeof existing !== 'number' && existing.type === 'directory';
    if ((oflags & OpenFlag.DIRECTORY) !== 0 || target.directory || isDirectory) {
      if (typeof existing === 'number') return (oflags & OpenFlag.CREAT) !== 0 && !target.directory ? -WasiErrno.ISDIR : existing;
      if (!isDirectory) return -WasiErrno.NOTDIR;
      if ((oflags & (OpenFlag.CREAT | OpenFlag.EXCL)) === (OpenFlag.CREAT | OpenFlag.EXCL)) return -WasiErrno.EXIST;
      if (wantsWrite && (oflags & OpenFlag.DIRECTORY) === 0) return -WasiErrno.ISDIR;
      return process.install(new DirectoryFile(target.path, vfs));
    }
    const handle = vfsCall(() => vfs.open(target.path, {
      read: wantsRead || !wantsWrite, write: wantsWrite, create: (oflags & OpenFlag.CREAT) !== 0, exclusive: (oflags & OpenFlag.EXCL) !== 0,
      truncate: (oflags & OpenFlag.TRUNC) !== 0, append: (fdflags & FdFlags.APPEND) !== 0, noFollow: !follow,
    }));
    if (typeof handle === 'number') return handle;
    const type = vfsCall(() => handle.stat().type);
    const opened = new VfsFile(target.path, handle, typeof type === 'number' ? FileType.REGULAR_FILE : fileTypeOf(type),
      wantsRead || !wantsWrite, wantsWrite, fdflags & (FdFlags.APPEND | FdFlags.NONBLOCK), () => kernel.nowSync());
    const fd = process.install(opened);
    if (fd < 0) opened.close();
    return fd;
  };

  const readdir = (fd: number): NouxDirEntry[] | number => {
    const dir = fd === NOUX_ROOT_FD ? new DirectoryFile('/', vfs) : file(fd);
    if (typeof dir === 'number') return dir;
    if (!(dir instanceof DirectoryFile)) return -WasiErrno.NOTDIR;
    const entries = vfsCall(() => vfs.readdir(dir.path));
    if (typeof entries === 'number') return entries;
    const self = vfsCall(() => vfs.stat(dir.path, true));
    const inode = typeof self === 'number' ? 0 : self.inode;
    return [
      { name: '.', filetype: FileType.DIRECTORY, inode },
      { name: '..', filetype: FileType.DIRECTORY, inode },
      ...entries.map((entry) => ({ name: entry.name, filetype: fileTypeOf(entry.type), inode: entry.inode })),
    ];
  };

  const poll = async (subscriptions: PollSubscription[]): Promise<PollEvent[] | number> => {
    const start = await kernel.timer.elapsedMs();
    for (;;) {
      const events: PollEvent[] = [];
      let nearest: number | undefined;
      const queues = [];
      let device = false;
      const now = subscriptions.some((s) => s.kind === 'clock') ? await kernel.timer.elapsedMs() : start;
      for (const subscription of subscriptions) {
        if (subscription.kind === 'clock') {
          const left = subscription.timeoutNs / 1e6 - (now - start);
          if (left <= 0) events.push({ userdata: subscription.userdata, kind: 'clock', errno: 0, bytes: 0, hangup: false });
          else nearest = Math.min(nearest ?? Infinity, left);
          continue;
        }
        const open = file(subscription.fd);
        if (typeof open === 'number') {
          events.push({ userdata: subscription.userdata, kind: subscription.kind, errno: -open, bytes: 0, hangup: false });
          continue;
        }
        const ready = open.readiness();
        const isReady = subscription.kind === 'read' ? ready.read : ready.write;
        if (isReady || ready.hangup) {
          events.push({ userdata: subscription.userdata, kind: subscription.kind, errno: 0, bytes: Math.max(0, ready.bytes), hangup: ready.hangup });
        } else {
          const fileQueues = open.queues();
          if (fileQueues.length === 0 || open.wakesLate === true) device = true;
          queues.push(...fileQueues);
        }
      }
      if (events.length > 0) return events;
      const limit = device ? Math.min(nearest ?? DEVICE_PAUSE_MS, DEVICE_PAUSE_MS) : nearest;
      if (await kernel.block(process, queues, limit) === 'interrupted') return -WasiErrno.INTR;
    }
  };

  const ioctl = (fd: number, request: number, data: Uint8Array): Uint8Array | number => {
    const open = file(fd);
    if (typeof open === 'number') return open;
    if (request === FIONBIO) {
      if (new DataView(data.buffer, data.byteOffset).getInt32(0, true) !== 0) open.flags |= FdFlags.NONBLOCK;
      else open.flags &= ~FdFlags.NONBLOCK;
      return new Uint8Array(0);
    }
    if (request === FIONREAD) return u32(Math.max(0, open.readiness().bytes));
    if (!open.terminal) return -WasiErrno.NOTTY;
    switch (request) {
      case TCGETS: return encodeTermios(console.termios);
      case TCSETS:
      case TCSETSW:
      case TCSETSF:
        if (data.length < TERMIOS_SIZE) return -WasiErrno.INVAL;
        console.setTermios(decodeTermios(data), request === TCSETSF);
        return new Uint8Array(0);
      case TCFLSH:
        console.flushInput();
        return new Uint8Array(0);
      case TIOCGWINSZ: {
        const bytes = new Uint8Array(8);
        const view = new DataView(bytes.buffer);
        view.setUint16(0, console.size.rows, true);
        view.setUint16(2, console.size.columns, true);
        return bytes;
      }
      case TIOCSWINSZ: return new Uint8Array(0);
      case TIOCGPGRP: return u32(console.foreground);
      case TIOCSPGRP: {
        const pgrp = new DataView(data.buffer, data.byteOffset).getInt32(0, true);
        if (pgrp <= 0) return -WasiErrno.INVAL;
        if (![...kernel.processes.values()].some((p) => p.pgid === pgrp && p.sid === process.sid && !p.ended)) return -WasiErrno.PERM;
        console.foreground = pgrp;
        return new Uint8Array(0);
      }
      case TIOCSCTTY:
      case TIOCNOTTY: return new Uint8Array(0);
      default: return -WasiErrno.INVAL;
    }
  };

  const fcntl = (fd: number, cmd: number, arg: number): number => {
    const open = file(fd);
    if (typeof open === 'number') return open;
    switch (cmd) {
      /* The runtime answers these from the descriptor bits itself (descriptor_bits.ts); a call that comes here anyway gets the same answer. */
      case F_GETFD: return process.fds.cloexec(fd) ? FD_CLOEXEC : 0;
      case F_SETFD:
        process.fds.setCloexec(fd, (arg & FD_CLOEXEC) !== 0);
        return 0;
      case F_GETFL: {
        const access = open.readable && open.writable ? O_RDONLY | O_WRONLY : open.writable ? O_WRONLY : O_RDONLY;
        return access | open.flags;
      }
      case F_SETFL:
        open.flags = (open.flags & ~(FdFlags.APPEND | FdFlags.NONBLOCK)) | (arg & (FdFlags.APPEND | FdFlags.NONBLOCK));
        return 0;
      default: return -WasiErrno.INVAL;
    }
  };

  const close = (fd: number): number => {
    const open = file(fd);
    if (typeof open === 'number') return open;
    process.fds.delete(fd);
    release(open);
    return 0;
  };

  const dup3 = (from: number, to: number, cloexec: boolean): number => {
    const open = file(from);
    if (typeof open === 'number') return open;
    if (to < 0 || to >= 1024) return -WasiErrno.BADF;
    if (from === to) return to;
    const replaced = process.fds.get(to);
    open.refs++;
    process.fds.set(to, open, cloexec);
    if (replaced !== undefined) release(replaced);
    return to;
  };

  const calls: Syscalls = {
    hello: () => kernel.hello(process),
    wallClock: async () => (await kernel.now()).toString(),
    fdPath: (fd) => {
      const open = file(fd);
      if (typeof open === 'number') return open;
      return open instanceof DirectoryFile ? open.path : -WasiErrno.NOTDIR;
    },
    imageTaken: () => {
      process.imageTaken?.();
      process.imageTaken = undefined;
    },
    read, write,
    seek: (fd, offset, whence) => {
      const open = file(fd);
      return typeof open === 'number' ? open : open.seek(offset, whence);
    },
    close,
    fdstat,
    setFdFlags: (fd, flags) => {
      const open = file(fd);
      if (typeof open === 'number') return open;
      open.flags = flags & (FdFlags.APPEND | FdFlags.NONBLOCK);
      return 0;
    },
    setRights: (fd) => {
      const open = fd === NOUX_ROOT_FD ? 0 : file(fd);
      return typeof open === 'number' && open < 0 ? open : 0;
    },
    filestat: stat,
    setSize: (fd, size) => {
      const open = file(fd);
      if (typeof open === 'number') return open;
      return open.setSize?.(size) ?? -WasiErrno.INVAL;
    },
    setTimes: async (fd, path, follow, atime, mtime, flags) => {
      /* Setting a time and "now" for it at once is invalid (WASI, utimensat); *_NOW takes noux's wall clock. */
      if ((flags & 3) === 3 || (flags & 12) === 12) return -WasiErrno.INVAL;
      const now = (flags & 10) !== 0 ? await kernel.now() : 0n;
      const times: VfsTimes = {
        ...((flags & 1) !== 0 ? { access: BigInt(atime) } : (flags & 2) !== 0 ? { access: now } : {}),
        ...((flags & 4) !== 0 ? { modification: BigInt(mtime) } : (flags & 8) !== 0 ? { modification: now } : {}),
      };
      if (path === null) {
        const open = file(fd);
        if (typeof open === 'number') return open;
        return open.setTimes?.(times) ?? 0;
      }
      return onPath(fd, path, (absolute) => vfs.setTimes(absolute, times, follow));
    },
    sync: (fd) => {
      const open = file(fd);
      if (typeof open === 'number') return open;
      return open.sync?.() ?? 0;
    },
    prestat: () => -WasiErrno.BADF,
    readdir,
    renumber: (from, to) => {
      if (!process.fds.has(to)) return -WasiErrno.BADF;
      const result = dup3(from, to, process.fds.cloexec(from));
      if (result < 0) return result;
      return from === to ? 0 : close(from);
    },
    open,
    pathStat: (dirfd, path, follow) => {
      const target = resolve(dirfd, path);
      if (typeof target === 'number') return target;
      const result = vfsCall(() => vfs.stat(target.path, follow));
      if (typeof result === 'number') return result;
      if (target.directory && result.type !== 'directory') return -WasiErrno.NOTDIR;
      return nouxStat(result);
    },
    mkdir: (dirfd, path) => onPath(dirfd, path, (absolute) => vfs.mkdir(absolute)),
    rmdir: (dirfd, path) => onPath(dirfd, path, (absolute) => vfs.rmdir(absolute)),
    unlink: (dirfd, path) => {
      const target = resolve(dirfd, path);
      if (typeof target === 'number') return target;
      if (target.directory) return -WasiErrno.ISDIR;
      const result = vfsCall(() => vfs.unlink(target.path));
      return typeof result === 'number' ? result : 0;
    },
    rename: (dirfd, path, toDirfd, toPath) => {
      const from = resolve(dirfd, path);
      if (typeof from === 'number') return from;
      const to = resolve(toDirfd, toPath);
      if (typeof to === 'number') return to;
      const result = vfsCall(() => vfs.rename(from.path, to.path));
      return typeof result === 'number' ? result : 0;
    },
    symlink: (target, dirfd, path) => onPath(dirfd, path, (absolute) => vfs.symlink(target, absolute)),
    readlink: (dirfd, path) => {
      const target = resolve(dirfd, path);
      if (typeof target === 'number') return target;
      return vfsCall(() => vfs.readlink(target.path));
    },
    link: (dirfd, path, follow, toDirfd, toPath) => {
      const from = resolve(dirfd, path);
      if (typeof from === 'number') return from;
      const to = resolve(toDirfd, toPath);
      if (typeof to === 'number') return to;
      if (to.directory) return -WasiErrno.NOENT;
      const result = vfsCall(() => vfs.link(from.path, to.path, follow));
      return typeof result === 'number' ? result : 0;
    },
    poll,

    fork: (image: ForkImage) => kernel.fork(process, image),
    exec: (path, argv, env, cwd, held) => kernel.exec(process, path, argv, env, cwd, held),
    exit: (code, signal) => kernel.end(process, signal !== 0 ? signal : (code & 0xff) << 8, true),
    wait4: (pid, options) => kernel.wait4(process, pid, options),
    pipe: async (flags) => {
      let ring;
      try {
        ring = await kernel.pipeRings.take();
      } catch (error) {
        if (error instanceof Error && error.name === 'OutOfRam') return -WasiErrno.NOMEM;
        throw error;
      }
      const pipe = new Pipe(ring, ++pipeInodes, kernel.pipeRings);
      const reader = new PipeEnd(pipe, 'read');
      const writer = new PipeEnd(pipe, 'write');
      /* pipe2's O_NONBLOCK (wasi-libc's number is the fdflag's); O_CLOEXEC is 0 on wasi-libc. */
      reader.flags = writer.flags = flags & FdFlags.NONBLOCK;
      const r = process.install(reader);
      if (r < 0) return r;
      const w = process.install(writer);
      if (w < 0) {
        process.fds.delete(r);
        reader.close();
        return w;
      }
      return [r, w];
    },
    pipeRing: (fd) => {
      const open = file(fd);
      if (typeof open === 'number') return open;
      return open instanceof PipeEnd ? { ring: open.pipe.ring.buffer, end: open.end } : null;
    },
    pipeChanged: (fd) => {
      const open = file(fd);
      if (open instanceof PipeEnd) open.pipe.changed.wake();
    },
    dup: duplicate,
    dup3,
    fcntl,
    ioctl,
    getpgid: (pid) => kernel.getpgid(process, pid),
    setpgid: (pid, pgid) => kernel.setpgid(process, pid, pgid),
    getsid: (pid) => kernel.getsid(process, pid),
    setsid: () => kernel.setsid(process),
    kill: (pid, sig) => kernel.kill(process, pid, sig),
    sigsuspend: async () => {
      while (!process.interrupted && !process.ended) await kernel.block(process, []);
      return -WasiErrno.INTR;
    },
    alarm: (seconds) => kernel.alarm(process, seconds),
    reserve: (bytes) => kernel.reserve(process, bytes),
    memory: () => kernel.memory(),
    umask: (mask) => {
      const old = process.umask;
      process.umask = mask & 0o777;
      return old;
    },
  };

  /* A stopped process's calls wait until it continues (the fast path stays synchronous). */
  const held: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(calls) as [string, (...args: unknown[]) => unknown][]) {
    held[name] = (...args: unknown[]) => {
      if (process.stopped === 0) return call(...args);
      return kernel.whileStopped(process).then(() => call(...args));
    };
  }
  return held as unknown as Syscalls;
}

