/*
 * A noux process: what the protection domain's runtime does for a
 * WebAssembly program that noux started (its config holds `<noux/>`).
 * The program's system calls go to noux over the process's Noux session
 * (wasi_imports.ts, noux_imports.ts); this file runs the program and
 * does what cannot happen inside a system call:
 *
 * - fork: the import starts asyncify's unwinding; when _start has
 *   returned, the memory is copied into a dataspace of this PD, noux
 *   starts the child (which winds the same stack back in its own
 *   instance and answers 0) and the parent winds back and answers the
 *   child's pid;
 * - exec: the import throws ExecReplace with the compiled program; the
 *   new instance starts in this same PD, pid and descriptors unchanged;
 * - exit: noux is told, then the PD ends.
 */

import type { Env } from '../../base/env.js';
import { CapabilityRevoked, ServiceDenied } from '../../base/errors.js';
import type { Client, SyncClient } from '../../base/interface.js';
import {
  Noux, NOUX_ROOT_FD, NOUX_SESSION_CAPS, NOUX_SESSION_RAM, PROCESS_IO_BYTES, PROCESS_IO_OFFSET, type ForkImage, type ProcessStart,
} from '../../session/noux/interface.js';
import { Timer, TIMER_SESSION_CAPS, TIMER_SESSION_RAM } from '../../session/timer/interface.js';
import { Clocks } from '../libc/clock.js';
import { cryptoEntropy } from '../libc/entropy.js';
import { GuestMemory } from '../libc/guest_memory.js';
import { WasiErrno } from '../libc/wasi_abi.js';
import { asTrap, WASI_MODULE } from '../libc/wasi_system.js';
import { isWasmBinary, WebAssemblyApi, type WasmImportFunction, type WasmInstance, type WasmMemory, type WasmModule } from '../libc/webassembly.js';
import { HeldModules } from './held_modules.js';
import { nouxImports } from './noux_imports.js';
import { PipeDescriptors } from './pipe_io.js';
import { SignalState } from './signal_state.js';
import { directCall, tableCall, type TableCall } from './table_call.js';
import { ExecReplace, LongjmpUnwind, ProcessExit } from './unwind.js';
import { PLAIN_ROOT_FD, wasiImports } from './wasi_imports.js';

/* WebAssembly's page: linear memory grows by whole pages. */
const WASM_PAGE = 65536;
const EINTR = 27;
const SIGABRT = 6;
const SIGSEGV = 11;
const SIGSTOP = 19;

/* asyncify's states (asyncify_get_state). */
const REWINDING = 2;

/** What the runtime reaches in a program built with nido cc. */
interface ProgramExports {
  readonly memory: WasmMemory;
  readonly table: { get(index: number): ((...args: unknown[]) => unknown) | null } | undefined;
  readonly stackPointer: { value: number } | undefined;
  readonly threw: number;
  readonly threwValue: number;
  readonly forkStack: number;
  readonly siginfo: number;
  readonly start: () => void;
  readonly asyncify: {
    startUnwind(data: number): void;
    stopUnwind(): void;
    startRewind(data: number): void;
    stopRewind(): void;
    state(): number;
  } | undefined;
}

const FORK_STACK_SIZE = 128 * 1024;
/* RAM a process keeps beyond its memory and module: the runtime's buffers (noux's RESERVE_SLACK). */
const RAM_SLACK = 4 * 1024 * 1024;
const SIGINFO_SIZE = 136;
const SIGINFO_PID = 16;
const SI_USER = 0;
const SI_KERNEL = 128;

function globalValue(value: unknown): number {
  return typeof value === 'object' && value !== null && 'value' in value ? Number((value as { value: unknown }).value) : 0;
}

function programExports(instance: WasmInstance): ProgramExports {
  const e = instance.exports as Record<string, unknown>;
  const fn = (name: string) => e[name] as (...args: unknown[]) => unknown;
  const asyncify = typeof e['asyncify_start_unwind'] === 'function'
    ? {
      startUnwind: (data: number) => void fn('asyncify_start_unwind')(data),
      stopUnwind: () => void fn('asyncify_stop_unwind')(),
      startRewind: (data: number) => void fn('asyncify_start_rewind')(data),
      stopRewind: () => void fn('asyncify_stop_rewind')(),
      state: () => Number(fn('asyncify_get_state')()),
    }
    : undefined;
  return {
    memory: e['memory'] as WasmMemory,
    table: e['__indirect_function_table'] as ProgramExports['table'],
    stackPointer: e['__stack_pointer'] as { value: number } | undefined,
    threw: globalValue(e['__THREW__']),
    threwValue: globalValue(e['__threwValue']),
    forkStack: globalValue(e['__noux_fork_stack']),
    siginfo: globalValue(e['__noux_siginfo']),
    start: () => void fn('_start')(),
    asyncify,
  };
}

