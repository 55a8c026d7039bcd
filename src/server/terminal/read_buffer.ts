/*
 * Typed bytes waiting for the client to read them, as Genode's
 * Terminal::Read_buffer: bounded, so that keys typed at a client that
 * never reads cannot grow the terminal without end (what does not fit is
 * dropped, as a full keyboard buffer drops keys).
 */

/** Bytes the buffer holds at most (Genode's terminal: READ_BUFFER_SIZE). */
export const READ_BUFFER_SIZE = 4096;

/**
 *   const buffer = new ReadBuffer();
 *   buffer.add(new TextEncoder().encode('ls\r'));  // 3
 *   buffer.read(2);                                 // 'l', 's'
 */
export class ReadBuffer {
  readonly #bytes = new Uint8Array(READ_BUFFER_SIZE);
  #start = 0;
  #length = 0;

  get avail(): number {
    return this.#length;
  }

  /** Appends what fits of `bytes`; answers how many were taken. */
  add(bytes: Uint8Array): number {
    const taken = Math.min(bytes.length, READ_BUFFER_SIZE - this.#length);
    for (let i = 0; i < taken; i++) this.#bytes[(this.#start + this.#length + i) % READ_BUFFER_SIZE] = bytes[i] ?? 0;
    this.#length += taken;
    return taken;
  }

  /** Takes up to `max` bytes, oldest first. */
  read(max: number): Uint8Array {
    const length = Math.min(max, this.#length);
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.#bytes[(this.#start + i) % READ_BUFFER_SIZE] ?? 0;
    this.#start = (this.#start + length) % READ_BUFFER_SIZE;
    this.#length -= length;
    return out;
  }
}
