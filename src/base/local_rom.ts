/*
 * LocalRom: a ROM module that a component serves to its own children from
 * memory: init's inline `<config>` of a start node (spec/init.md §2.3 rule
 * 1), a slave's config, a module uploaded into a loader session. Setting
 * new content signals every reader, who switches when it re-reads: no
 * restart (spec/init.md §4.4). The dataspaces are allocated from the
 * serving component's own PD, so it pays for what it serves.
 */

import type { Capability, SignalContextCapability } from './capability.js';
import type { DataspaceHandle } from './dataspace.js';
import type { Env } from './env.js';
import type { Implementation } from './interface.js';
import { Rom } from '../session/rom/interface.js';
import type { Root, RootSession } from '../session/root/interface.js';

const encoder = new TextEncoder();

class Reader {
  cap: Capability | undefined;
  handler: SignalContextCapability | undefined;
  current: DataspaceHandle | undefined;
}

export class LocalRom implements Implementation<Root> {
  readonly #env: Env;
  #content: Uint8Array;
  readonly #readers = new Map<number, Reader>();
  #ids = 0;

  constructor(env: Env, content: string | Uint8Array) {
    this.#env = env;
    this.#content = typeof content === 'string' ? encoder.encode(content) : content.slice();
  }

  /** Replaces the content and tells every reader. */
  set(content: string | Uint8Array): void {
    this.#content = typeof content === 'string' ? encoder.encode(content) : content.slice();
    for (const reader of this.#readers.values()) {
      if (reader.handler !== undefined) this.#env.ep.submit(reader.handler);
    }
  }

  static #fill(buffer: SharedArrayBuffer, content: Uint8Array): void {
    const bytes = new Uint8Array(buffer);
    bytes.set(content);
    bytes.fill(0, content.length);
  }

  session(): RootSession {
    const id = ++this.#ids;
    const reader = new Reader();
    const impl: Implementation<Rom> = {
      dataspace: async () => {
        const previous = reader.current;
        reader.current = undefined;
        if (previous !== undefined) await this.#env.pd.free(previous.id);
        /* The content as it was when the dataspace was sized: a set() during the allocation signals the reader again. */
        const content = this.#content;
        const ds = await this.#env.pd.alloc(Math.max(1, content.length));
        LocalRom.#fill(ds.buffer, content);
        reader.current = { ...ds, size: content.length };
        return reader.current;
      },
      update: () => {
        const current = reader.current;
        if (current === undefined || current.buffer.byteLength < this.#content.length) return false;
        LocalRom.#fill(current.buffer, this.#content);
        reader.current = { ...current, size: this.#content.length };
        return true;
      },
      sigh: (handler: SignalContextCapability) => {
        reader.handler = handler;
      },
    };
    reader.cap = this.#env.ep.manage(Rom, impl);
    this.#readers.set(id, reader);
    return { id, cap: reader.cap };
  }

  upgrade(): void {}

  async close(id: number): Promise<void> {
    const reader = this.#readers.get(id);
    if (reader === undefined) return;
    this.#readers.delete(id);
    if (reader.cap !== undefined) this.#env.ep.dissolve(reader.cap);
    if (reader.handler !== undefined) this.#env.release(reader.handler);
    if (reader.current !== undefined) await this.#env.pd.free(reader.current.id);
  }
}