/** The wrappers through which setjmp's lowering makes calls (`invoke_<signature>`): a longjmp below lands here. */
function invokeImports(module: WasmModule, exports: () => ProgramExports, memory: GuestMemory): Record<string, WasmImportFunction> {
  const imports: Record<string, WasmImportFunction> = {};
  const call = tableCall(module);
  for (const entry of WebAssemblyApi.Module.imports(module)) {
    if (entry.module !== 'env') continue;
    /* clang may import the lowering's longjmp under a renamed symbol (emscripten_longjmp.N) when the layer's is not linked in. */
    if (entry.name.startsWith('emscripten_longjmp')) {
      imports[entry.name] = ((env: number, value: number) => {
        const program = exports();
        memory.refresh();
        if (memory.u32(program.threw) === 0) {
          memory.setU32(program.threw, env);
          memory.setU32(program.threwValue, value === 0 ? 1 : value);
        }
        throw new LongjmpUnwind();
      }) as unknown as WasmImportFunction;
      continue;
    }
    if (!entry.name.startsWith('invoke_')) continue;
    const signature = entry.name.slice('invoke_'.length);
    const returnsI64 = signature.charAt(0) === 'j';
    imports[entry.name] = ((index: number, ...args: unknown[]) => {
      const program = exports();
      const stack = program.stackPointer?.value ?? 0;
      try {
        const target = program.table?.get(index);
        if (typeof target !== 'function') throw new WebAssemblyApi.RuntimeError('invoke of a null function pointer');
        return call(target, signature, args);
      } catch (error) {
        if (!(error instanceof LongjmpUnwind)) throw error;
        /* As the lowered code expects: the stack as it was at the call, __THREW__ set (longjmp set it first). */
        if (program.stackPointer !== undefined) program.stackPointer.value = stack;
        memory.refresh();
        if (memory.u32(program.threw) === 0) {
          memory.setU32(program.threw, 1);
          memory.setU32(program.threwValue, 0);
        }
        return returnsI64 ? 0n : 0;
      }
    }) as unknown as WasmImportFunction;
  }
  return imports;
}

interface Program {
  module: WasmModule;
  name: string;
  argv: readonly string[];
  env: readonly string[];
  cwd: string;
}

/**
 * Runs the noux process this PD was started as, to its end; then, while
 * noux keeps the PD (park), the processes it hands it.
 */
export async function runNouxProcess(env: Env, module: WasmModule, name: string): Promise<void> {
  /* Both sessions at once (two round trips through noux and its parent less on every process start); Timer may be denied. */
  const [connection, timerSession] = await Promise.all([
    env.connect(Noux, { label: '', ram: NOUX_SESSION_RAM, caps: NOUX_SESSION_CAPS }),
    env.connect(Timer, { label: 'libc', ram: TIMER_SESSION_RAM, caps: TIMER_SESSION_CAPS }).catch((error: unknown) => {
      if (error instanceof ServiceDenied) return undefined;
      throw error;
    }),
  ]);
  const kernel: SyncClient<Noux> = env.syncClient(Noux, connection.cap);
  /* Shared memory (the signal cells, a fork's image) travels on the asynchronous path only. */
  const kernelAsync = env.client(Noux, connection.cap);
  let start: ProcessStart | null = await kernelAsync.hello();
  const timer: SyncClient<Timer> | undefined = timerSession === undefined ? undefined : env.syncClient(Timer, timerSession.cap);
  const clocks = new Clocks(timer, () => BigInt(kernel.wallClock()));
  const modules = new HeldModules();
  modules.add(start.binaryId, module, start.binarySize);
  for (;;) {
    const program = start.binary === undefined ? modules.get(start.binaryId) : await compileHeld(modules, start.binaryId, start.binary, kernel, start.ram);
    if (program === undefined) throw new Error(`noux gave this PD binary ${start.binaryId}, which it does not hold`);
    const code = await new ProcessRuntime(env, kernel, kernelAsync, new SignalState(start.cells), clocks, start, modules).run({
      module: program, name: start.name || name, argv: start.argv, env: start.env, cwd: start.cwd,
    });
    try {
      start = await kernelAsync.park(modules.ids());
    } catch (error) {
      /* noux ended the kept PD, or ended itself: this PD is going away. */
      if (error instanceof CapabilityRevoked) return env.sleepForever();
      throw error;
    }
    if (start === null) {
      env.exit(code);
      return;
    }
  }
}

