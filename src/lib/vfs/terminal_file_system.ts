/*
 * `<terminal [name] [label] [raw]/>`: a character device backed by a
 * Terminal session (spec/runtime.md §4, Genode's Terminal_file_system),
 * with the same companion directory `.NAME` holding `info`
 * (`<terminal rows=".." columns=".."/>`), `rows`, `columns` and
 * `interrupts`.
 *
 * Reading answers what the terminal has; with nothing there it is EAGAIN
 * (the C runtime then waits with waitReadReady unless O_NONBLOCK), and 0
 * once the input ended (Terminal.eof). Unless `raw="yes"`, Control-C does
 * not reach the program but counts in `.NAME/interrupts`, as in Genode.
 *
 * Waiting: the Terminal's read-avail signal cannot wake a caller that
 * blocks inside a VFS operation (its entrypoint does not run), so
 * waitReadReady asks the terminal again after short sleeps on a Timer
 * session, from 1 ms growing to POLL_MAX_MS. A full terminal makes a
 * write wait the same way.
 *
 * Size changes: the files of `.NAME` are values (Genode's
 * Readonly_value_file_system). A handle reads the value as it is when read
 * from offset 0, and is read-ready only while the value differs from the
 * one it read last, so a program that polls `info` beside its terminal
 * wakes up when the size changed and redraws. Genode reports this through
 * the VFS's watch of the file, raised by the session's size-changed signal;
 * that signal cannot reach a program blocked in the VFS either, so the
 * handle compares the size the session answers now (one synchronous call
 * per look, in the same rhythm as the terminal's input is looked for).
 */

import { Errno, type FileSystemPlugin, type OpenFlags, type VfsHandle, type VfsStat } from './interface.js';
import { DirFileSystem } from './dir_file_system.js';
import { invalid, vfsError } from './errors.js';
import { FileHandle, readContent } from './file_handle.js';
import type { InodeAllocator } from './inode_allocator.js';
import type { Clock, TerminalDevice } from './services.js';
import { SingleFileSystem } from './single_file_system.js';
import { StackedDirectory } from './stacked_directory.js';

/** Longest pause between two looks at the terminal while waiting. */
export const POLL_MAX_MS = 10;
/** Bytes fetched from the terminal at once (Genode's READ_BUFFER_SIZE). */
const READ_CHUNK = 4000;
const INTERRUPT = 3;

/*
 * Looks at `ready` until it holds, sleeping on `clock` in between, from
 * 1 ms growing to POLL_MAX_MS; answers false once `timeoutNs` passed
 * (undefined: no limit).
 */
function waitUntil(ready: () => boolean, clock: Clock, timeoutNs: bigint | undefined): boolean {
  const deadline = timeoutNs === undefined ? undefined : clock.now() + timeoutNs;
  for (let pause = 1; ; pause = Math.min(POLL_MAX_MS, pause * 2)) {
    if (ready()) return true;
    let sleep = pause;
    if (deadline !== undefined) {
      const left = deadline - clock.now();
      if (left <= 0n) return false;
      sleep = Math.max(1, Math.min(pause, Math.ceil(Number(left) / 1e6)));
    }
    clock.sleep(sleep);
  }
}

/* The terminal's input as the program sees it, shared by every handle. */
class TerminalInput {
  readonly #device: TerminalDevice;
  readonly #raw: boolean;
  #pending: Uint8Array = new Uint8Array(0);
  interrupts = 0;

  constructor(device: TerminalDevice, raw: boolean) {
    this.#device = device;
    this.#raw = raw;
  }

  /* Fetches input if none is pending; answers whether some is now. */
  #fetch(): boolean {
    if (this.#pending.length > 0) return true;
    const data = this.#device.read(READ_CHUNK);
    if (this.#raw || !data.includes(INTERRUPT)) {
      this.#pending = data;
    } else {
      this.interrupts += data.filter((byte) => byte === INTERRUPT).length;
      this.#pending = data.filter((byte) => byte !== INTERRUPT);
    }
    return this.#pending.length > 0;
  }

