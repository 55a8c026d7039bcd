/*
 * The process-level calls: argv and environment, clocks, random bytes,
 * exit, yield, signals and sockets. Sockets are not part of a Nido
 * component's VFS yet, so every sock_* call is ENOTSUP; so is proc_raise,
 * because a component has no signals.
 */

import { cString } from './guest_memory.js';
import { ProcExit, SyscallError } from './errors.js';
import type { SyscallContext, Syscalls } from './syscall_context.js';
import { WasiErrno } from './wasi_abi.js';

/* Lays out NUL-terminated strings and the pointer array to them (argv, environ). */
function stringTable(strings: readonly string[]): { encoded: Uint8Array[]; bytes: number } {
  const encoded = strings.map(cString);
  return { encoded, bytes: encoded.reduce((sum, s) => sum + s.length, 0) };
}

export function processSyscalls(context: SyscallContext): Syscalls {
  const { memory, clocks } = context;
  const args = stringTable(context.args);
  const environ = stringTable(context.environ);

  const sizes = (table: typeof args, countPtr: number, sizePtr: number): void => {
    memory.setU32(countPtr, table.encoded.length);
    memory.setU32(sizePtr, table.bytes);
  };
  const fill = (table: typeof args, pointers: number, buffer: number): void => {
    const target = memory.slice(buffer, table.bytes);
    let at = 0;
    table.encoded.forEach((string, index) => {
      memory.setU32(pointers + index * 4, buffer + at);
      target.set(string, at);
      at += string.length;
    });
  };
  const unsupported = (what: string) => () => {
    throw new SyscallError(WasiErrno.NOTSUP, `${what} is not supported`);
  };

  return {
    args_sizes_get: (countPtr: number, sizePtr: number) => sizes(args, countPtr, sizePtr),
    args_get: (argv: number, buffer: number) => fill(args, argv, buffer),
    environ_sizes_get: (countPtr: number, sizePtr: number) => sizes(environ, countPtr, sizePtr),
    environ_get: (pointers: number, buffer: number) => fill(environ, pointers, buffer),

    clock_res_get(id: number, ptr: number) {
      memory.setU64(ptr, clocks.resolution(id));
    },
    clock_time_get(id: number, _precision: bigint, ptr: number) {
      memory.setU64(ptr, clocks.now(id));
    },

    random_get(buf: number, length: number) {
      context.entropy(memory.slice(buf, length));
    },

    proc_exit(code: number): never {
      throw new ProcExit(code);
    },
    proc_raise: unsupported('proc_raise (a component has no signals)'),
    /* One thread per protection domain: there is nobody to yield to. */
    sched_yield() {},

    sock_accept: unsupported('sock_accept'),
    sock_recv: unsupported('sock_recv'),
    sock_send: unsupported('sock_send'),
    sock_shutdown: unsupported('sock_shutdown'),
  };
}