/*
 * Compiles a binary noux handed this PD. The PD may hold the garbage of
 * its last process's buffers: when the RAM meter refuses the compile,
 * room for it is asked of noux once (as exec does), then tried again.
 */
async function compileHeld(modules: HeldModules, id: number, binary: Uint8Array, kernel: SyncClient<Noux>, ram: number): Promise<WasmModule> {
  let module: WasmModule;
  try {
    module = await WebAssemblyApi.compile(binary);
  } catch (error) {
    if (!(error instanceof RangeError) || kernel.reserve(ram + 2 * binary.length + RAM_SLACK) < 0) throw error;
    module = await WebAssemblyApi.compile(binary);
  }
  modules.add(id, module, binary.length);
  return module;
}

class ProcessRuntime {
  readonly #env: Env;
  readonly #kernel: SyncClient<Noux>;
  readonly #kernelAsync: Client<Noux>;
  readonly #signals: SignalState;
  readonly #clocks: Clocks;
  readonly #pid: number;
  readonly #modules: HeldModules;
  #image: ForkImage | undefined;
  #program!: Program;
  #current: ProgramExports | undefined;
  #memory = new GuestMemory();
  #plain = false;
  /* How signal handlers are called: as the current program was built (table_call.ts). */
  #tableCall: TableCall = directCall;
  readonly #pipes: PipeDescriptors;
  /* The I/O buffer shared with noux (interface.ts). */
  readonly #io: Uint8Array;
  /* The RAM noux gave this PD. */
  #ram: number;
  /** 'unwinding' while fork leaves the stack; the answer fork gives when the stack is wound back. */
  #forking = false;
  #forkResult = 0;

  constructor(env: Env, kernel: SyncClient<Noux>, kernelAsync: Client<Noux>, signals: SignalState, clocks: Clocks, start: ProcessStart,
    modules: HeldModules) {
    this.#env = env;
    this.#kernel = kernel;
    this.#kernelAsync = kernelAsync;
    this.#signals = signals;
    this.#clocks = clocks;
    this.#pid = start.pid;
    this.#image = start.image;
    this.#ram = start.ram;
    this.#modules = modules;
    this.#pipes = new PipeDescriptors((fd) => kernel.pipeRing(fd));
    this.#io = new Uint8Array(start.cells, PROCESS_IO_OFFSET, PROCESS_IO_BYTES);
  }

  /*
   * The program's memory grew near what the PD's quota holds: ask noux for
   * more (memory, the modules held counted twice for their compiled code, slack for
   * the runtime), in steps of a quarter, so that a growing program asks
   * rarely. Checked after every system call; a program that grows by more
   * than the slack without one meets its quota.
   */
  #checkRam(extra = 0): void {
    const memory = this.#current?.memory.buffer.byteLength ?? 0;
    const needed = memory + extra + 2 * this.#modules.bytes + RAM_SLACK;
    if (needed <= this.#ram) return;
    const granted = this.#kernel.reserve(Math.ceil(needed * 1.25));
    if (granted > 0) this.#ram = granted;
  }

