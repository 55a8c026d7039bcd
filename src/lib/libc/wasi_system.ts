/*
 * Nido's WASI preview 1: the system interface a WebAssembly program
 * imports as `wasi_snapshot_preview1`, implemented on the component's VFS,
 * a Timer session and the runtime's entropy. It has the shape of
 * `node:wasi`'s WASI object (`wasiImport`, `start`, `initialize`), so
 * drivers written for that (a reactor such as ruby.wasm) can take it.
 *
 *   const system = new WasiSystem({ vfs, clocks, entropy, config, warn });
 *   const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: system.wasiImport });
 *   const exitCode = system.start(instance);
 */

import { CapabilityRevoked } from '../../base/errors.js';
import { VfsError, type Vfs } from '../vfs/interface.js';
import type { Clocks } from './clock.js';
import { DirectoryDescriptor, type Descriptor } from './descriptor.js';
import { DescriptorTable } from './descriptor_table.js';
import type { Entropy } from './entropy.js';
import { InvalidWasmBinary, ProcExit, SyscallError, WasmTrap } from './errors.js';
import { closeDescriptor } from './file_status.js';
import { GuestMemory } from './guest_memory.js';
import type { SyscallContext, Syscall, Syscalls } from './syscall_context.js';
import { RIGHTS_DIRECTORY, RIGHTS_DIRECTORY_INHERITING, WasiErrno } from './wasi_abi.js';
import { fdAttributeSyscalls } from './wasi_fd_attributes.js';
import { fdIoSyscalls } from './wasi_fd_io.js';
import { pathSyscalls } from './wasi_path.js';
import { pollSyscalls } from './wasi_poll.js';
import { processSyscalls } from './wasi_process.js';
import { isMemory, WebAssemblyApi, type WasmImportFunction, type WasmInstance } from './webassembly.js';

/** The descriptor of the preopened VFS root, the first after the standard streams. */
export const ROOT_DESCRIPTOR = 3;

export interface WasiSystemOptions {
  readonly vfs: Vfs;
  readonly clocks: Clocks;
  readonly entropy: Entropy;
  readonly args: readonly string[];
  readonly environ: readonly string[];
  /** The most bytes of linear memory the program may use (OutOfRam beyond); default: no limit. */
  readonly memoryLimit?: number;
  /** Descriptors 0, 1, 2. */
  readonly standardStreams: readonly [Descriptor, Descriptor, Descriptor];
  warn(message: string): void;
}

/** The names of WASI preview 1's functions this system provides (all of them). */
export const WASI_MODULE = 'wasi_snapshot_preview1';

export class WasiSystem {
  readonly #memory: GuestMemory;
  readonly #descriptors = new DescriptorTable();
  readonly #clocks: Clocks;
  readonly #warn: (message: string) => void;
  /** The import object's functions, for `{ wasi_snapshot_preview1: system.wasiImport }`. */
  readonly wasiImport: Readonly<Record<string, WasmImportFunction>>;
  #started = false;

