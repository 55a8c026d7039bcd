/*
 * The LOG stream as the dashboard keeps it: the newest MAX_LINES lines,
 * each split into its label and text (Genode's "[label] text"; core's own
 * lines have no label), numbered so a page can tell it missed none.
 */

import type { LogLine } from './protocol.js';

export const MAX_LINES = 100_000;
/* Lines per message when a page that connects gets the history. */
const CHUNK = 5_000;

const LABELED = /^\[([^\]]*)\] ([\s\S]*)$/;

export class LogHistory {
  readonly #lines: LogLine[] = [];
  readonly #now: () => number;
  #seq = 0;
  /* Index in #lines of the first line not yet taken by takeNew (it moves when old lines go). */
  #fresh = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  add(text: string): LogLine {
    const match = LABELED.exec(text);
    const line: LogLine = { seq: ++this.#seq, time: this.#now(), label: match?.[1] ?? '', text: match?.[2] ?? text };
    this.#lines.push(line);
    if (this.#lines.length > MAX_LINES + CHUNK) {
      const drop = this.#lines.length - MAX_LINES;
      this.#lines.splice(0, drop);
      this.#fresh = Math.max(0, this.#fresh - drop);
    }
    return line;
  }

  /** The lines added since the last call. */
  takeNew(): LogLine[] {
    const lines = this.#lines.slice(this.#fresh);
    this.#fresh = this.#lines.length;
    return lines;
  }

  /** Everything kept, in messages of CHUNK lines, oldest first (up to the lines takeNew has not given yet). */
  chunks(): LogLine[][] {
    const chunks: LogLine[][] = [];
    const kept = this.#lines.slice(Math.max(0, this.#fresh - MAX_LINES), this.#fresh);
    for (let at = 0; at < kept.length; at += CHUNK) chunks.push(kept.slice(at, at + CHUNK));
    return chunks;
  }
}
