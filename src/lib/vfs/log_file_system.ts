/*
 * `<log [name] [label]/>`: a write-only character device whose lines go
 * to a LOG session (Genode's Log_file_system). Text is collected until a
 * newline, so `printf("a"); printf("b\n")` is one LOG line; a partial
 * line goes out when a handle is synced or closed, or when it grows past
 * MAX_LINE. All handles of the file share one line buffer, like a
 * terminal shared by stdout and stderr.
 */

import type { OpenFlags, VfsHandle, VfsStat } from './interface.js';
import { invalid } from './errors.js';
import { FileHandle } from './file_handle.js';
import type { LogSink } from './services.js';
import { SingleFileSystem } from './single_file_system.js';

/** Characters after which a line without newline is written anyway. */
export const MAX_LINE = 4096;

/** Turns written bytes into lines. */
export class LineBuffer {
  readonly #sink: LogSink;
  readonly #decoder = new TextDecoder();
  #partial = '';

  constructor(sink: LogSink) {
    this.#sink = sink;
  }

  write(data: Uint8Array): void {
    /* TextDecoder refuses views of shared memory (a WebAssembly memory may be one) */
    const bytes = data.buffer instanceof ArrayBuffer ? data : data.slice();
    const text = this.#partial + this.#decoder.decode(bytes, { stream: true });
    const lines = text.split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#sink.write(line);
    while (this.#partial.length > MAX_LINE) {
      this.#sink.write(this.#partial.slice(0, MAX_LINE));
      this.#partial = this.#partial.slice(MAX_LINE);
    }
  }

  flush(): void {
    const rest = this.#partial + this.#decoder.decode();
    this.#partial = '';
    if (rest !== '') this.#sink.write(rest);
  }
}

class LogHandle extends FileHandle {
  readonly #lines: LineBuffer;
  readonly #stat: VfsStat;

  constructor(flags: OpenFlags, lines: LineBuffer, stat: VfsStat) {
    super(flags);
    this.#lines = lines;
    this.#stat = stat;
  }

  stat(): VfsStat {
    return this.#stat;
  }

  protected readAt(): number {
    throw invalid('the log file cannot be read');
  }

  protected writeAt(data: Uint8Array): number {
    this.#lines.write(data);
    return data.length;
  }

  override sync(): void {
    this.#lines.flush();
  }

  override close(): void {
    this.#lines.flush();
  }
}

export class LogFileSystem extends SingleFileSystem {
  readonly #lines: LineBuffer;

  constructor(name: string, sink: LogSink, inode: number) {
    super(name, 'character_device', inode, 'log', true);
    this.#lines = new LineBuffer(sink);
  }

  protected size(): number {
    return 0;
  }

  protected openNode(flags: OpenFlags): VfsHandle {
    return new LogHandle(flags, this.#lines, this.nodeStat());
  }
}
