/*
 * The kernel of noux: the process table and what Unix does between
 * processes. Every process is a child protection domain of noux, started
 * with its own RAM and cap quota out of noux's (client pays, as
 * everywhere); its system calls arrive over its Noux session
 * (syscalls.ts). Here: starting the first program, fork, exec, exit and
 * wait, process groups and sessions, signals and alarms.
 */

import {
  Child, LocalRom, Noux, OutOfCaps, OutOfRam, ServiceDenied, PROCESS_SHARED_BYTES, lastElement,
  type Capability, type Client, type DataspaceHandle, type Env, type ExecImage, type ExitInfo, type ForkImage, type Implementation,
  type ProcessStart, type Root, type Route, type SyncClient, type Timer, type Vfs,
} from 'nido';
import type { Console } from './console.js';
import type { OpenFile } from './open_file.js';
import { PipeEnd, PipeRings } from './pipe.js';
import { Process, release } from './process.js';
import { ProcessPd } from './process_pd.js';
import { Programs } from './programs.js';
import { nouxSyscalls } from './syscalls.js';
import { WaitQueue, type Wait } from './wait_queue.js';
import { WasiErrno } from './wasi.js';

export const SIGHUP = 1, SIGKILL = 9, SIGSEGV = 11, SIGPIPE = 13, SIGALRM = 14, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19;
const DEFAULT_IGNORED = new Set([SIGCHLD, 23, 28, SIGCONT]);
const DEFAULT_STOPS = new Set([SIGSTOP, 20, 21, 22]);

/* wait's options. */
const WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8;

/* What a process gets beyond its memory and twice its binary (the module and its compiled code): the runtime's own buffers, with room enough that their garbage does not force a full collection at every few allocations (a 1 MiB slack did: ~10 ms each, measured by bench/noux.ts). */
const RESERVE_SLACK = 4 * 1024 * 1024;
/* Linear memory assumed for a program that has not started yet. */
const INITIAL_MEMORY = 2 * 1024 * 1024;

/*
 * PDs kept after their process exited, for the next forks: a fork then
 * costs a copy of the memory instead of a PD's start (bench/README.md).
 * Each holds a worker thread and the RAM an idle process of its programs
 * needs; two cover a shell running one pipeline stage after another.
 */
const MAX_PARKED = 2;

export interface KernelOptions {
  /** RAM (at least) and caps each process's protection domain gets; it grows with the process's memory. */
  readonly processRam: number;
  readonly processCaps: number;
  /** The wall-clock time at noux's start (ns since the epoch), if known. */
  readonly rtc: bigint | undefined;
  /** noux's Timer session for calls that cannot await (the time a written file is stamped with). */
  readonly timerSync: SyncClient<Timer>;
  /** The first process ended with this exit code (128 + signal if killed). */
  readonly ended: (code: number) => void;
}

export type WaitResult = 'woken' | 'interrupted' | 'timeout';

const CONFIG = '<config><noux/></config>';

export class Kernel {
  readonly processes = new Map<number, Process>();
  readonly #env: Env;
  readonly vfs: Vfs;
  readonly console: Console;
  readonly timer: Client<Timer>;
  readonly pipeRings: PipeRings;
  readonly #options: KernelOptions;
  readonly #byChild = new Map<Child, ProcessPd>();
  readonly #parked: ProcessPd[] = [];
  readonly #config: LocalRom;
  readonly #binaryRoms = new WeakMap<Uint8Array, LocalRom>();
  readonly #programs: Programs;
  #nextPid = 1;
  /* Set once the first process ended: no PD parks any more. */
  #closing = false;

  constructor(env: Env, vfs: Vfs, console: Console, timer: Client<Timer>, options: KernelOptions) {
    this.#env = env;
    this.vfs = vfs;
    this.console = console;
    this.timer = timer;
    this.#options = options;
    this.#config = new LocalRom(env, CONFIG);
    this.#programs = new Programs(vfs);
    this.pipeRings = new PipeRings(env);
  }

