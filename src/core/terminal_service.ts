/*
 * Core's Terminal service on the host's console (spec/runtime.md §4,
 * docs/terminal.md).
 *
 * Every session's writes go to the host's output, unfiltered: a Terminal
 * session is the console, escape sequences included, which is why only a
 * route in init's config grants it (LOG, by contrast, is sanitised). Input
 * goes to the most recently opened session that is still open, as the
 * newest program on a console is the one in the foreground; when it
 * closes, the one opened before it gets the input again. The console takes
 * the host's input only while a session is open.
 *
 * Input waits in the focused session's buffer; when the buffer holds
 * INPUT_BUFFER bytes, core stops reading the host until the client read,
 * so a piped stdin is consumed at the client's pace.
 */

import { required } from './session_costs.js';
import type { HostConsole } from './host_console.js';
import type { Ipc } from '../base/ipc.js';
import { ServiceDenied } from '../base/errors.js';
import { RootComponent } from '../base/root_component.js';
import type { Implementation } from '../base/interface.js';
import type { SignalContextCapability } from '../base/capability.js';
import { Terminal, TERMINAL_SESSION_CAPS, TERMINAL_SESSION_RAM, type TerminalSize } from '../session/terminal/interface.js';

/** Bytes of input a session holds before core stops reading the host (one more host read may arrive). */
export const INPUT_BUFFER = 4096;

/**
 * A session as core's dashboard sees it: it shows what the client writes,
 * types into the session directly (whichever session has the host's
 * input) and gives it a size of its own.
 */
export interface TerminalView {
  readonly id: number;
  readonly label: string;
  input(bytes: Uint8Array): void;
  /** A size for this session alone (a terminal in the page); undefined: the host console's again. */
  resize(size: TerminalSize | undefined): void;
}

/** Hears the sessions on the console open, write and close. */
export interface TerminalTap {
  opened(view: TerminalView): void;
  output(view: TerminalView, bytes: Uint8Array): void;
  closed(view: TerminalView): void;
}

/** The sessions on the console, in the order they were opened; the last has the input. */
class ConsoleSessions {
  readonly #console: HostConsole;
  readonly #open: ConsoleTerminal[] = [];
  readonly taps = new Set<TerminalTap>();

  constructor(console: HostConsole) {
    this.#console = console;
  }

  get open(): readonly ConsoleTerminal[] {
    return this.#open;
  }

  get console(): HostConsole {
    return this.#console;
  }

  get focused(): ConsoleTerminal | undefined {
    return this.#open.at(-1);
  }