  constructor(options: WasiSystemOptions) {
    this.#memory = new GuestMemory(options.memoryLimit);
    this.#clocks = options.clocks;
    this.#warn = options.warn;
    options.standardStreams.forEach((descriptor, fd) => this.#descriptors.set(fd, descriptor));
    this.#descriptors.set(ROOT_DESCRIPTOR, new DirectoryDescriptor('/',
      { base: RIGHTS_DIRECTORY, inheriting: RIGHTS_DIRECTORY_INHERITING }, '/'));
    const context: SyscallContext = {
      memory: this.#memory,
      descriptors: this.#descriptors,
      vfs: options.vfs,
      clocks: options.clocks,
      entropy: options.entropy,
      args: options.args,
      environ: options.environ,
      warn: options.warn,
    };
    const syscalls: Syscalls = {
      ...processSyscalls(context),
      ...fdIoSyscalls(context),
      ...fdAttributeSyscalls(context),
      ...pathSyscalls(context),
      ...pollSyscalls(context),
    };
    const imports: Record<string, WasmImportFunction> = {};
    for (const [name, syscall] of Object.entries(syscalls)) imports[name] = this.#wrap(name, syscall);
    this.wasiImport = Object.freeze(imports);
  }

  /* Turns thrown errors into errno answers; exits, traps and bugs pass through to the runtime. */
  #wrap(name: string, syscall: Syscall): WasmImportFunction {
    const memory = this.#memory;
    const invoke = syscall as (...args: unknown[]) => number | void;
    return (...args: never[]) => {
      memory.refresh();
      const converted = (args as unknown[]).map((arg) => typeof arg === 'number' ? arg >>> 0 : arg);
      try {
        return invoke(...converted) ?? WasiErrno.SUCCESS;
      } catch (error) {
        if (error instanceof SyscallError || error instanceof VfsError) return error.errno;
        /* A pointer outside the program's memory. */
        if (error instanceof RangeError) return WasiErrno.FAULT;
        if (error instanceof CapabilityRevoked) {
          this.#warn(`libc: ${name}: a server behind the VFS is gone (${error.message})`);
          return WasiErrno.IO;
        }
        throw error;
      }
    };
  }

  #bind(instance: WasmInstance): void {
    if (this.#started) throw new InvalidWasmBinary('a WASI system runs one instance, once');
    this.#started = true;
    const memory = instance.exports['memory'];
    if (!isMemory(memory)) throw new InvalidWasmBinary('the module exports no memory');
    this.#memory.bind(memory);
  }

  /** Runs a command's `_start` and answers its exit code; a trap is a WasmTrap. */
  start(instance: WasmInstance): number {
    this.#bind(instance);
    const entry = instance.exports['_start'];
    if (typeof entry !== 'function') throw new InvalidWasmBinary('the module exports no _start (not a WASI command)');
    return this.#guarded(() => {
      (entry as () => void)();
      return 0;
    });
  }

  /** Initializes a reactor (calls its `_initialize`, if any); its exports are then called by the driver. */
  initialize(instance: WasmInstance): void {
    this.#bind(instance);
    const entry = instance.exports['_initialize'];
    if (entry !== undefined && typeof entry !== 'function') throw new InvalidWasmBinary('_initialize is not a function');
    if (typeof entry === 'function') this.#guarded(() => { (entry as () => void)(); return 0; });
  }

  #guarded(run: () => number): number {
    let code: number;
    try {
      code = run();
    } catch (error) {
      if (!(error instanceof ProcExit)) throw asTrap(error);
      code = error.code;
    }
    /* Memory grown since the last system call counts too. */
    this.#memory.refresh();
    return code;
  }

  /** Closes every descriptor (the program ended). */
  close(): void {
    for (const descriptor of this.#descriptors.drain()) {
      try {
        closeDescriptor(descriptor, this.#clocks);
      } catch (error) {
        if (!(error instanceof VfsError) && !(error instanceof CapabilityRevoked)) throw error;
        this.#warn(`libc: closing a file at exit failed: ${error.message}`);
      }
    }
  }
}

/** A program's trap as a WasmTrap; anything else (a bug in the runtime) unchanged. */
export function asTrap(error: unknown): unknown {
  /* V8 reports a program's stack overflow as a RangeError. */
  const trapped = error instanceof WebAssemblyApi.RuntimeError || (error instanceof RangeError && /call stack/.test(error.message));
  if (!trapped) return error;
  /* The program's own frames say where; the runtime's frames would only say how it got there. */
  const frames = (error.stack ?? '').split('\n').filter((line) => line.includes('wasm-function')).slice(0, 4)
    .map((line) => line.trim());
  return new WasmTrap(`program trapped: ${error.message}${frames.length > 0 ? ` (${frames.join(', ')})` : ''}`);
}
