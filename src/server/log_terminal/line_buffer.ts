/*
 * LineBuffer: turns a Terminal session's byte stream into log lines.
 *
 * Terminal writes are bytes cut anywhere: a line, a UTF-8 sequence or a
 * CR LF pair may span writes. Complete lines come out; the rest waits for
 * the next write, or for `flush` when the session closes. A line that never
 * ends comes out in pieces of MAX_PENDING characters, so a client cannot
 * make the server buffer without bound.
 */

/** Characters a line may reach before it is logged without its end. */
export const MAX_PENDING = 1000;

export class LineBuffer {
  readonly #decoder = new TextDecoder();
  #pending = '';

  /** The lines that `bytes` completes (without their line ends). */
  push(bytes: Uint8Array): string[] {
    const text = this.#pending + this.#decoder.decode(bytes, { stream: true });
    const lines = text.split('\n');
    this.#pending = lines.pop() ?? '';
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
    return rest === '' ? [] : [rest];
  }
}
