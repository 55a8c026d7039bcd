/*
 * The console: noux's Terminal session with a line discipline in front of
 * it, as a Unix terminal driver has (termios.ts). In canonical mode input
 * is edited a line at a time (erase, kill, word erase, ^D) and echoed;
 * in raw mode bytes pass as they come. The signal characters go to the
 * foreground process group (Ctrl-C SIGINT, Ctrl-\ SIGQUIT, Ctrl-Z SIGTSTP),
 * a size change of the session sends it SIGWINCH. Output becomes CR NL
 * for NL (OPOST, ONLCR).
 */

import type { Client, NouxStat, Terminal, TerminalSize } from 'nido';
import type { OpenFile, Readiness } from './open_file.js';
import { Cc, defaultTermios, Iflag, Lflag, Oflag, type Termios } from './termios.js';
import { FileType, WasiErrno } from './wasi.js';
import { WaitQueue } from './wait_queue.js';

export const SIGINT = 2, SIGQUIT = 3, SIGTSTP = 20, SIGWINCH = 28;

/* Output the terminal has not taken yet beyond which writers wait. */
const OUTPUT_LIMIT = 64 * 1024;
const encoder = new TextEncoder();

export class Console {
  termios: Termios = defaultTermios();
  /** The foreground process group and the session the terminal controls. */
  foreground = 0;
  session = 0;
  size: TerminalSize = { columns: 80, rows: 24 };
  readonly readable = new WaitQueue();
  readonly writable = new WaitQueue();
  readonly #terminal: Client<Terminal>;
  readonly #signal: (pgrp: number, sig: number) => void;
  /* Input ready for reading: whole lines in canonical mode (an empty entry is ^D at a line's start). */
  readonly #ready: Uint8Array[] = [];
  #line: number[] = [];
  #ended = false;
  #pending = 0;
  #output: Promise<unknown> = Promise.resolve();

  constructor(terminal: Client<Terminal>, signal: (pgrp: number, sig: number) => void) {
    this.#terminal = terminal;
    this.#signal = signal;
  }

  /** Starts taking input and size changes (the handlers come from the entrypoint). */
  async start(readAvail: unknown, sizeChanged: unknown): Promise<void> {
    const [size] = await Promise.all([
      this.#terminal.size(), this.#terminal.readAvailSigh(readAvail as never), this.#terminal.sizeChangedSigh(sizeChanged as never),
    ]);
    this.size = size;
  }

