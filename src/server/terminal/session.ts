/*
 * The terminal's Terminal sessions, as Genode's terminal has them
 * (repos/gems/src/server/terminal/session.h): every session writes to the
 * one screen and reads from the one keyboard (a shared read buffer), and
 * each hears of a size change it has not seen yet (`size()` tells it the
 * size; a session whose client last read another size is signalled).
 * `eof()` is always false: a keyboard does not end.
 */

import { SignalSlot, type Env, type Implementation, type SessionHooks, type SignalContextCapability, type Terminal, type TerminalSize } from 'nido';
import { ReadBuffer } from './read_buffer.js';

/** Where the sessions' output goes: resolves when the screen took `data` (a client that floods it waits). */
export type Output = (data: Uint8Array) => Promise<void>;

class TerminalSession implements Implementation<Terminal>, SessionHooks {
  readonly #sessions: TerminalSessions;
  readonly #label: string;
  readonly #readAvail: SignalSlot;
  readonly #sizeChanged: SignalSlot;
  readonly #connected: SignalSlot;
  /* The size the client last asked for: it is out of date when the terminal's differs. */
  #reported: TerminalSize | undefined;

  constructor(env: Env, sessions: TerminalSessions, label: string) {
    this.#sessions = sessions;
    this.#label = label;
    const signals = { submit: env.ep.submit, release: env.release };
    this.#readAvail = new SignalSlot(signals);
    this.#sizeChanged = new SignalSlot(signals);
    this.#connected = new SignalSlot(signals);
  }

  read(max: number): Uint8Array {
    if (!Number.isSafeInteger(max) || max < 0) {
      throw new RangeError(`Terminal read of "${this.#label}": max must be a natural number, got ${String(max)}`);
    }
    return this.#sessions.readBuffer.read(max);
  }

  async write(data: Uint8Array): Promise<number> {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`Terminal write of "${this.#label}": expected a Uint8Array, got ${typeof data}`);
    }
    await this.#sessions.output(data);
    return data.length;
  }

  avail(): number {
    return this.#sessions.readBuffer.avail;
  }

  eof(): boolean {
    return false;
  }

  size(): TerminalSize {
    this.#reported = this.#sessions.size;
    return this.#sessions.size;
  }

  readAvailSigh(handler: SignalContextCapability): void {
    this.#readAvail.set(handler);
    /* Keys typed before the handler came must not go unnoticed. */
    if (this.#sessions.readBuffer.avail > 0) this.#readAvail.submit();
  }

  sizeChangedSigh(handler: SignalContextCapability): void {
    this.#sizeChanged.set(handler);
    this.resized();
  }

  /* The session is usable from its creation on (as Genode's). */
  connectedSigh(handler: SignalContextCapability): void {
    this.#connected.set(handler);
    this.#connected.submit();
  }

  /** Keys arrived. */
  readable(): void {
    this.#readAvail.submit();
  }

  /** The terminal's size changed: the client hears of it unless it already knows the new size. */
  resized(): void {
    const size = this.#sessions.size;
    const outOfDate = this.#reported === undefined || this.#reported.columns !== size.columns || this.#reported.rows !== size.rows;
    if (outOfDate) this.#sizeChanged.submit();
  }

  close(): void {
    this.#sessions.closed(this);
    for (const slot of [this.#readAvail, this.#sizeChanged, this.#connected]) slot.set(undefined);
  }
}

/**
 * The sessions of one terminal (Genode's Root_component with its
 * Read_buffer).
 *
 *   const sessions = new TerminalSessions(env, (bytes) => screen.write(bytes), { columns: 80, rows: 24 });
 *   env.announce(Terminal, (args) => sessions.open(args.label), { ram: TERMINAL_SESSION_RAM });
 *   sessions.input(new TextEncoder().encode('ls\r'));
 */
export class TerminalSessions {
  readonly readBuffer = new ReadBuffer();
  readonly #env: Env;
  readonly #output: Output;
  readonly #open = new Set<TerminalSession>();
  #size: TerminalSize;

  constructor(env: Env, output: Output, size: TerminalSize) {
    this.#env = env;
    this.#output = output;
    this.#size = size;
  }

  get size(): TerminalSize {
    return this.#size;
  }

  get count(): number {
    return this.#open.size;
  }

  open(label: string): Implementation<Terminal> & SessionHooks {
    const session = new TerminalSession(this.#env, this, label);
    this.#open.add(session);
    return session;
  }

  closed(session: TerminalSession): void {
    this.#open.delete(session);
  }

  output(data: Uint8Array): Promise<void> {
    return this.#output(data);
  }

  /** Typed bytes for the clients; answers how many fit into the read buffer (the rest is dropped). */
  input(bytes: Uint8Array): number {
    const taken = this.readBuffer.add(bytes);
    if (taken > 0) for (const session of this.#open) session.readable();
    return taken;
  }

  resized(size: TerminalSize): void {
    this.#size = Object.freeze({ columns: size.columns, rows: size.rows });
    for (const session of this.#open) session.resized();
  }
}
