/*
 * The process-level calls: argv and environment, clocks, random bytes,
 * exit, yield, signals and sockets. A component has no sockets yet, so a
 * sock_* call on any descriptor is ENOTSOCK (EBADF on one that is not
 * open), as Linux answers for a file; proc_raise is ENOTSUP, because a
 * component has no signals.
 */

import { stringTable, writeTable, writeTableSizes, type StringTable } from './string_table.js';
import { ProcExit, SyscallError } from './errors.js';
import type { SyscallContext, Syscalls } from './syscall_context.js';
import { WasiErrno } from './wasi_abi.js';

export function processSyscalls(context: SyscallContext): Syscalls {
  const { memory, clocks, descriptors } = context;
  const args = stringTable(context.args);
  const environ = stringTable(context.environ);

  const sizes = (table: StringTable, countPtr: number, sizePtr: number): void => writeTableSizes(memory, table, countPtr, sizePtr);
  const fill = (table: StringTable, pointers: number, buffer: number): void => writeTable(memory, table, pointers, buffer);
  const unsupported = (what: string) => () => {
    throw new SyscallError(WasiErrno.NOTSUP, `${what} is not supported`);
  };
  const notSocket = (what: string) => (fd: number) => {
    descriptors.get(fd);
    throw new SyscallError(WasiErrno.NOTSOCK, `${what}: fd ${fd} is not a socket (a component has none)`);
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

    sock_accept: notSocket('sock_accept'),
    sock_recv: notSocket('sock_recv'),
    sock_send: notSocket('sock_send'),
    sock_shutdown: notSocket('sock_shutdown'),
  };
}