  /** Copies pending input into `buffer`: EAGAIN when there is none now, 0 at the end of input. */
  read(buffer: Uint8Array): number {
    if (!this.#fetch()) {
      if (this.#device.eof()) return 0;
      throw vfsError(Errno.AGAIN, 'no terminal input now');
    }
    const count = Math.min(buffer.length, this.#pending.length);
    buffer.set(this.#pending.subarray(0, count));
    this.#pending = this.#pending.subarray(count);
    return count;
  }

  /** Whether a read would not block: input is there, or the input ended. */
  ready(): boolean {
    return this.#fetch() || this.#device.eof();
  }
}

class TerminalHandle extends FileHandle {
  readonly #input: TerminalInput;
  readonly #device: TerminalDevice;
  readonly #clock: Clock;
  readonly #stat: VfsStat;

  constructor(flags: OpenFlags, input: TerminalInput, device: TerminalDevice, clock: Clock, stat: VfsStat) {
    super(flags);
    this.#input = input;
    this.#device = device;
    this.#clock = clock;
    this.#stat = stat;
  }

  stat(): VfsStat {
    return this.#stat;
  }

  protected readAt(buffer: Uint8Array): number {
    return this.#input.read(buffer);
  }

  protected writeAt(data: Uint8Array): number {
    let written = 0;
    for (let pause = 1; written < data.length; pause = Math.min(POLL_MAX_MS, pause * 2)) {
      const taken = this.#device.write(data.subarray(written));
      written += taken;
      if (taken === 0) this.#clock.sleep(pause);
    }
    return written;
  }

  override readReady(): boolean {
    return this.#input.ready();
  }

  override waitReadReady(timeoutNs: bigint | undefined): boolean {
    return waitUntil(() => this.#input.ready(), this.#clock, timeoutNs);
  }
}

class TerminalDataFileSystem extends SingleFileSystem {
  readonly #input: TerminalInput;
  readonly #device: TerminalDevice;
  readonly #clock: Clock;

  constructor(name: string, input: TerminalInput, device: TerminalDevice, clock: Clock, inode: number) {
    super(name, 'character_device', inode, 'terminal', true);
    this.#input = input;
    this.#device = device;
    this.#clock = clock;
  }

  protected size(): number {
    return 0;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    return new TerminalHandle(flags, this.#input, this.#device, this.#clock, this.nodeStat());
  }
}

/*
 * A handle on a value: a read from offset 0 takes the value as it is now,
 * later offsets continue in that version. Read-ready while the value
 * differs from the version read last (the one at open before any read).
 */
class ValueHandle extends FileHandle {
  readonly #value: () => string;
  readonly #clock: Clock;
  readonly #stat: VfsStat;
  #versionRead: string;
  #content: Uint8Array;

  constructor(flags: OpenFlags, value: () => string, clock: Clock, stat: VfsStat) {
    super(flags);
    this.#value = value;
    this.#clock = clock;
    this.#stat = stat;
    this.#versionRead = value();
    this.#content = new TextEncoder().encode(this.#versionRead);
  }

  stat(): VfsStat {
    return { ...this.#stat, size: this.#content.length };
  }

  protected readAt(buffer: Uint8Array, offset: number): number {
    if (offset === 0) {
      this.#versionRead = this.#value();
      this.#content = new TextEncoder().encode(this.#versionRead);
    }
    return readContent(this.#content, buffer, offset);
  }

  protected writeAt(): number {
    /* unreachable: the plugin refuses write opens */
    throw invalid('a terminal value is read only');
  }

  override readReady(): boolean {
    return this.#value() !== this.#versionRead;
  }

  override waitReadReady(timeoutNs: bigint | undefined): boolean {
    return waitUntil(() => this.readReady(), this.#clock, timeoutNs);
  }
}

/* A read-only file whose content is a value of the terminal (Genode's Readonly_value_file_system). */
class ValueFileSystem extends SingleFileSystem {
  readonly #value: () => string;
  readonly #clock: Clock;

  constructor(name: string, value: () => string, clock: Clock, inode: number) {
    super(name, 'file', inode, 'terminal', false);
    this.#value = value;
    this.#clock = clock;
  }

  protected size(): number {
    return new TextEncoder().encode(this.#value()).length;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    return new ValueHandle(flags, this.#value, this.#clock, this.nodeStat());
  }
}

/** The terminal device `name` and its directory `.name`, mounted where the node stands. */
export function terminalFileSystem(
  name: string, device: TerminalDevice, clock: Clock, raw: boolean, inodes: InodeAllocator,
): FileSystemPlugin {
  const input = new TerminalInput(device, raw);
  const info = new StackedDirectory([
    new ValueFileSystem('info', () => {
      const size = device.size();
      return `<terminal rows="${size.rows}" columns="${size.columns}"/>`;
    }, clock, inodes.allocate()),
    new ValueFileSystem('rows', () => String(device.size().rows), clock, inodes.allocate()),
    new ValueFileSystem('columns', () => String(device.size().columns), clock, inodes.allocate()),
    new ValueFileSystem('interrupts', () => String(input.interrupts), clock, inodes.allocate()),
  ], inodes.allocate());
  return new StackedDirectory([
    new TerminalDataFileSystem(name, input, device, clock, inodes.allocate()),
    new DirFileSystem('.' + name, info, inodes.allocate()),
  ], inodes.allocate());
}
