/*
 * LineBuffer: turns a Terminal session's byte stream into log lines.
 *
 * Terminal writes are bytes cut anywhere: a line, a UTF-8 sequence or a
 * CR LF pair may span writes. Complete lines come out; the rest waits for
 * the next write, or for `flush` when the session closes. A line that never
 * ends comes out in pieces of MAX_PENDING characters, so a client cannot
 * make the server buffer without bound.
 *
 * Carriage returns at the start of a line are dropped: there they move the
 * cursor nowhere, and a line end written LF CR (as hardware terminals
 * expect it, and as terminal_log writes every line) would otherwise put
 * a visible \x0d at the start of each log line after the first.
 */

/** Characters a line may reach before it is logged without its end. */
export const MAX_PENDING = 1000;

export class LineBuffer {
  readonly #decoder = new TextDecoder();
  #pending = '';
  /* Whether the next character starts a line (nothing of it pending, not even a piece logged). */
  #lineStart = true;

  /** The lines that `bytes` completes (without their line ends). */
  push(bytes: Uint8Array): string[] {
    const text = this.#decoder.decode(bytes, { stream: true });
    const lines: string[] = [];
    let at = 0;
    while (at < text.length) {
      if (this.#lineStart) {
        while (text[at] === '\r') at++;
        if (at === text.length) break;
        this.#lineStart = false;
      }
      const end = text.indexOf('\n', at);
      if (end < 0) {
        this.#pending += text.slice(at);
        break;
      }
      lines.push(this.#pending + text.slice(at, end));
      this.#pending = '';
      this.#lineStart = true;
      at = end + 1;
    }
    while (this.#pending.length > MAX_PENDING) {
      lines.push(this.#pending.slice(0, MAX_PENDING));
      this.#pending = this.#pending.slice(MAX_PENDING);
    }
    /* A CR LF line end is one line end; a lone CR (a progress bar's) stays visible as \x0d in the log. */
    return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  /** What is left at the end: an unterminated last line, if any. */
  flush(): string[] {
    const rest = this.#pending + this.#decoder.decode();
    this.#pending = '';
    this.#lineStart = true;
    return rest === '' ? [] : [rest];
  }
}
