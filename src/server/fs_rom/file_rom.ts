/*
 * One ROM session of fs_rom: a file's content, re-read when a watch on
 * the file or its directory fires, and the client signalled when it
 * differs from what the session had.
 */

import {
  READ_ONLY, type DataspaceHandle, type Env, type FileSystemClient, type Implementation, type Rom, type SessionHooks,
  type SignalContextCapability,
} from 'nido';

function split(path: string): { dir: string; name: string } {
  const at = path.lastIndexOf('/');
  return { dir: at <= 0 ? '/' : path.slice(0, at), name: path.slice(at + 1) };
}

function same(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export class FileRom {
  readonly #env: Env;
  readonly #fs: FileSystemClient;
  readonly #path: string;
  #content: Uint8Array | undefined;
  #version = 0;
  #seen = -1;
  #watches: number[] = [];
  #handler: SignalContextCapability | undefined;
  #dataspace: DataspaceHandle | undefined;
  #closed = false;
  /* Re-reads in order: a change during a read reads again after it. */
  #reading: Promise<void> = Promise.resolve();

  private constructor(env: Env, fs: FileSystemClient, path: string) {
    this.#env = env;
    this.#fs = fs;
    this.#path = path;
  }

  static async open(env: Env, fs: FileSystemClient, path: string): Promise<FileRom> {
    const rom = new FileRom(env, fs, path);
    await rom.#watch();
    rom.#content = await rom.#read();
    return rom;
  }

  /* The file's content, or undefined while it cannot be read (absent, a directory). */
  async #read(): Promise<Uint8Array | undefined> {
    const { dir, name } = split(this.#path);
    const handles: number[] = [];
    try {
      const dirHandle = await this.#fs.dir(dir, false);
      handles.push(dirHandle);
      const file = await this.#fs.file(dirHandle, name, READ_ONLY, false);
      handles.push(file);
      const { size } = await this.#fs.status(file);
      const bytes = new Uint8Array(size);
      let done = 0;
      while (done < size) {
        const read = await this.#fs.read(file, bytes.subarray(done), done);
        if (read <= 0) break;
        done += read;
      }
      return bytes.subarray(0, done);
    } catch {
      return undefined;
    } finally {
      for (const handle of handles.reverse()) await this.#fs.close(handle).catch(() => undefined);
    }
  }

  /* Watches the file (if it exists) and its directory (for its creation, removal or replacement). */
  async #watch(): Promise<void> {
    const previous = this.#watches;
    this.#watches = [];
    for (const handle of previous) await this.#fs.close(handle).catch(() => undefined);
    for (const path of [this.#path, split(this.#path).dir]) {
      try {
        this.#watches.push(await this.#fs.watch(path, () => this.#changed()));
      } catch {
        /* not there (yet): the directory's watch tells when it appears */
      }
    }
  }

  #changed(): void {
    this.#reading = this.#reading.then(async () => {
      if (this.#closed) return;
      await this.#watch();
      const content = await this.#read();
      if (same(content, this.#content)) return;
      this.#content = content;
      this.#version++;
      if (this.#handler !== undefined) this.#env.ep.submit(this.#handler);
    });
  }

  async #freeDataspace(): Promise<void> {
    const previous = this.#dataspace;
    this.#dataspace = undefined;
    if (previous !== undefined) await this.#env.pd.free(previous.id);
  }

  #fill(buffer: SharedArrayBuffer, content: Uint8Array): number {
    const bytes = new Uint8Array(buffer);
    bytes.set(content);
    bytes.fill(0, content.length);
    this.#seen = this.#version;
    return content.length;
  }

  /** The ROM session object. */
  session(): Implementation<Rom> & SessionHooks {
    return {
      dataspace: async () => {
        await this.#freeDataspace();
        const content = this.#content;
        this.#seen = this.#version;
        if (content === undefined) return undefined;
        const allocated = await this.#env.pd.alloc(Math.max(1, content.length + 1));
        this.#dataspace = { ...allocated, size: this.#fill(allocated.buffer, content) };
        return this.#dataspace;
      },
      update: () => {
        const content = this.#content;
        if (content === undefined || this.#dataspace === undefined || this.#dataspace.buffer.byteLength <= content.length) return false;
        this.#dataspace = { ...this.#dataspace, size: this.#fill(this.#dataspace.buffer, content) };
        return true;
      },
      sigh: (cap) => {
        if (this.#handler !== undefined) this.#env.release(this.#handler);
        this.#handler = cap;
        if (this.#seen !== this.#version) this.#env.ep.submit(cap);
      },
      close: async () => {
        this.#closed = true;
        await this.#reading;
        for (const handle of this.#watches) await this.#fs.close(handle).catch(() => undefined);
        this.#watches = [];
        if (this.#handler !== undefined) this.#env.release(this.#handler);
        await this.#freeDataspace();
      },
    };
  }
}