  /*
   * sbrk is about to grow linear memory to hold `bytes` (wasm/posix/src/sbrk.c):
   * room first, else ENOMEM (malloc's NULL) instead of a PD beyond its quota.
   * noux is asked every time (its answer is the PD's quota as it keeps it,
   * not this runtime's idea of it): a step of a quarter more if noux has
   * it, else exactly what is needed.
   */
  #memoryReserve(bytes: number): number {
    const memory = this.#current?.memory.buffer.byteLength ?? 0;
    const grown = Math.max(memory, Math.ceil(bytes / WASM_PAGE) * WASM_PAGE);
    const needed = grown + 2 * this.#modules.bytes + RAM_SLACK;
    let granted = this.#kernel.reserve(Math.ceil(needed * 1.25));
    if (granted < needed) granted = this.#kernel.reserve(needed);
    if (granted < needed) return -WasiErrno.NOMEM;
    this.#ram = granted;
    return 0;
  }

  /** Runs the process to its end (noux was told); answers its exit code. */
  async run(first: Program): Promise<number> {
    const code = await this.#run(first);
    /* noux closed its descriptors: whoever waits on a pipe it wrote or read looks now, not at its next slice. */
    this.#pipes.wakeAll();
    return code;
  }

  async #run(first: Program): Promise<number> {
    let program = first;
    for (;;) {
      try {
        return await this.#runProgram(program);
      } catch (error) {
        if (error instanceof ExecReplace) {
          program = { module: error.module, name: error.program, argv: error.argv, env: error.env, cwd: this.#program.cwd };
          this.#signals.resetForExec();
          /* exec closed the close-on-exec descriptors. */
          this.#pipes.forget();
          continue;
        }
        if (error instanceof ProcessExit) return error.code;
        /* noux closed our session: it ended this process (a signal) and its PD is going away. */
        if (error instanceof CapabilityRevoked) return this.#env.sleepForever();
        const trap = asTrap(error);
        if (trap === error) throw error;
        /* A trap is the program's crash: abort() traps with unreachable, a bad access is a segmentation fault. */
        const signal = /unreachable/.test((trap as Error).message) ? SIGABRT : SIGSEGV;
        /* The PD's name is the pid it was started for; a kept PD runs other pids later (docs/noux.md). */
        this.#env.warning(`${this.#program.name} (pid ${this.#pid}): ${(trap as Error).message}`);
        this.#kernel.exit(0, signal);
        return 128 + signal;
      }
    }
  }

  async #runProgram(program: Program): Promise<number> {
    this.#program = program;
    this.#memory = new GuestMemory();
    const imports = WebAssemblyApi.Module.imports(program.module);
    this.#plain = !imports.some((entry) => entry.module === 'noux');
    this.#tableCall = tableCall(program.module);
    const instance = await WebAssemblyApi.instantiate(program.module, this.#imports(program.module));
    const exports = programExports(instance);
    this.#current = exports;
    this.#memory.bind(exports.memory);
    const image = this.#image;
    this.#image = undefined;
    if (image !== undefined) {
      await this.#makeRoom(image.memory.size - exports.memory.buffer.byteLength);
      this.#windBack(image);
    }
    else if (this.#plain) this.#openPlainRoot();
    for (;;) {
      exports.start();
      if (this.#forking) {
        await this.#fork();
        continue;
      }
      /* _start returned without exit (a program without wasi-libc's start code): it exits with 0. */
      this.#kernel.exit(0, 0);
      return 0;
    }
  }

  /*
   * A plain WASI program (not built with nido cc) finds its root as the
   * preopened directory at descriptor 3: a descriptor of the root is put
   * there (a descriptor 3 it inherited cannot be used by it anyway).
   */
  #openPlainRoot(): void {
    const fd = this.#kernel.open(NOUX_ROOT_FD, '/', true, 2, '0', '0', 0);
    if (fd < 0 || fd === PLAIN_ROOT_FD) return;
    this.#kernel.dup3(fd, PLAIN_ROOT_FD, false);
    this.#kernel.close(fd);
  }

  /*
   * Room for `bytes` more in this PD, asked of noux by what the PD has
   * available now rather than by an estimate: beside the program the PD
   * holds compiled modules (a kept PD those of earlier programs too), the
   * runtime's own objects and garbage not yet collected.
   */
  async #makeRoom(bytes: number): Promise<void> {
    const { ram } = await this.#env.pd.quota();
    if (ram.avail >= bytes + RAM_SLACK) return;
    const granted = this.#kernel.reserve(ram.quota + bytes + RAM_SLACK - ram.avail);
    if (granted > 0) this.#ram = granted;
  }

  /* The child of a fork: the parent's memory and stack pointer, then asyncify winds the stack back. */
  #windBack(image: ForkImage): void {
    const { memory, asyncify, stackPointer } = this.#exports;
    if (asyncify === undefined || stackPointer === undefined) throw new Error('a forked process runs a program without asyncify');
    const needed = image.memory.size - memory.buffer.byteLength;
    if (needed > 0) memory.grow(Math.ceil(needed / 65536));
    new Uint8Array(memory.buffer).set(new Uint8Array(image.memory.buffer, 0, image.memory.size));
    this.#kernel.imageTaken();
    this.#memory.refresh();
    this.#signals.adopt(image.actions);
    this.#signals.setBlocked(image.blockedLo, image.blockedHi);
    stackPointer.value = image.stackPointer;
    this.#forkResult = 0;
    asyncify.startRewind(image.forkStack);
  }

  /* The parent of a fork, its stack unwound: the child is made from a copy of the memory. */
  async #fork(): Promise<void> {
    const { memory, asyncify, stackPointer, forkStack } = this.#exports;
    if (asyncify === undefined || stackPointer === undefined) throw new Error('fork without asyncify');
    asyncify.stopUnwind();
    this.#forking = false;
    const size = memory.buffer.byteLength;
    let result: number;
    try {
      /* The copy is made in this PD's RAM for a moment. */
      await this.#makeRoom(size);
      const ds = await this.#env.pd.alloc(size);
      try {
        new Uint8Array(ds.buffer, 0, size).set(new Uint8Array(memory.buffer));
        const [blockedLo, blockedHi] = this.#signals.blocked;
        result = await this.#kernelAsync.fork({
          memory: { ...ds, size }, stackPointer: stackPointer.value, forkStack, actions: this.#signals.actions(), blockedLo, blockedHi,
        });
      } finally {
        await this.#env.pd.free(ds.id);
      }
    } catch (error) {
      /* Our own RAM could not hold the copy: the fork fails as Unix's does when memory is short. */
      if (!(error instanceof RangeError) && !(error instanceof Error && error.name === 'OutOfRam')) throw error;
      this.#env.warning(`${this.#program.name} (pid ${this.#pid}): fork: no room for a copy of ${size} bytes of memory (${error.message})`);
      result = -WasiErrno.NOMEM;
    }
    this.#forkResult = result;
    asyncify.startRewind(forkStack);
  }

  /* The running program's exports (there is one from instantiation on). */
  get #exports(): ProgramExports {
    if (this.#current === undefined) throw new Error('noux process runtime: no program instantiated yet');
    return this.#current;
  }

  #imports(module: WasmModule): Record<string, Record<string, WasmImportFunction>> {
    const memory = this.#memory;
    const kernel = this.#kernel;
    const signals = this.#signals;
    const deliver = () => this.#deliver();
    /* A plain WASI program enters its working directory from $PWD at start (wasm/crt/nido_cwd.c): it gets the one exec kept. */
    const environ = () => (this.#plain ? [...this.#program.env.filter((entry) => !entry.startsWith('PWD=')), `PWD=${this.#program.cwd}`] : this.#program.env);
    const call = <T>(invoke: () => T, restartable = true): T => {
      for (;;) {
        const result = invoke();
        const interrupted = result === -EINTR;
        const delivery = this.#deliver();
        if (interrupted && (!delivery.handled || (restartable && delivery.restart))) continue;
        return result;
      }
    };
    const pipes = this.#pipes;
    const wasi = wasiImports({
      memory, kernel, clocks: this.#clocks, entropy: cryptoEntropy(),
      argv: () => this.#program.argv, environ, plain: () => this.#plain, pid: () => this.#pid,
      pipes, io: this.#io, interrupted: () => signals.deliverable(), call, deliver,
      exit: (code) => {
        kernel.exit(code & 0xff, 0);
        throw new ProcessExit(code & 0xff, 0);
      },
    });
    const noux = nouxImports({
      memory, kernel, signals, pid: () => this.#pid, cwd: () => this.#program.cwd, pipes, call, deliver,
      fork: () => this.#forkCall(),
      functionParams: (index) => {
        const target = this.#exports.table?.get(index);
        return typeof target === 'function' ? target.length : -1;
      },
      exec: (path, argv, env, cwd) => this.#exec(path, argv, env, cwd),
      memoryReserve: (bytes) => this.#memoryReserve(bytes),
    });
    const wrap = (table: Record<string, (...args: never[]) => number | void>) => {
      const out: Record<string, WasmImportFunction> = {};
      for (const [key, fn] of Object.entries(table)) {
        out[key] = ((...args: never[]) => {
          memory.refresh();
          const converted = (args as unknown[]).map((arg) => (typeof arg === 'number' ? arg >>> 0 : arg)) as never[];
          const result = fn(...converted);
          this.#checkRam();
          return result;
        }) as WasmImportFunction;
      }
      return out;
    };
    return {
      [WASI_MODULE]: wrap(wasi),
      noux: wrap(noux),
      env: invokeImports(module, () => this.#exports, memory),
    };
  }

  /* The fork import: first call starts the unwinding; the call made while winding back answers. */
  #forkCall(): number {
    const { asyncify, forkStack } = this.#exports;
    if (asyncify === undefined || forkStack === 0) return -WasiErrno.NOSYS;
    if (asyncify.state() === REWINDING) {
      asyncify.stopRewind();
      const result = this.#forkResult;
      this.#deliver();
      return result;
    }
    const view = new DataView(this.#exports.memory.buffer);
    view.setUint32(forkStack, forkStack + 8, true);
    view.setUint32(forkStack + 4, forkStack + FORK_STACK_SIZE, true);
    asyncify.startUnwind(forkStack);
    this.#forking = true;
    return 0;
  }

  #exec(path: string, argv: string[], env: string[], cwd: string): number {
    const image = this.#kernel.exec(path, argv, env, cwd, this.#modules.ids());
    if (typeof image === 'number') {
      this.#deliver();
      return image;
    }
    let module = this.#modules.get(image.binaryId);
    if (module === undefined) {
      if (image.binary === undefined || !isWasmBinary(image.binary)) return -WasiErrno.NOEXEC;
      const binary = image.binary;
      const compile = () => new (WebAssemblyApi.Module as unknown as new (bytes: Uint8Array) => WasmModule)(binary);
      try {
        try {
          module = compile();
        } catch (error) {
          /*
           * The old program is still here while the new one compiles (the
           * exec may yet fail): when the meter refuses, room for both is
           * asked of noux, once.
           */
          if (!(error instanceof RangeError)) throw error;
          const granted = this.#kernel.reserve(Math.max(image.ram, this.#ram) + 2 * binary.length + RAM_SLACK);
          if (granted < 0) throw error;
          this.#ram = granted;
          module = compile();
        }
      } catch (error) {
        this.#env.warning(`${this.#program.name} (pid ${this.#pid}): exec of ${path}: ${(error as Error).message}`);
        return error instanceof RangeError ? -WasiErrno.NOMEM : -WasiErrno.NOEXEC;
      }
      this.#modules.add(image.binaryId, module, image.binary.length);
    }
    this.#program = { ...this.#program, cwd };
    this.#ram = Math.max(this.#ram, image.ram);
    throw new ExecReplace(module, image.name, image.argv, env);
  }

  /* Delivers pending signals; a signal whose default ends the process ends it here. */
  #deliver(): { handled: boolean; restart: boolean } {
    if (!this.#signals.deliverable()) return { handled: false, restart: true };
    const delivery = this.#signals.deliver((handler, sig, siginfo, sender) => {
      const target = this.#exports.table?.get(handler);
      if (typeof target !== 'function') return;
      const info = this.#exports.siginfo;
      if (siginfo && info !== 0) {
        /*
         * musl's siginfo_t on wasm32 (136 bytes): si_signo, si_errno, si_code,
         * then, 8-aligned (wasi-libc's clock_t is 64 bits), si_pid and si_uid.
         * SI_USER from a process, SI_KERNEL from noux.
         */
        this.#memory.refresh();
        this.#memory.slice(info, SIGINFO_SIZE).fill(0);
        this.#memory.setU32(info, sig);
        this.#memory.setU32(info + 8, sender === 0 ? SI_KERNEL : SI_USER);
        this.#memory.setU32(info + SIGINFO_PID, sender);
        this.#tableCall(target, 'viii', [sig, info, 0]);
      } else if (siginfo) this.#tableCall(target, 'viii', [sig, 0, 0]);
      else this.#tableCall(target, 'vi', [sig]);
      this.#memory.refresh();
    });
    if (delivery.fatal !== 0) {
      this.#kernel.exit(0, delivery.fatal);
      throw new ProcessExit(128 + delivery.fatal, delivery.fatal);
    }
    if (delivery.stop !== 0) this.#kernel.kill(this.#pid, SIGSTOP);
    return delivery;
  }
}
