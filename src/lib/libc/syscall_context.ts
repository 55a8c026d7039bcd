/*
 * What every WASI system call works on: the program's memory and
 * descriptors, the component's VFS, clocks and entropy. One context per
 * running program; the wasi_*.ts files turn it into import functions.
 */

import type { Vfs } from '../vfs/interface.js';
import type { Clocks } from './clock.js';
import type { DescriptorTable } from './descriptor_table.js';
import type { Entropy } from './entropy.js';
import type { GuestMemory } from './guest_memory.js';

export interface SyscallContext {
  readonly memory: GuestMemory;
  readonly descriptors: DescriptorTable;
  readonly vfs: Vfs;
  readonly clocks: Clocks;
  readonly entropy: Entropy;
  readonly args: readonly string[];
  readonly environ: readonly string[];
  /** A warning on the component's LOG (a server gone, an unusable config path). */
  warn(message: string): void;
}

/**
 * A system call as the program imports it: i32 arguments arrive as
 * unsigned numbers, i64 arguments as BigInts; it answers an errno (or
 * nothing for success). Errors are thrown as SyscallError or VfsError.
 */
export type Syscall = (...args: never[]) => number | void;

export type Syscalls = Record<string, Syscall>;
