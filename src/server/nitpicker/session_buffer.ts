/*
 * A session's buffer of pixels at nitpicker, paid from the session's
 * donation: a Gui session's framebuffer, a Capture session's screen. Each
 * `allocate` replaces the buffer by one of the asked size, if what the
 * donation has left pays for it (OutOfRam names what it needs, and the
 * client upgrades); `close` frees it.
 *
 * Allocations run one after another: two calls of a client at once must
 * not both be paid by one donation, nor leave a dataspace behind that no
 * session holds; one still running when the session closes frees what it
 * got.
 */

import { OutOfRam, bufferBytes, formatNumBytes, invalidMode, type DataspaceHandle, type Env, type FramebufferMode as Mode } from 'nido';

export class SessionBuffer {
  readonly #env: Env;
  /** `Gui session "label"`: who asks, for the errors. */
  readonly #what: string;
  #dataspace: DataspaceHandle | undefined;
  #pixels: Uint32Array | undefined;
  #mode: Mode = { width: 0, height: 0 };
  #allocations: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(env: Env, what: string) {
    this.#env = env;
    this.#what = what;
  }

  /** The buffer's memory (undefined before the first allocation and after close). */
  get dataspace(): DataspaceHandle | undefined {
    return this.#dataspace;
  }

  /** The pixels, rows of `mode.width` (undefined while there is no buffer). */
  get pixels(): Uint32Array | undefined {
    return this.#pixels;
  }

  /** The size of the buffer allocated last. */
  get mode(): Mode {
    return this.#mode;
  }

  /**
   * Replaces the buffer by one of `mode` if `available()` bytes of the
   * donation pay for it (asked when it is this call's turn, after the
   * upgrades that came before); a mode no buffer can have is a TypeError.
   */
  allocate(mode: Mode, available: () => number): Promise<void> {
    const invalid = invalidMode(mode);
    if (invalid !== undefined) return Promise.reject(new TypeError(`${this.#what}: buffer ${JSON.stringify(mode)}: ${invalid}`));
    const size = { width: mode.width, height: mode.height };
    const allocation = this.#allocations.then(() => this.#replace(size, available()));
    this.#allocations = allocation.catch(() => undefined);
    return allocation;
  }

  async #replace(mode: Mode, available: number): Promise<void> {
    const bytes = bufferBytes(mode);
    if (bytes > available) {
      throw new OutOfRam(`${this.#what}: a ${mode.width}x${mode.height} buffer needs ${formatNumBytes(bytes)}, `
        + `the session's donation pays for ${formatNumBytes(Math.max(0, available))}: upgrade the session`);
    }
    if (this.#closed) return;
    await this.#free();
    const dataspace = await this.#env.pd.alloc(bytes);
    if (this.#closed) {
      await this.#env.pd.free(dataspace.id);
      return;
    }
    this.#dataspace = dataspace;
    this.#mode = mode;
    this.#pixels = new Uint32Array(dataspace.buffer, 0, mode.width * mode.height);
  }

  async #free(): Promise<void> {
    const dataspace = this.#dataspace;
    this.#dataspace = undefined;
    this.#pixels = undefined;
    if (dataspace !== undefined) await this.#env.pd.free(dataspace.id);
  }

  /** Frees the buffer; an allocation still running frees its own when it is done. */
  close(): Promise<void> {
    this.#closed = true;
    return this.#free();
  }
}
