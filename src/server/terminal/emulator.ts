/*
 * The terminal emulation: xterm.js's headless terminal (@xterm/headless,
 * the VT/xterm parser and screen buffers behind VS Code's terminal), with
 * what the terminal needs of it besides cells:
 *
 * - output is taken at once up to WRITE_BACKLOG bytes not parsed yet,
 *   then a writer waits until xterm caught up (a client that floods the
 *   terminal is slowed down to its pace instead of filling memory);
 * - xterm's answers to the program's queries (cursor position, device
 *   attributes) go back to the program as input;
 * - the cursor's visibility (DECTCEM, `CSI ? 25 l`), which xterm keeps to
 *   its renderer, is followed through the parser's public hooks.
 *
 * xterm parses in slices from a timer (setTimeout): the terminal's
 * Timer session paces it.
 */

import xtermHeadless from '@xterm/headless';
import type { KeyboardModes } from './keyboard.js';

/*
 * The package is CommonJS: its exports are the default import's members,
 * in Node (the unit tests) and in the component's bundle (bundle.mjs).
 */
const { Terminal: Xterm } = xtermHeadless;
type Xterm = InstanceType<typeof Xterm>;

/** Output bytes taken but not parsed yet beyond which writers wait. */
export const WRITE_BACKLOG = 64 * 1024;

/** Lines kept above the screen by default (`<config scrollback="N">`). */
export const DEFAULT_SCROLLBACK = 1000;

export interface EmulatorOptions {
  readonly columns: number;
  readonly rows: number;
  readonly scrollback?: number;
}

function showsCursor(params: readonly (number | number[])[]): boolean {
  return params.some((param) => param === 25);
}

/**
 * xterm.js with what the terminal needs of it besides cells.
 *
 *   const emulator = new Emulator({ columns: 80, rows: 24 });
 *   emulator.onParsed(() => draw(emulator.xterm));
 *   emulator.onResponse((bytes) => sessions.input(bytes));
 *   await emulator.write(new TextEncoder().encode('hello\r\n'));
 */
export class Emulator {
  readonly xterm: Xterm;
  #cursorVisible = true;
  #backlog = 0;

  constructor(options: EmulatorOptions) {
    this.xterm = new Xterm({
      cols: options.columns,
      rows: options.rows,
      scrollback: options.scrollback ?? DEFAULT_SCROLLBACK,
      allowProposedApi: true,
    });
    const parser = this.xterm.parser;
    /* Returning false lets xterm's own handler run too. */
    parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
      if (showsCursor(params)) this.#cursorVisible = true;
      return false;
    });
    parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
      if (showsCursor(params)) this.#cursorVisible = false;
      return false;
    });
    /* RIS (ESC c) and DECSTR (CSI ! p) show the cursor again. */
    parser.registerEscHandler({ final: 'c' }, () => {
      this.#cursorVisible = true;
      return false;
    });
    parser.registerCsiHandler({ intermediates: '!', final: 'p' }, () => {
      this.#cursorVisible = true;
      return false;
    });
  }

  get cursorVisible(): boolean {
    return this.#cursorVisible;
  }

  get keyboardModes(): KeyboardModes {
    const modes = this.xterm.modes;
    return { applicationCursorKeys: modes.applicationCursorKeysMode, applicationKeypad: modes.applicationKeypadMode };
  }

  /** Whether the view shows the newest lines (not scrolled back). */
  get atBottom(): boolean {
    const buffer = this.xterm.buffer.active;
    return buffer.viewportY >= buffer.baseY;
  }

  /** Takes the program's output; resolves when the writer may go on. */
  write(data: Uint8Array): Promise<void> {
    const length = data.length;
    this.#backlog += length;
    const parsed = new Promise<void>((resolve) => {
      this.xterm.write(data, () => {
        this.#backlog -= length;
        resolve();
      });
    });
    return this.#backlog > WRITE_BACKLOG ? parsed : Promise.resolve();
  }

  /** Calls `handler` after xterm parsed a batch of output (the time to draw). */
  onParsed(handler: () => void): void {
    this.xterm.onWriteParsed(handler);
  }

  /** Calls `handler` with xterm's answers to the program's queries, as bytes for the program. */
  onResponse(handler: (bytes: Uint8Array) => void): void {
    const encoder = new TextEncoder();
    this.xterm.onData((data) => handler(encoder.encode(data)));
    this.xterm.onBinary((data) => handler(Uint8Array.from(data, (char) => char.charCodeAt(0) & 0xff)));
  }

  /** Lines kept above the screen (a new config's): fewer drops the oldest. */
  set scrollback(lines: number) {
    if (this.xterm.options.scrollback !== lines) this.xterm.options.scrollback = lines;
  }

  resize(columns: number, rows: number): void {
    if (columns !== this.xterm.cols || rows !== this.xterm.rows) this.xterm.resize(columns, rows);
  }

  /** Scrolls the view through the scrollback by pages (negative: back). */
  scrollPages(pages: number): void {
    this.xterm.scrollPages(pages);
  }

  scrollLines(lines: number): void {
    this.xterm.scrollLines(lines);
  }

  scrollToBottom(): void {
    this.xterm.scrollToBottom();
  }
}
