/*
 * A pseudo-terminal for scenario tests: a tmux server of its own (its own
 * socket, no user config) with one pane running `nido run`. Tests type
 * keys into it, resize it and read the screen back, and wait for what the
 * screen shows (bounded polling, never a fixed delay). Used by the
 * Terminal scenarios on core's console (terminal.test.ts,
 * calc_terminal.test.ts); `.ci/run` installs tmux.
 */

import { execFileSync } from 'node:child_process';

/** A tmux server of its own, with one session whose pane runs `command`. */
export class TmuxPane {
  readonly #socket: string;
  readonly #target = 'nido';

  constructor(socket: string) {
    this.#socket = socket;
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.#socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  start(columns: number, rows: number, command: readonly string[]): void {
    this.tmux('new-session', '-d', '-s', this.#target, '-x', String(columns), '-y', String(rows), ...command);
  }

  /** The pane's content with its history, wrapped lines joined. */
  capture(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', this.#target);
  }

  /** The rows the pane shows now, one line each, as they are (wrapped rows not joined). */
  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', this.#target).replace(/\n$/, '').split('\n');
  }

  size(): string {
    return this.tmux('display-message', '-p', '-t', this.#target, '#{pane_width}x#{pane_height}').trim();
  }

  /** The cursor's row and column in the pane, from 0. */
  cursor(): { readonly row: number; readonly column: number } {
    const [column, row] = this.tmux('display-message', '-p', '-t', this.#target, '#{cursor_x} #{cursor_y}').trim().split(' ').map(Number);
    return { row: row ?? -1, column: column ?? -1 };
  }

  /** Types `text` literally. */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.#target, '-l', text);
  }

  /** Presses a key by its tmux name (Enter, C-c, C-], Home). */
  key(name: string): void {
    this.tmux('send-keys', '-t', this.#target, name);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.#target, '-x', String(columns), '-y', String(rows));
  }

  /** Polls the pane until `pattern` shows (the event), or fails after `timeoutMs` with the pane's content. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    return this.waitUntil(() => this.capture(), (content) => pattern.test(content), `${pattern}`, timeoutMs);
  }

  /**
   * Polls the rows shown now until `check` holds for them, or fails after
   * `timeoutMs` naming `what` and showing the rows.
   */
  async waitForScreen(check: (rows: readonly string[]) => boolean, what: string, timeoutMs = 60_000): Promise<string[]> {
    return this.waitUntil(() => this.screen(), check, what, timeoutMs);
  }

  /**
   * Polls `look` until `check` holds for what it saw, or fails after
   * `timeoutMs` naming `what` and showing the last look with `show`.
   */
  async waitUntil<T>(
    look: () => T, check: (seen: T) => boolean, what: string, timeoutMs: number,
    show: (seen: T) => string = (seen) => (Array.isArray(seen) ? seen.join('\n') : String(seen)),
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let seen = look();
    for (;;) {
      if (check(seen)) return seen;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = look();
    }
    throw new Error(`tmux pane did not show ${what} within ${timeoutMs} ms; it shows:\n${show(seen)}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      /* already gone: nothing left to clean up */
    }
  }
}

export function tmuxInstalled(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
