/*
 * The host's console as core's Terminal service uses it (spec/runtime.md §4,
 * docs/terminal.md): bytes from the host's input (stdin), bytes to its
 * output (stdout), and the geometry in character cells.
 *
 * The console takes the input only while it is attached, that is while a
 * Terminal session is open: a run without Terminal sessions never reads
 * stdin, and Ctrl-C stays the host's interrupt. When the input is a TTY,
 * attaching switches it to raw mode (libuv's raw mode keeps the output's
 * newline translation, so log lines still start at the left margin). In
 * raw mode Ctrl-C is an ordinary byte for the component, so the escape
 * byte Ctrl-] ends the run instead, as on a serial console; detaching and
 * closing restore the TTY's mode.
 */

import type { Readable, Writable } from 'node:stream';
import type { TerminalSize } from '../session/terminal/interface.js';

/** The host's input: stdin, or a stand-in in tests. */
export interface ConsoleInput extends Readable {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
}

/** The host's output: stdout, or a stand-in in tests. */
export interface ConsoleOutput extends Writable {
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

/** Who receives what happens on the console (core's Terminal service). */
export interface ConsoleListener {
  /** Bytes typed or piped on the host. */
  input(bytes: Uint8Array): void;
  /** The input ended for good: a piped stdin reached its end, or the TTY went away. */
  ended(): void;
  /** The geometry changed. */
  resized(): void;
}

export interface HostConsoleOptions {
  /** Fetched at the first attach, so a run without Terminal sessions never touches stdin. */
  readonly input: () => ConsoleInput;
  readonly output: ConsoleOutput;
  /** The host's environment: COLUMNS and LINES give the size when the output is no TTY. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Called when the escape byte is typed on an interactive console. */
  readonly escape: () => void;
  /** Core's own messages: how raw mode treats Ctrl-C, input errors. */
  readonly notice: (text: string) => void;
}

/** Ctrl-]: ends `nido run` from a raw-mode console (telnet's escape character). */
export const ESCAPE_BYTE = 0x1d;

/** The size of a console whose output is no TTY and whose environment names none. */
export const DEFAULT_SIZE: TerminalSize = Object.freeze({ columns: 80, rows: 24 });

function positive(text: string | number | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

export class HostConsole {
  readonly #options: HostConsoleOptions;
  #input: ConsoleInput | undefined;
  #listener: ConsoleListener | undefined;
  #raw = false;
  #throttled = false;
  #ended = false;
  #closed = false;
  #noticed = false;

  readonly #onData = (chunk: Buffer | string) => this.#received(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  readonly #onEnd = () => this.#end();
  readonly #onError = (error: Error) => {
    this.#options.notice(`Warning: Terminal: host input failed (${error.message}); no more input`);
    this.#end();
  };
  readonly #onResize = () => this.#listener?.resized();

  constructor(options: HostConsoleOptions) {
    this.#options = options;
  }

  /** Whether the input ended: nothing more will come. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Columns and rows: the output TTY's, else COLUMNS and LINES, else 80x24. */
  size(): TerminalSize {
    const { output, environment } = this.#options;
    if (output.isTTY === true) {
      const columns = positive(output.columns);
      const rows = positive(output.rows);
      if (columns !== undefined && rows !== undefined) return { columns, rows };
    }
    return {
      columns: positive(environment.COLUMNS) ?? DEFAULT_SIZE.columns,
      rows: positive(environment.LINES) ?? DEFAULT_SIZE.rows,
    };
  }

  /** Starts delivering input, resizes and the end of input to `listener` (raw mode on a TTY). */
  attach(listener: ConsoleListener): void {
    if (this.#closed || this.#listener !== undefined) return;
    this.#listener = listener;
    this.#options.output.on('resize', this.#onResize);
    if (this.#ended) return;
    const input = this.#input ??= this.#options.input();
    if (input.isTTY === true && input.setRawMode !== undefined) {
      input.setRawMode(true);
      this.#raw = true;
      if (!this.#noticed) {
        this.#noticed = true;
        this.#options.notice('Terminal: the console is in raw mode: Ctrl-C goes to the component, Ctrl-] ends the run');
      }
    }
    input.on('data', this.#onData);
    input.on('end', this.#onEnd);
    input.on('error', this.#onError);
    if (!this.#throttled) input.resume();
  }

  /** Stops delivering: the input is left unread and the TTY back in its mode. */
  detach(): void {
    if (this.#listener === undefined) return;
    this.#listener = undefined;
    this.#options.output.off('resize', this.#onResize);
    this.#release();
  }

  /** Flow control: stops reading the host's input until `resume` (a session's input buffer is full). */
  pause(): void {
    this.#throttled = true;
    if (this.#listener !== undefined) this.#input?.pause();
  }

  resume(): void {
    this.#throttled = false;
    if (this.#listener !== undefined && !this.#ended) this.#input?.resume();
  }

  /** Writes to the host's output; resolves once the output took the bytes. */
  write(bytes: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const output = this.#options.output;
    if (output.write(bytes)) return Promise.resolve();
    return new Promise((resolve) => output.once('drain', () => resolve()));
  }

  /** Ends the console for this run: detaches, and later writes go nowhere. */
  close(): void {
    this.detach();
    this.#closed = true;
  }

  #received(chunk: Uint8Array): void {
    const listener = this.#listener;
    if (listener === undefined) return;
    const escape = this.#raw ? chunk.indexOf(ESCAPE_BYTE) : -1;
    /* A copy: Node's chunks may be views into a shared pool. */
    const bytes = new Uint8Array(escape < 0 ? chunk : chunk.subarray(0, escape));
    if (bytes.length > 0) listener.input(bytes);
    if (escape >= 0) this.#options.escape();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const listener = this.#listener;
    this.#release();
    listener?.ended();
  }

  /* Gives the input back to the host: no listener of ours, paused, the TTY in its own mode. */
  #release(): void {
    const input = this.#input;
    if (input === undefined) return;
    input.off('data', this.#onData);
    input.off('end', this.#onEnd);
    input.off('error', this.#onError);
    input.pause();
    if (this.#raw) {
      this.#raw = false;
      input.setRawMode?.(false);
    }
  }
}