  /** The read-avail signal: takes everything the terminal has. */
  async pump(): Promise<void> {
    for (let bytes = await this.#terminal.read(4096); bytes.length > 0; bytes = await this.#terminal.read(4096)) this.input(bytes);
    if (await this.#terminal.eof()) {
      if (this.#line.length > 0) this.#ready.push(Uint8Array.from(this.#line));
      this.#line = [];
      this.#ended = true;
      this.readable.wake();
    }
  }

  async sizeChanged(): Promise<void> {
    this.size = await this.#terminal.size();
    if (this.foreground !== 0) this.#signal(this.foreground, SIGWINCH);
  }

  get canonical(): boolean {
    return (this.termios.lflag & Lflag.ICANON) !== 0;
  }

  /** Processes typed bytes: input mapping, signal characters, line editing, echo. */
  input(bytes: Uint8Array): void {
    const t = this.termios;
    const echo: number[] = [];
    for (let byte of bytes) {
      if (byte === 13 && (t.iflag & Iflag.IGNCR) !== 0) continue;
      if (byte === 13 && (t.iflag & Iflag.ICRNL) !== 0) byte = 10;
      else if (byte === 10 && (t.iflag & Iflag.INLCR) !== 0) byte = 13;
      if ((t.lflag & Lflag.ISIG) !== 0) {
        const sig = byte === t.cc[Cc.VINTR] ? SIGINT : byte === t.cc[Cc.VQUIT] ? SIGQUIT : byte === t.cc[Cc.VSUSP] ? SIGTSTP : 0;
        if (sig !== 0 && byte !== 0) {
          if ((t.lflag & Lflag.NOFLSH) === 0) {
            this.#line = [];
            this.#ready.length = 0;
          }
          if ((t.lflag & Lflag.ECHO) !== 0) echo.push(...this.#control(byte));
          if (echo.length > 0) this.#echo(echo.splice(0));
          if (this.foreground !== 0) this.#signal(this.foreground, sig);
          continue;
        }
      }
      if (!this.canonical) {
        this.#ready.push(Uint8Array.of(byte));
        if ((t.lflag & Lflag.ECHO) !== 0) echo.push(...this.#echoed(byte));
        continue;
      }
      if (byte === t.cc[Cc.VERASE] || byte === 8) {
        if (this.#line.length > 0) {
          this.#line.pop();
          if ((t.lflag & Lflag.ECHO) !== 0 && (t.lflag & Lflag.ECHOE) !== 0) echo.push(8, 32, 8);
        }
      } else if (byte === t.cc[Cc.VKILL]) {
        if ((t.lflag & Lflag.ECHO) !== 0) for (let i = 0; i < this.#line.length; i++) echo.push(8, 32, 8);
        this.#line = [];
      } else if (byte === t.cc[Cc.VWERASE]) {
        while (this.#line.length > 0 && this.#line[this.#line.length - 1] === 32) this.#erase(echo);
        while (this.#line.length > 0 && this.#line[this.#line.length - 1] !== 32) this.#erase(echo);
      } else if (byte === t.cc[Cc.VEOF]) {
        this.#ready.push(Uint8Array.from(this.#line));
        this.#line = [];
      } else if (byte === 10 || (byte === t.cc[Cc.VEOL] && byte !== 0)) {
        this.#line.push(byte);
        this.#ready.push(Uint8Array.from(this.#line));
        this.#line = [];
        if ((t.lflag & Lflag.ECHO) !== 0 || (t.lflag & Lflag.ECHONL) !== 0) echo.push(10);
      } else {
        this.#line.push(byte);
        if ((t.lflag & Lflag.ECHO) !== 0) echo.push(...this.#echoed(byte));
      }
    }
    if (echo.length > 0) this.#echo(echo);
    if (this.#ready.length > 0) this.readable.wake();
  }

  #erase(echo: number[]): void {
    this.#line.pop();
    if ((this.termios.lflag & Lflag.ECHO) !== 0) echo.push(8, 32, 8);
  }

  /* A control character echoes as ^X with ECHOCTL (not TAB and NL). */
  #echoed(byte: number): number[] {
    if (byte < 32 && byte !== 9 && byte !== 10 && (this.termios.lflag & Lflag.ECHOCTL) !== 0) return this.#control(byte);
    return [byte];
  }

  #control(byte: number): number[] {
    return [94, byte === 127 ? 63 : byte + 64];
  }

  #echo(bytes: number[]): void {
    this.#send(Uint8Array.from(bytes));
  }

  /** Reads typed input; 'wait' while there is none (an ended input reads as end of file). */
  read(max: number): Uint8Array | 'wait' {
    const first = this.#ready[0];
    if (first === undefined) {
      if (this.#ended) return new Uint8Array(0);
      /* Raw mode with VMIN 0 and VTIME 0: a read that finds nothing answers nothing. */
      if (!this.canonical && this.termios.cc[Cc.VMIN] === 0) return new Uint8Array(0);
      return 'wait';
    }
    if (this.canonical) {
      if (first.length <= max) {
        this.#ready.shift();
        return first;
      }
      this.#ready[0] = first.subarray(max);
      return first.subarray(0, max);
    }
    const out: number[] = [];
    while (out.length < max && this.#ready.length > 0) {
      const chunk = this.#ready[0] as Uint8Array;
      const n = Math.min(chunk.length, max - out.length);
      out.push(...chunk.subarray(0, n));
      if (n === chunk.length) this.#ready.shift();
      else this.#ready[0] = chunk.subarray(n);
    }
    return Uint8Array.from(out);
  }

  get available(): number {
    return this.#ready.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  get inputReady(): boolean {
    return this.#ready.length > 0 || this.#ended;
  }

  /** Writes program output (NL as CR NL with OPOST and ONLCR); 'wait' while the terminal lags behind. */
  write(data: Uint8Array): number | 'wait' {
    if (this.#pending > OUTPUT_LIMIT) return 'wait';
    const t = this.termios;
    let out = data;
    if ((t.oflag & Oflag.OPOST) !== 0 && (t.oflag & Oflag.ONLCR) !== 0 && data.includes(10)) {
      const bytes: number[] = [];
      for (const byte of data) {
        if (byte === 10) bytes.push(13);
        bytes.push(byte);
      }
      out = Uint8Array.from(bytes);
    } else {
      out = data.slice();
    }
    this.#send(out);
    return data.length;
  }

  #send(bytes: Uint8Array): void {
    this.#pending += bytes.length;
    this.#output = this.#output.then(() => this.#terminal.write(bytes)).catch(() => undefined).then(() => {
      this.#pending -= bytes.length;
      this.writable.wake();
    });
  }

  /**
   * tcsetattr: with `flush` (TCSAFLUSH) typed input not read yet is
   * dropped. Leaving canonical mode makes a line typed halfway readable as
   * it is (Linux's n_tty does so): a key typed while a shell starts an
   * editor, before the editor turned canonical mode off, reaches the
   * editor instead of waiting for a newline it never sends.
   */
  setTermios(termios: Termios, flush: boolean): void {
    const wasCanonical = this.canonical;
    this.termios = termios;
    if (flush) this.flushInput();
    if (wasCanonical && !this.canonical && this.#line.length > 0) {
      this.#ready.push(Uint8Array.from(this.#line));
      this.#line = [];
      this.readable.wake();
    }
  }

  /** Drops typed input that was not read (tcflush, TCSAFLUSH). */
  flushInput(): void {
    this.#ready.length = 0;
    this.#line = [];
  }

  /** Resolves when every output written so far reached the terminal. */
  drained(): Promise<unknown> {
    return this.#output;
  }

  /** A message of noux itself on the console (as text, NL as CR NL). */
  say(text: string): void {
    this.write(encoder.encode(text));
  }
}

/** An open file of the console (descriptors 0-2 of the first process, /dev/tty). */
export class ConsoleFile implements OpenFile {
  refs = 1;
  flags = 0;
  readonly filetype = FileType.CHARACTER_DEVICE;
  readonly terminal = true;
  readonly path = undefined;
  readonly readable = true;
  readonly writable = true;

  constructor(readonly console: Console) {}

  read(into: Uint8Array): number | 'wait' {
    const got = this.console.read(into.length);
    if (got === 'wait') return got;
    into.set(got);
    return got.length;
  }

  write(data: Uint8Array): number | 'wait' {
    return this.console.write(data);
  }

  seek(): number {
    return -WasiErrno.SPIPE;
  }

  stat(): NouxStat {
    return { filetype: this.filetype, size: 0, inode: 1, nlink: 1, mtime: '0', atime: '0' };
  }

  readiness(): Readiness {
    return { read: this.console.inputReady, write: true, bytes: Math.max(1, this.console.available), hangup: false };
  }

  queues() {
    return [this.console.readable, this.console.writable];
  }

  close(): void {}
}