  /** Starts the first process: `path` from the fstab, its console on descriptors 0-2. */
  async startFirst(path: string, argv: readonly string[], environment: readonly string[], console: OpenFile): Promise<void> {
    const program = this.#programs.load(path, argv);
    if (typeof program === 'number') throw new ServiceDenied(`cannot start "${path}": ${errnoName(-program)}`);
    const pid = this.#nextPid++;
    const process = new Process(pid, await this.#cells(), 0, pid, pid, program.binary, baseName(path), program.argv, environment, '/');
    for (const fd of [0, 1, 2]) process.fds.set(fd, console);
    console.refs = 3;
    this.console.foreground = pid;
    this.console.session = pid;
    this.processes.set(pid, process);
    await this.#spawn(process, INITIAL_MEMORY);
  }

  /* ------------------------------------------------------------ protection domains */

  /* RAM a process needs for a program of `binarySize` bytes and `memory` bytes of linear memory (docs/noux.md). */
  #needed(binarySize: number, memory: number): number {
    return Math.max(this.#options.processRam, memory + 2 * binarySize + RESERVE_SLACK);
  }

  /*
   * Starts `process` in a PD with RAM for `memory` bytes of linear memory:
   * a parked one if there is one (its RAM raised if need be), else a new
   * child of noux. Throws OutOfRam, OutOfCaps or ServiceDenied when noux
   * cannot pay.
   */
  async #spawn(process: Process, memory: number): Promise<void> {
    const ram = this.#needed(process.binary.bytes.length, memory);
    const parked = this.#parked.shift();
    if (parked !== undefined) {
      await this.#assign(parked, process, ram);
      return;
    }
    const child = new Child(this.#env, {
      resolve: (_child, request): Route => this.#route(pd, request.service, request.label, request.env),
      exited: (_child, info) => this.#pdEnded(pd, info),
      warning: (text) => this.#env.warning(text),
    }, { name: String(process.pid), binary: process.name, ram, caps: this.#options.processCaps });
    const pd = new ProcessPd(child, process, nouxSyscalls(this, process), ram);
    process.pd = pd;
    this.#byChild.set(child, pd);
    await child.startPd({ ram, caps: this.#options.processCaps });
    await child.startProgram();
  }

  /* Hands the parked `pd` to `process`, with at least `ram`; back to the parked ones if noux cannot pay that. */
  async #assign(pd: ProcessPd, process: Process, ram: number): Promise<void> {
    const more = ram - pd.ram;
    const pdCap = pd.child.pdCap;
    if (more > 0 && pdCap !== undefined) {
      try {
        await this.#env.pd.transferQuota(pdCap, more, 0);
      } catch (error) {
        if (pd.parked !== undefined) this.#parked.push(pd);
        throw error;
      }
      pd.ram += more;
    }
    /* The PD ended while noux waited for its quota. */
    if (pd.parked === undefined) throw new ServiceDenied(`noux: the protection domain kept for process ${process.pid} ended`);
    process.pd = pd;
    const start = this.hello(process);
    const { bytes, id } = process.binary;
    pd.assign(process, nouxSyscalls(this, process), pd.held.includes(id) ? start : { ...start, binary: bytes });
  }

  /**
   * The PD of `pd.process`, which exited, offers itself for a later process
   * (the Noux session's `park`). Kept, with the RAM an idle process of its
   * last program needs (the rest goes back to noux), if fewer than MAX_PARKED
   * are; else it is told to end (null).
   */
  async park(pd: ProcessPd, held: readonly number[]): Promise<ProcessStart | null> {
    if (this.#closing || !pd.process.ended || pd.parked !== undefined || this.#parked.length >= MAX_PARKED) return null;
    const heldIds = Array.isArray(held) ? held.filter((id) => Number.isInteger(id)) : [];
    /* What its runtime still charges (modules, garbage not yet collected) stays: withdraw takes what is free. */
    const surplus = pd.ram - this.#needed(pd.process.binary.bytes.length, INITIAL_MEMORY);
    const pdCap = this.#env.pdCap;
    if (surplus > 0) pd.ram -= surplus - (await pd.child.withdraw(pdCap, surplus, 0)).ram;
    if (this.#closing || !this.#byChild.has(pd.child) || this.#parked.length >= MAX_PARKED) return null;
    pd.held = heldIds;
    this.#parked.push(pd);
    return new Promise((resolve) => {
      pd.parked = resolve;
    });
  }

  /* Ends the parked PDs (noux ends, or needs their RAM); resolves once their quota is back. */
  async #endParked(): Promise<void> {
    await Promise.all(this.#parked.splice(0).map(async (pd) => {
      this.#byChild.delete(pd.child);
      pd.parked = undefined;
      await pd.child.kill().catch((error: unknown) => this.#env.warning(`noux: ending a kept protection domain: ${String(error)}`));
    }));
  }

  #route(pd: ProcessPd, service: string, label: string, env: boolean): Route {
    if (service === 'Noux') return { kind: 'local', root: this.#root(pd), label };
    if (service === 'ROM' && lastElement(label) === 'config') return { kind: 'local', root: this.#config, label };
    if (service === 'ROM' && env) return { kind: 'local', root: this.#binaryRom(pd.process.binary.bytes), label };
    if (['PD', 'CPU', 'LOG', 'Timer'].includes(service)) return { kind: 'parent', label };
    return { kind: 'deny', reason: `noux: a process has no ${service} session (label="${label}")` };
  }

  /*
   * The binary ROM of a program: one LocalRom per binary (a forked child
   * shares its parent's bytes), not a copy of the binary per fork; it goes
   * with the last process that runs the program.
   */
  #binaryRom(binary: Uint8Array): LocalRom {
    let rom = this.#binaryRoms.get(binary);
    if (rom === undefined) {
      rom = new LocalRom(this.#env, binary);
      this.#binaryRoms.set(binary, rom);
    }
    return rom;
  }

  /* The root of the Noux service a PD reaches: one session, the system calls of its process. */
  #root(pd: ProcessPd): Implementation<Root> {
    const caps = new Map<number, Capability>();
    let ids = 0;
    return {
      session: () => {
        const id = ++ids;
        const cap = this.#env.ep.manage(Noux, pd.session((held) => this.park(pd, held)));
        caps.set(id, cap);
        return { id, cap };
      },
      upgrade: () => undefined,
      close: (id: number) => {
        const cap = caps.get(id);
        caps.delete(id);
        if (cap !== undefined) this.#env.ep.dissolve(cap);
      },
    };
  }

  /* The PD ended without telling (a crash, its RAM): its process ends as if killed. */
  #pdEnded(pd: ProcessPd, info: ExitInfo): void {
    this.#byChild.delete(pd.child);
    const parked = this.#parked.indexOf(pd);
    if (parked >= 0) this.#parked.splice(parked, 1);
    pd.parked = undefined;
    const process = pd.process;
    if (process.ended) return;
    if (info.reason === 'exit') this.end(process, (info.code & 0xff) << 8);
    else this.end(process, info.reason === 'crash' ? SIGSEGV : SIGKILL);
  }

  hello(process: Process): ProcessStart {
    return {
      pid: process.pid, cells: process.cellsDataspace.buffer, name: process.name, argv: process.argv, env: process.env,
      cwd: process.cwd, ...(process.image === undefined ? {} : { image: process.image }),
      ram: process.pd?.ram ?? 0, binarySize: process.binary.bytes.length, binaryId: process.binary.id,
    };
  }

  /* ------------------------------------------------------------ fork, exec, exit, wait */

  async fork(parent: Process, image: ForkImage): Promise<number> {
    const pid = this.#nextPid++;
    let cells;
    try {
      cells = await this.#cells();
    } catch (error) {
      if (!(error instanceof OutOfRam)) throw error;
      if (this.#parked.length === 0) return -WasiErrno.AGAIN;
      /* The kept PDs hold RAM a running process needs more. */
      await this.#endParked();
      return this.fork(parent, image);
    }
    const child = new Process(pid, cells, parent.pid, parent.pgid, parent.sid, parent.binary, parent.name, parent.argv, parent.env, parent.cwd);
    child.umask = parent.umask;
    for (const [fd, file] of parent.fds.entries()) {
      file.refs++;
      child.fds.set(fd, file, parent.fds.cloexec(fd));
    }
    child.image = image;
    const taken = new Promise<void>((resolve) => {
      child.imageTaken = resolve;
    });
    this.processes.set(pid, child);
    parent.children.add(child);
    try {
      await this.#spawn(child, image.memory.size);
    } catch (error) {
      if (!(error instanceof OutOfRam || error instanceof OutOfCaps || error instanceof ServiceDenied)) throw error;
      /* noux's quota cannot pay for another process: fork fails as Unix's does at a process limit. */
      this.end(child, SIGKILL);
      this.#reap(parent, child);
      return -WasiErrno.AGAIN;
    }
    const ended = new Promise<void>((resolve) => {
      const check = (): void => {
        if (child.ended) resolve();
        else void parent.childEvents.wait().promise.then(check);
      };
      check();
    });
    await Promise.race([taken, ended]);
    child.image = undefined;
    return pid;
  }

  /** Replaces the program of `process`: descriptors marked close-on-exec close. */
  async exec(process: Process, path: string, argv: readonly string[], environment: readonly string[], cwd: string, held: readonly number[]): Promise<ExecImage | number> {
    const program = this.#programs.load(absolutePath(cwd, path), argv);
    if (typeof program === 'number') return program;
    /* A larger program needs more RAM: without it the exec fails and the old program goes on. */
    const sent = !(Array.isArray(held) && held.includes(program.binary.id));
    if (await this.reserve(process, await this.#execRoom(process, program.binary.bytes.length, sent)) < 0) return -WasiErrno.NOMEM;
    for (const [fd, file] of [...process.fds.entries()]) {
      if (!process.fds.cloexec(fd)) continue;
      process.fds.delete(fd);
      release(file);
    }
    process.binary = program.binary;
    process.name = baseName(program.argv[0] ?? path);
    process.argv = program.argv;
    process.env = environment;
    process.cwd = cwd;
    const { bytes, id } = program.binary;
    return {
      binaryId: id, ...(sent ? { binary: bytes } : {}),
      name: process.name, argv: program.argv, ram: process.pd?.ram ?? 0,
    };
  }

  /*
   * The quota an exec of a binary of `size` bytes needs: the new program's
   * (#needed), and while the exec goes on, room beside everything the old
   * program holds (its memory, its modules, the runtime's buffers) for the
   * binary's copy in the reply and its compile, by what the PD has
   * available now (a shell that grew to megabytes execs vim: 5 MB). A
   * binary the PD holds compiled (`sent` false) is neither sent nor
   * compiled.
   */
  async #execRoom(process: Process, size: number, sent: boolean): Promise<number> {
    const needed = this.#needed(size, INITIAL_MEMORY);
    const pd = process.pd?.child.pd;
    if (!sent || pd === undefined || process.pd === undefined) return needed;
    const { ram } = await pd.quota();
    return Math.max(needed, process.pd.ram + 2 * size + RESERVE_SLACK - ram.avail);
  }

  /** noux's RAM quota and what of it is available now (Noux.memory). */
  async memory(): Promise<{ total: number; avail: number }> {
    const { ram } = await this.#env.pd.quota();
    return { total: ram.quota, avail: Math.max(0, ram.avail) };
  }

  /** Raises the process's RAM quota to `bytes` out of noux's own; answers the quota or -ENOMEM. */
  async reserve(process: Process, bytes: number): Promise<number> {
    const pd = process.pd;
    if (pd === undefined || pd.process !== process) return -WasiErrno.NOMEM;
    const more = Math.ceil(bytes) - pd.ram;
    const pdCap = pd.child.pdCap;
    if (more <= 0 || pdCap === undefined) return pd.ram;
    try {
      await this.#env.pd.transferQuota(pdCap, more, 0);
    } catch (error) {
      if (error instanceof OutOfRam) return -WasiErrno.NOMEM;
      throw error;
    }
    pd.ram += more;
    return pd.ram;
  }

  /**
   * The process ended with wait status `status`: its descriptors close, its
   * parent hears of it, its protection domain is killed (unless it exits by
   * itself, having told noux with `exit`: then it ends once its runtime
   * returned from the call).
   */
  end(process: Process, status: number, exiting = false): void {
    if (process.ended) return;
    process.status = status;
    process.stopped = 0;
    process.continued.wake();
    /* Its held calls give up. */
    process.signalled.wake();
    const pipes = [...process.fds.files()].flatMap((file) => (file instanceof PipeEnd ? [file.pipe] : []));
    for (const file of process.fds.files()) release(file);
    process.fds.clear();
    const pd = process.pd;
    if (pd !== undefined && pd.process === process && !exiting) {
      this.#byChild.delete(pd.child);
      void pd.child.kill()
        /* Killed in the middle of a read or write, it held its pipes' locks: free once it cannot touch them any more. */
        .then(() => { for (const pipe of pipes) pipe.unlock(process.pid); })
        .catch((error: unknown) => this.#env.warning(`noux: ending process ${process.pid}: ${String(error)}`));
    }
    const init = this.processes.get(1);
    for (const orphan of process.children) {
      orphan.ppid = init !== undefined && init !== process ? 1 : 0;
      if (orphan.ppid === 1 && init !== undefined) init.children.add(orphan);
      else if (orphan.ended) this.#forget(orphan);
    }
    process.children.clear();
    const parent = this.processes.get(process.ppid);
    if (parent !== undefined && !parent.ended) {
      /* A parent that ignores SIGCHLD leaves no zombies (POSIX's XSI rule, Linux's behaviour). */
      if (parent.ignored(SIGCHLD)) this.#reap(parent, process);
      parent.childEvents.wake();
      this.signal(parent, SIGCHLD, process.pid);
    } else {
      this.#forget(process);
    }
    if (process.pid === 1) this.#firstEnded(status);
  }

  #firstEnded(status: number): void {
    this.#closing = true;
    void this.#endParked();
    for (const process of [...this.processes.values()]) {
      this.end(process, SIGKILL);
      this.#forget(process);
    }
    const signal = status & 0x7f;
    this.#options.ended(signal !== 0 ? 128 + signal : (status >> 8) & 0xff);
  }

  #reap(parent: Process, child: Process): void {
    parent.children.delete(child);
    this.#forget(child);
  }

  /* What a process shares with noux (its cells, then its I/O buffer): a dataspace of noux's RAM. */
  #cells(): Promise<DataspaceHandle> {
    return this.#env.pd.alloc(PROCESS_SHARED_BYTES);
  }

  /* A process leaves the table; its cells go back to noux's RAM. */
  #forget(process: Process): void {
    this.processes.delete(process.pid);
    void this.#env.pd.free(process.cellsDataspace.id).catch(() => undefined);
  }

  async wait4(process: Process, pid: number, options: number): Promise<{ pid: number; status: number } | number> {
    for (;;) {
      const matches = [...process.children].filter((child) =>
        pid > 0 ? child.pid === pid : pid === 0 ? child.pgid === process.pgid : pid === -1 ? true : child.pgid === -pid);
      if (matches.length === 0) return -WasiErrno.CHILD;
      const ended = matches.find((child) => child.ended);
      if (ended !== undefined) {
        this.#reap(process, ended);
        return { pid: ended.pid, status: ended.status ?? 0 };
      }
      const stopped = matches.find((child) => child.report === 'stopped' && child.stopped !== 0);
      if (stopped !== undefined && (options & WUNTRACED) !== 0) {
        stopped.report = undefined;
        return { pid: stopped.pid, status: (stopped.stopped << 8) | 0x7f };
      }
      const continued = matches.find((child) => child.report === 'continued');
      if (continued !== undefined && (options & WCONTINUED) !== 0) {
        continued.report = undefined;
        return { pid: continued.pid, status: 0xffff };
      }
      if ((options & WNOHANG) !== 0) return { pid: 0, status: 0 };
      if (await this.block(process, [process.childEvents]) === 'interrupted') return -WasiErrno.INTR;
    }
  }

  /**
   * Waits for one of `queues` (or `timeoutMs`), unless a signal the process
   * must act on is pending or arrives: then 'interrupted'.
   */
  async block(process: Process, queues: readonly WaitQueue[], timeoutMs?: number): Promise<WaitResult> {
    if (process.interrupted || process.ended) return 'interrupted';
    const waits: Wait[] = [...queues.map((queue) => queue.wait()), process.signalled.wait()];
    const racers: Promise<WaitResult>[] = waits.map((wait) => wait.promise.then(() => 'woken' as const));
    if (timeoutMs !== undefined) racers.push(this.timer.msleep(Math.max(0, Math.ceil(timeoutMs))).then(() => 'timeout' as const));
    const result = await Promise.race(racers);
    for (const wait of waits) wait.cancel();
    /* An ended process takes nothing any more (a line typed after Ctrl-C is the shell's); a stopped one waits first. */
    if (process.interrupted || process.ended) return 'interrupted';
    await this.whileStopped(process);
    if (process.interrupted || process.ended) return 'interrupted';
    return result;
  }

  /** Holds a process that was stopped (Ctrl-Z, SIGSTOP) until it continues. */
  async whileStopped(process: Process): Promise<void> {
    while (process.stopped !== 0 && !process.ended) await process.continued.wait().promise;
  }

  /* ------------------------------------------------------------ groups */

  getpgid(process: Process, pid: number): number {
    const target = pid === 0 ? process : this.processes.get(pid);
    return target === undefined || target.ended ? -WasiErrno.SRCH : target.pgid;
  }

  getsid(process: Process, pid: number): number {
    const target = pid === 0 ? process : this.processes.get(pid);
    return target === undefined || target.ended ? -WasiErrno.SRCH : target.sid;
  }

  setpgid(process: Process, pid: number, pgid: number): number {
    if (pgid < 0) return -WasiErrno.INVAL;
    const target = pid === 0 ? process : this.processes.get(pid);
    if (target === undefined || (target !== process && target.ppid !== process.pid)) return -WasiErrno.SRCH;
    if (target.sid !== process.sid) return -WasiErrno.PERM;
    if (target.sid === target.pid) return -WasiErrno.PERM;
    const group = pgid === 0 ? target.pid : pgid;
    if (group !== target.pid && ![...this.processes.values()].some((p) => p.pgid === group && p.sid === process.sid && !p.ended)) {
      return -WasiErrno.PERM;
    }
    target.pgid = group;
    return 0;
  }

  setsid(process: Process): number {
    if ([...this.processes.values()].some((p) => p.pgid === process.pid && !p.ended)) return -WasiErrno.PERM;
    process.sid = process.pid;
    process.pgid = process.pid;
    return process.pid;
  }

  /* ------------------------------------------------------------ signals */

  kill(sender: Process, pid: number, sig: number): number {
    if (sig < 0 || sig > 64) return -WasiErrno.INVAL;
    const all = [...this.processes.values()].filter((p) => !p.ended || p.pid === pid);
    const targets = pid > 0 ? all.filter((p) => p.pid === pid)
      : pid === 0 ? all.filter((p) => p.pgid === sender.pgid)
        : pid === -1 ? all.filter((p) => p.pid !== 1)
          : all.filter((p) => p.pgid === -pid);
    if (targets.length === 0) return -WasiErrno.SRCH;
    if (sig !== 0) for (const target of targets) this.signal(target, sig, sender.pid);
    return 0;
  }

  /** Signals every process of group `pgid` (the terminal's signal characters, SIGWINCH). */
  signalGroup(pgid: number, sig: number): void {
    for (const process of [...this.processes.values()]) if (process.pgid === pgid && !process.ended) this.signal(process, sig);
  }

  /** Sends `sig` to `target`: what Unix's kernel does with it when it cannot ask the process. */
  signal(target: Process, sig: number, sender = 0): void {
    if (target.ended) return;
    if (sig === SIGKILL) {
      this.end(target, SIGKILL);
      return;
    }
    if (sig === SIGSTOP) {
      this.#stop(target, sig);
      return;
    }
    if (sig === SIGCONT && target.stopped !== 0) {
      target.stopped = 0;
      target.report = 'continued';
      target.continued.wake();
      this.processes.get(target.ppid)?.childEvents.wake();
    }
    if (target.ignored(sig)) return;
    if (target.caught(sig) || target.blocked(sig)) {
      target.addPending(sig, sender);
      return;
    }
    if (DEFAULT_IGNORED.has(sig)) return;
    if (DEFAULT_STOPS.has(sig)) this.#stop(target, sig);
    else this.end(target, sig);
  }

  #stop(target: Process, sig: number): void {
    target.stopped = sig;
    target.report = 'stopped';
    const parent = this.processes.get(target.ppid);
    if (parent !== undefined) {
      parent.childEvents.wake();
      this.signal(parent, SIGCHLD, target.pid);
    }
  }

