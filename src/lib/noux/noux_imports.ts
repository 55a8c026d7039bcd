/*
 * The imports of module "noux" (wasm/posix/src/noux.h): what a program
 * built with `nido cc` calls beyond WASI. Process and descriptor calls go
 * to noux; signal dispositions and the mask are kept here (SignalState);
 * fork and exec leave the program's stack, which the run loop
 * (process_runtime.ts) completes.
 */

import type { SyncClient } from '../../base/interface.js';
import { DescriptorBits, F_GETFD, F_SETFD, FD_CLOEXEC } from '../../session/noux/descriptor_bits.js';
import { SignalCell, type Noux } from '../../session/noux/interface.js';
import type { GuestMemory } from '../libc/guest_memory.js';
import { WasiErrno } from '../libc/wasi_abi.js';
import { Disposition, SIGKILL, SIGSTOP, type SignalState } from './signal_state.js';
import { LongjmpUnwind } from './unwind.js';

type Import = (...args: never[]) => number | void;

/* Argument sizes of the terminal requests noux answers (Linux's numbers). */
const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCFLSH = 0x540b;
const TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
const FIONREAD = 0x541b, FIONBIO = 0x5421, TIOCSCTTY = 0x540e, TIOCNOTTY = 0x5422;
const TERMIOS_SIZE = 60;
const IOCTL_SIZE = new Map<number, { size: number; into: boolean; out: boolean }>([
  [TCGETS, { size: TERMIOS_SIZE, into: false, out: true }],
  [TCSETS, { size: TERMIOS_SIZE, into: true, out: false }],
  [TCSETSW, { size: TERMIOS_SIZE, into: true, out: false }],
  [TCSETSF, { size: TERMIOS_SIZE, into: true, out: false }],
  [TIOCGPGRP, { size: 4, into: false, out: true }],
  [TIOCSPGRP, { size: 4, into: true, out: false }],
  [TIOCGWINSZ, { size: 8, into: false, out: true }],
  [TIOCSWINSZ, { size: 8, into: true, out: false }],
  [FIONREAD, { size: 4, into: false, out: true }],
  [FIONBIO, { size: 4, into: true, out: false }],
  [TIOCSCTTY, { size: 0, into: false, out: false }],
  [TIOCNOTTY, { size: 0, into: false, out: false }],
]);

export interface NouxCalls {
  readonly memory: GuestMemory;
  readonly kernel: SyncClient<Noux>;
  readonly signals: SignalState;
  readonly pid: () => number;
  readonly cwd: () => string;
  /** The process's pipe descriptors (a dup3 onto one changes it). */
  readonly pipes: PipeDescriptors;
  call<T>(invoke: () => T): T;
  deliver(): void;
  /** fork: unwinds the stack (first call) or answers the result when the stack was wound back. */
  fork(): number;
  /** The number of parameters of the function at `index` in the program's table, -1 for none. */
  functionParams(index: number): number;
  /** exec: replaces the program or answers a negated errno. */
  exec(path: string, argv: string[], env: string[], cwd: string): number;
  /** Room in the PD's quota for `bytes` of linear memory (before sbrk grows it): 0 or a negated errno. */
  memoryReserve(bytes: number): number;
}

import type { PipeDescriptors } from './pipe_io.js';

const utf8 = new TextDecoder();

/* NUL-separated strings (the C layer's argv and environment blocks). */
function strings(memory: GuestMemory, ptr: number, length: number): string[] {
  if (length === 0) return [];
  const text = utf8.decode(memory.slice(ptr, length));
  return text.split('\0').slice(0, -1);
}

function cStringAt(memory: GuestMemory, ptr: number): string {
  const bytes = memory.bytes;
  let end = ptr;
  while (bytes[end] !== 0) end++;
  return utf8.decode(bytes.slice(ptr, end));
}