  opened(session: ConsoleTerminal): void {
    this.#open.push(session);
    if (this.#open.length === 1) {
      this.#console.attach({
        input: (bytes) => this.focused?.received(bytes),
        ended: () => { for (const open of this.#open) open.ended(); },
        resized: () => { for (const open of this.#open) open.resized(); },
      });
    }
    this.throttle();
  }

  closed(session: ConsoleTerminal): void {
    const at = this.#open.indexOf(session);
    if (at >= 0) this.#open.splice(at, 1);
    if (this.#open.length === 0) this.#console.detach();
    else this.throttle();
  }

  /** Reads the host only while the focused session has room. */
  throttle(): void {
    const focused = this.focused;
    if (focused !== undefined && focused.avail() >= INPUT_BUFFER) this.#console.pause();
    else this.#console.resume();
  }
}

/** One session on the console. */
class ConsoleTerminal implements Implementation<Terminal>, TerminalView {
  readonly #ipc: Ipc;
  readonly #sessions: ConsoleSessions;
  readonly #label: string;
  #size: TerminalSize | undefined;
  #input: Uint8Array[] = [];
  #avail = 0;
  #readAvail: SignalContextCapability | undefined;
  #sizeChanged: SignalContextCapability | undefined;
  #connected: SignalContextCapability | undefined;

  constructor(ipc: Ipc, sessions: ConsoleSessions, label: string, readonly id: number) {
    this.#ipc = ipc;
    this.#sessions = sessions;
    this.#label = label;
  }

  get label(): string {
    return this.#label;
  }

  input(bytes: Uint8Array): void {
    this.received(bytes);
  }

  resize(size: TerminalSize | undefined): void {
    this.#size = size;
    if (this.#sizeChanged !== undefined) this.#ipc.submit(this.#sizeChanged);
  }

  received(bytes: Uint8Array): void {
    this.#input.push(bytes);
    this.#avail += bytes.length;
    this.#sessions.throttle();
    if (this.#readAvail !== undefined) this.#ipc.submit(this.#readAvail);
  }

  /* Readers that wait for input wake up and see eof(). */
  ended(): void {
    if (this.#readAvail !== undefined) this.#ipc.submit(this.#readAvail);
  }

  /* The host's console changed its size: every session has that size again. */
  resized(): void {
    this.#size = undefined;
    if (this.#sizeChanged !== undefined) this.#ipc.submit(this.#sizeChanged);
  }

  read(max: number): Uint8Array {
    if (!Number.isSafeInteger(max) || max < 0) {
      throw new RangeError(`Terminal read of "${this.#label}": max must be a natural number, got ${String(max)}`);
    }
    const length = Math.min(max, this.#avail);
    const result = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const chunk = this.#input[0] as Uint8Array;
      const taken = Math.min(chunk.length, length - filled);
      result.set(chunk.subarray(0, taken), filled);
      filled += taken;
      if (taken === chunk.length) this.#input.shift();
      else this.#input[0] = chunk.subarray(taken);
    }
    this.#avail -= length;
    if (length > 0 && this.#sessions.focused === this) this.#sessions.throttle();
    return result;
  }

  async write(data: Uint8Array): Promise<number> {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`Terminal write of "${this.#label}": expected a Uint8Array, got ${typeof data}`);
    }
    for (const tap of this.#sessions.taps) tap.output(this, data);
    await this.#sessions.console.write(data);
    return data.length;
  }

  avail(): number {
    return this.#avail;
  }

  eof(): boolean {
    return this.#avail === 0 && this.#sessions.console.ended;
  }

  size(): TerminalSize {
    return this.#size ?? this.#sessions.console.size();
  }

  readAvailSigh(handler: SignalContextCapability): void {
    this.#replace(this.#readAvail, handler);
    this.#readAvail = handler;
    /* Input (or the end) that came before the handler must not go unnoticed. */
    if (this.#avail > 0 || this.#sessions.console.ended) this.#ipc.submit(handler);
  }

  sizeChangedSigh(handler: SignalContextCapability): void {
    this.#replace(this.#sizeChanged, handler);
    this.#sizeChanged = handler;
  }

  /* The host's console is always there. */
  connectedSigh(handler: SignalContextCapability): void {
    this.#replace(this.#connected, handler);
    this.#connected = handler;
    this.#ipc.submit(handler);
  }

  close(): void {
    this.#sessions.closed(this);
    for (const tap of this.#sessions.taps) tap.closed(this);
    this.#replace(this.#readAvail, undefined);
    this.#replace(this.#sizeChanged, undefined);
    this.#replace(this.#connected, undefined);
    this.#readAvail = undefined;
    this.#sizeChanged = undefined;
    this.#connected = undefined;
    this.#input = [];
    this.#avail = 0;
  }

  #replace(previous: SignalContextCapability | undefined, next: SignalContextCapability | undefined): void {
    if (previous !== undefined && previous !== next) this.#ipc.release(previous);
  }
}

/**
 * Core's Terminal service. Without a host console (core embedded in a
 * benchmark or a test), every session is denied.
 *
 *   terminalService(ipc, new HostConsole({ input: () => process.stdin, output: process.stdout, ... }))
 */
export function terminalService(ipc: Ipc, console: HostConsole | undefined): TerminalService {
  const sessions = console === undefined ? undefined : new ConsoleSessions(console);
  const root = new RootComponent(ipc, Terminal, (args, id) => {
    if (sessions === undefined) throw new ServiceDenied(`Terminal session "${args.label}" denied: core runs without a host console`);
    const session = new ConsoleTerminal(ipc, sessions, args.label, id);
    sessions.opened(session);
    for (const tap of sessions.taps) tap.opened(session);
    return session;
  }, { ram: required(TERMINAL_SESSION_RAM), caps: TERMINAL_SESSION_CAPS });
  return Object.assign(root, {
    /** Taps the sessions: `tap` hears those open now at once, then every change. Returns the way to stop. */
    tap(tap: TerminalTap): () => void {
      if (sessions === undefined) return () => undefined;
      sessions.taps.add(tap);
      for (const view of sessions.open) tap.opened(view);
      return () => sessions.taps.delete(tap);
    },
  });
}

export type TerminalService = RootComponent<Terminal> & { tap(tap: TerminalTap): () => void };
