/*
 * LineReader: turns the bytes a Terminal delivers into command lines
 * (CR, LF or CR LF end a line; backspace edits), echoing what is typed as
 * a terminal user expects.
 */

const decoder = new TextDecoder();

export class LineReader {
  #line: number[] = [];

  /** Feeds bytes; answers the completed lines and what to echo. */
  feed(bytes: Uint8Array): { lines: string[]; echo: string } {
    const lines: string[] = [];
    let echo = '';
    for (const byte of bytes) {
      if (byte === 0x0d || byte === 0x0a) {
        if (byte === 0x0a && this.#line.length === 0 && this.#lastWasCr) {
          this.#lastWasCr = false;
          continue;
        }
        this.#lastWasCr = byte === 0x0d;
        lines.push(decoder.decode(new Uint8Array(this.#line)).trim());
        this.#line = [];
        echo += '\r\n';
      } else if (byte === 0x7f || byte === 0x08) {
        this.#lastWasCr = false;
        if (this.#line.length > 0) {
          this.#line.pop();
          echo += '\b \b';
        }
      } else if (byte >= 0x20) {
        this.#lastWasCr = false;
        this.#line.push(byte);
        echo += String.fromCharCode(byte);
      }
    }
    return { lines, echo };
  }

  #lastWasCr = false;
}