export function nouxImports(n: NouxCalls): Record<string, Import> {
  const { memory, kernel, signals } = n;
  const done = (result: number) => {
    n.deliver();
    return result;
  };
  const validSignal = (sig: number) => sig >= 1 && sig <= 64;
  /* F_GETFD and F_SETFD from the bits noux keeps in the shared cells: no round trip (descriptor_bits.ts says why it matters). */
  const bits = new DescriptorBits(signals.cells);
  const descriptorFlags = (fd: number, cmd: number, arg: number): number => {
    if (!bits.isOpen(fd)) return -WasiErrno.BADF;
    if (cmd === F_GETFD) return bits.cloexec(fd) ? FD_CLOEXEC : 0;
    bits.setCloexec(fd, (arg & FD_CLOEXEC) !== 0);
    return 0;
  };
  /* `text` NUL-terminated into the program's buffer: its length, or ENAMETOOLONG. */
  const putString = (text: string, buffer: number, size: number) => {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length + 1 > size) return -WasiErrno.NAMETOOLONG;
    memory.slice(buffer, bytes.length + 1).set([...bytes, 0]);
    return bytes.length;
  };

  return {
    fork: () => n.fork(),
    execve: (pathPtr: number, argvPtr: number, argvLength: number, envPtr: number, envLength: number, cwdPtr: number) =>
      n.exec(cStringAt(memory, pathPtr), strings(memory, argvPtr, argvLength), strings(memory, envPtr, envLength), cStringAt(memory, cwdPtr)),
    wait4: (pid: number, statusPtr: number, options: number) => {
      const result = n.call(() => kernel.wait4(pid | 0, options));
      if (typeof result === 'number') return result;
      if (result.pid > 0) memory.setU32(statusPtr, result.status);
      return result.pid;
    },
    pipe: (fdsPtr: number, flags: number) => {
      const result = kernel.pipe(flags);
      if (typeof result === 'number') return done(result);
      memory.setU32(fdsPtr, result[0]);
      memory.setU32(fdsPtr + 4, result[1]);
      return done(0);
    },
    dup: (fd: number, min: number, cloexec: number) => done(kernel.dup(fd, min, cloexec !== 0)),
    dup3: (from: number, to: number, cloexec: number) => {
      const result = kernel.dup3(from, to, cloexec !== 0);
      n.pipes.drop(to);
      return done(result);
    },
    fcntl: (fd: number, cmd: number, arg: number) => done(cmd === F_GETFD || cmd === F_SETFD ? descriptorFlags(fd, cmd, arg) : kernel.fcntl(fd, cmd, arg | 0)),
    ioctl: (fd: number, request: number, argPtr: number) => {
      const shape = IOCTL_SIZE.get(request);
      if (request === TCFLSH) return done(typeof kernel.ioctl(fd, request, Uint8Array.of(argPtr & 0xff, 0, 0, 0)) === 'number' ? -WasiErrno.NOTTY : 0);
      if (shape === undefined) return done(-WasiErrno.INVAL);
      const data = shape.into ? memory.slice(argPtr, shape.size).slice() : new Uint8Array(shape.size);
      const result = n.call(() => kernel.ioctl(fd, request, data));
      if (typeof result === 'number') return result;
      if (shape.out) memory.slice(argPtr, shape.size).set(result.subarray(0, shape.size));
      return 0;
    },
    getpid: () => n.pid(),
    getppid: () => Atomics.load(signals.cells, SignalCell.PPID),
    getpgid: (pid: number) => done(kernel.getpgid(pid | 0)),
    setpgid: (pid: number, pgid: number) => done(kernel.setpgid(pid | 0, pgid | 0)),
    getsid: (pid: number) => done(kernel.getsid(pid | 0)),
    setsid: () => done(kernel.setsid()),
    kill: (pid: number, sig: number) => done(kernel.kill(pid | 0, sig)),
    sigaction: (sig: number, actPtr: number, oldPtr: number) => {
      if (!validSignal(sig)) return -WasiErrno.INVAL;
      const old = signals.action(sig);
      if (actPtr !== 0) {
        const kind = memory.u32(actPtr);
        if ((sig === SIGKILL || sig === SIGSTOP) && kind !== Disposition.DEFAULT) return -WasiErrno.INVAL;
        signals.setAction(sig, {
          kind, handler: memory.u32(actPtr + 4), flags: memory.u32(actPtr + 8), maskLo: memory.u32(actPtr + 12), maskHi: memory.u32(actPtr + 16),
        });
      }
      if (oldPtr !== 0) {
        memory.setU32(oldPtr, old.kind);
        memory.setU32(oldPtr + 4, old.handler);
        memory.setU32(oldPtr + 8, old.flags);
        memory.setU32(oldPtr + 12, old.maskLo);
        memory.setU32(oldPtr + 16, old.maskHi);
      }
      return done(0);
    },
    sigprocmask: (how: number, setPtr: number, oldPtr: number) => {
      const [lo, hi] = signals.blocked;
      if (setPtr !== 0) {
        const setLo = memory.u32(setPtr);
        const setHi = memory.u32(setPtr + 4);
        switch (how) {
          case 0: signals.setBlocked(lo | setLo, hi | setHi); break;
          case 1: signals.setBlocked(lo & ~setLo, hi & ~setHi); break;
          case 2: signals.setBlocked(setLo, setHi); break;
          default: return -WasiErrno.INVAL;
        }
      }
      if (oldPtr !== 0) {
        memory.slice(oldPtr, 128).fill(0);
        memory.setU32(oldPtr, lo);
        memory.setU32(oldPtr + 4, hi);
      }
      /* Unblocking a pending signal delivers it before sigprocmask returns. */
      return done(0);
    },
    sigpending: (setPtr: number) => {
      const [lo, hi] = signals.pending();
      const [blockedLo, blockedHi] = signals.blocked;
      memory.slice(setPtr, 128).fill(0);
      memory.setU32(setPtr, lo & blockedLo);
      memory.setU32(setPtr + 4, hi & blockedHi);
      return 0;
    },
    sigsuspend: (maskPtr: number) => {
      const [lo, hi] = signals.blocked;
      signals.setBlocked(memory.u32(maskPtr), memory.u32(maskPtr + 4));
      try {
        while (!signals.deliverable()) kernel.sigsuspend();
        n.deliver();
      } finally {
        signals.setBlocked(lo, hi);
      }
      return -27;
    },
    alarm: (seconds: number) => kernel.alarm(seconds),
    umask: (mask: number) => kernel.umask(mask),
    cwd: (buffer: number, size: number) => putString(n.cwd(), buffer, size),
    longjmp: () => {
      throw new LongjmpUnwind();
    },
    function_params: (index: number) => n.functionParams(index),
    memory_reserve: (bytes: number) => n.memoryReserve(bytes >>> 0),
    /* noux's RAM in WebAssembly pages (sysconf's page size): all of it, or what is available now. */
    memory_pages: (available: number) => {
      const { total, avail } = kernel.memory();
      return Math.min(0x7fffffff, Math.floor((available !== 0 ? avail : total) / 65536));
    },
    fd_path: (fd: number, buffer: number, size: number) => {
      const path = kernel.fdPath(fd);
      return done(typeof path === 'number' ? path : putString(path, buffer, size));
    },
  };
}