  /** Arms (0: disarms) the process's alarm; answers the seconds the previous one had left. */
  async alarm(process: Process, seconds: number): Promise<number> {
    const elapsed = await this.timer.elapsedMs();
    const remaining = process.alarmAt === 0 ? 0 : Math.max(1, Math.ceil((process.alarmAt - elapsed) / 1000));
    if (seconds === 0) {
      process.alarmAt = 0;
      return remaining;
    }
    const at = elapsed + seconds * 1000;
    process.alarmAt = at;
    /* A Timer session revoked meanwhile (the system going down before noux) leaves an alarm that never rings, not a crash. */
    void this.timer.msleep(seconds * 1000).then(() => {
      if (process.alarmAt !== at) return;
      process.alarmAt = 0;
      this.signal(process, SIGALRM);
    }, () => undefined);
    return remaining;
  }

  /** The wall-clock time in nanoseconds since the epoch (noux's rtc, advanced by its Timer). */
  async now(): Promise<bigint> {
    return (this.#options.rtc ?? 0n) + BigInt(Math.floor(await this.timer.elapsedMs())) * 1_000_000n;
  }

  /** The same, answered at once (a blocking call to the Timer). */
  nowSync(): bigint {
    return (this.#options.rtc ?? 0n) + BigInt(Math.floor(this.#options.timerSync.elapsedMs())) * 1_000_000n;
  }

  /** Sends SIGPIPE to a process that wrote into a pipe without readers. */
  brokenPipe(process: Process): void {
    this.signal(process, SIGPIPE);
  }
}

/** `path` relative to directory `cwd`, lexically ('..' stops at the root). */
export function absolutePath(cwd: string, path: string): string {
  const parts = path.startsWith('/') ? [] : cwd.split('/').filter((part) => part !== '');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

const NAMES: Record<number, string> = {
  2: 'permission denied', 44: 'no such file', 45: 'not an executable (neither WebAssembly nor #!)', 54: 'not a directory',
};

export function errnoName(errno: number): string {
  return NAMES[errno] ?? `errno ${errno}`;
}

