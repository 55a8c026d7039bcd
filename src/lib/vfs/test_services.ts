/*
 * Services for unit tests of the VFS: ROM modules from a map, LOG lines
 * and warnings collected in arrays, a clock that tests set, and a RAM
 * account of a fixed size. Records what was closed.
 */

import { RomModuleMissing, ServiceDenied, parseXml } from 'nido';
import { buildVfs } from './create_vfs.js';
import { VfsError, type Vfs } from './interface.js';
import { CREATE_WRITE, READ_ONLY } from './open_flags.js';
import { LimitedRamAccount } from './ram_account.js';
import type { VfsRoot } from './vfs_root.js';
import type { Clock, FileSystemMount, FileSystemOptions, LogSink, RomModule, TerminalDevice, VfsServices } from './services.js';
import type { TestFileSystem } from './test_file_system.js';

export class TestRomModule implements RomModule {
  #content: Uint8Array;
  /* what a refresh in place would find: the newest version, if it fits */
  #pending: Uint8Array | undefined;

  constructor(content: Uint8Array) {
    this.#content = content;
  }

  content(): Uint8Array {
    return this.#content;
  }

  /** A new version, as if the ROM's signal was handled. */
  replace(content: Uint8Array): void {
    this.#content = content;
  }

  /** A new version that only updateInPlace picks up (a program blocked in the VFS). */
  publish(content: Uint8Array): void {
    this.#pending = content;
  }

  updateInPlace(): void {
    const pending = this.#pending;
    if (pending === undefined || pending.length > this.#content.length) return;
    const memory = new Uint8Array(this.#content.length);
    memory.set(pending);
    this.#content = memory;
    this.#pending = undefined;
  }

  async close(): Promise<void> {}
}

/** A terminal fed by the test: `input` is what a user typed, `output` what the program wrote. */
export class TestTerminal implements TerminalDevice {
  input: number[] = [];
  readonly output: number[] = [];
  ended = false;
  /** Bytes the terminal takes per write (a slow terminal takes fewer). */
  takes = Infinity;
  columns = 80;
  rows = 24;
  reads = 0;

  type(text: string): void {
    this.input.push(...new TextEncoder().encode(text));
  }

  read(max: number): Uint8Array {
    this.reads++;
    return new Uint8Array(this.input.splice(0, max));
  }

  write(data: Uint8Array): number {
    const taken = Math.min(this.takes, data.length);
    this.output.push(...data.subarray(0, taken));
    return taken;
  }

  avail(): number {
    return this.input.length;
  }

  eof(): boolean {
    return this.ended && this.input.length === 0;
  }

  size(): { columns: number; rows: number } {
    return { columns: this.columns, rows: this.rows };
  }

  async close(): Promise<void> {}
}

export class TestServices implements VfsServices {
  readonly roms = new Map<string, TestRomModule>();
  readonly logs = new Map<string, string[]>();
  readonly warnings: string[] = [];
  readonly ramAccount: LimitedRamAccount;
  /** Nanoseconds the clock answers. */
  time = 0n;
  /** Milliseconds slept on the clock, one entry per sleep. */
  readonly sleeps: number[] = [];
  /** Called after each sleep (a test lets input arrive there). */
  onSleep: () => void = () => undefined;
  readonly terminal = new TestTerminal();
  /** File_system sessions by label (others are denied), and the options they were opened with. */
  readonly fileSystems = new Map<string, TestFileSystem>();
  readonly fileSystemOptions: FileSystemOptions[] = [];
  opened = 0;
  closed = 0;
  servicesClosed = false;

  constructor(modules: Record<string, Uint8Array | string> = {}, ramLimit = 16 * 1024 * 1024) {
    for (const [name, content] of Object.entries(modules)) {
      this.roms.set(name, new TestRomModule(typeof content === 'string' ? new TextEncoder().encode(content) : content));
    }
    this.ramAccount = new LimitedRamAccount(ramLimit);
  }

  async openRom(label: string): Promise<RomModule> {
    const module = this.roms.get(label);
    if (module === undefined) throw new RomModuleMissing(`ROM module "${label}" not found`);
    this.opened++;
    return { content: () => module.content(), updateInPlace: () => module.updateInPlace(), close: async () => { this.closed++; } };
  }

  async openLog(label: string): Promise<LogSink> {
    const lines = this.logs.get(label) ?? [];
    this.logs.set(label, lines);
    this.opened++;
    return { write: (line) => void lines.push(line), close: async () => { this.closed++; } };
  }

  async openClock(): Promise<Clock> {
    this.opened++;
    return {
      now: () => this.time,
      sleep: (ms) => {
        this.sleeps.push(ms);
        this.time += BigInt(ms) * 1_000_000n;
        this.onSleep();
      },
      close: async () => { this.closed++; },
    };
  }

  async openFileSystem(options: FileSystemOptions): Promise<FileSystemMount> {
    const session = this.fileSystems.get(options.label);
    if (session === undefined) throw new ServiceDenied(`no File_system for "${options.label}"`);
    this.opened++;
    this.fileSystemOptions.push(options);
    return { session, close: async () => { this.closed++; } };
  }

  async openTerminal(): Promise<TerminalDevice> {
    this.opened++;
    const terminal = this.terminal;
    return {
      read: (max) => terminal.read(max),
      write: (data) => terminal.write(data),
      avail: () => terminal.avail(),
      eof: () => terminal.eof(),
      size: () => terminal.size(),
      close: async () => { this.closed++; },
    };
  }

  warning(text: string): void {
    this.warnings.push(text);
  }

  async close(): Promise<void> {
    this.servicesClosed = true;
  }
}

/** The VFS of a `<vfs>` config given as text. */
export function vfsFrom(xml: string, services: TestServices = new TestServices()): Promise<VfsRoot> {
  return buildVfs(parseXml(xml), services);
}

/** The errno that `operation` fails with; undefined when it succeeds (a test then fails on the comparison). */
export function errnoOf(operation: () => unknown): number | undefined {
  try {
    operation();
  } catch (error) {
    if (error instanceof VfsError) return error.errno;
    throw error;
  }
  return undefined;
}

/** The whole content of a file as text. */
export function readText(vfs: Vfs, path: string): string {
  const handle = vfs.open(path, READ_ONLY);
  const chunks: Uint8Array[] = [];
  try {
    for (let offset = 0; ;) {
      const buffer = new Uint8Array(4096);
      const count = handle.read(buffer, offset);
      if (count === 0) break;
      chunks.push(buffer.subarray(0, count));
      offset += count;
    }
  } finally {
    handle.close();
  }
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

/** Creates or replaces a file with `text`. */
export function writeText(vfs: Vfs, path: string, text: string): void {
  const handle = vfs.open(path, CREATE_WRITE);
  try {
    const data = new TextEncoder().encode(text);
    for (let written = 0; written < data.length;) written += handle.write(data.subarray(written), written);
  } finally {
    handle.close();
  }
}
