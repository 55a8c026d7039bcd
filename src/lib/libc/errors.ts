/*
 * Failures of a WebAssembly program as its parent and its runtime see
 * them. A program's own errors (a missing file, a bad descriptor) are errno
 * values returned to the program, never exceptions; these classes are for
 * what ends the program or prevents it from starting.
 */

import { NidoError } from '../../base/errors.js';

/** The binary is no WebAssembly module the C runtime can run (bad magic, foreign imports, no `_start`). */
export class InvalidWasmBinary extends NidoError {}

/** The program trapped (unreachable, out-of-bounds access, stack overflow, ...); the message names the trap. */
export class WasmTrap extends NidoError {}

/** The `<libc>` or `<arg>`/`<env>` configuration cannot be used. */
export class LibcConfigError extends NidoError {}

/**
 * Thrown through the program's frames by `proc_exit` to unwind it; caught
 * by the runtime, which answers the exit code. Never reaches a caller.
 */
export class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
    this.name = 'ProcExit';
  }
}

/**
 * An errno answer from deep inside a system call, thrown to the import
 * wrapper, which returns `errno` to the program.
 */
export class SyscallError extends Error {
  constructor(readonly errno: number, message = `errno ${errno}`) {
    super(message);
    this.name = 'SyscallError';
  }
}
