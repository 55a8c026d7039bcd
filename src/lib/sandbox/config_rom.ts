/*
 * The inline `<config>` of a start node, served by init as the child's
 * "config" ROM (spec/init.md §2.3 rule 1). Changing the node updates the
 * ROM in place and signals the child: no restart (§4.4). The dataspaces
 * are allocated from init's own PD, so init pays for the configs it serves.
 */

import {
  InsufficientRamQuota, Rom, SessionArgs,
  type Capability, type DataspaceHandle, type Env, type Implementation, type Root, type SignalContextCapability,
} from 'nido';

const encoder = new TextEncoder();

class ConfigSession {
  cap: Capability | undefined;
  handler: SignalContextCapability | undefined;
  current: DataspaceHandle | undefined;
}

export class ConfigRom implements Implementation<Root> {
  readonly #env: Env;
  #content: Uint8Array;
  readonly #sessions = new Map<number, ConfigSession>();
  #ids = 0;

  constructor(env: Env, content: string) {
    this.#env = env;
    this.#content = encoder.encode(content);
  }

  /** Replaces the content and tells every reader. */
  set(content: string): void {
    this.#content = encoder.encode(content);
    for (const session of this.#sessions.values()) {
      if (session.handler !== undefined) this.#env.ep.submit(session.handler);
    }
  }

  #fill(buffer: SharedArrayBuffer): void {
    const bytes = new Uint8Array(buffer);
    bytes.set(this.#content);
    bytes.fill(0, this.#content.length);
  }

  session(argString: string): { id: number; cap: Capability } {
    const args = SessionArgs.parse(argString);
    if (args.ramQuota < 0) throw new InsufficientRamQuota('config ROM');
    const id = ++this.#ids;
    const session = new ConfigSession();
    const impl: Implementation<Rom> = {
      dataspace: async () => {
        const previous = session.current;
        session.current = undefined;
        if (previous !== undefined) await this.#env.pd.free(previous.id);
        const ds = await this.#env.pd.alloc(Math.max(1, this.#content.length));
        this.#fill(ds.buffer);
        session.current = { ...ds, size: this.#content.length };
        return session.current;
      },
      update: () => {
        const current = session.current;
        if (current === undefined || current.buffer.byteLength < this.#content.length) return false;
        this.#fill(current.buffer);
        return true;
      },
      sigh: (handler: SignalContextCapability) => {
        session.handler = handler;
      },
    };
    const cap = this.#env.ep.manage(Rom, impl);
    session.cap = cap;
    this.#sessions.set(id, session);
    return { id, cap };
  }

  upgrade(): void {}

  close(id: number): void {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    if (session.cap !== undefined) this.#env.ep.dissolve(session.cap);
    if (session.handler !== undefined) this.#env.release(session.handler);
    if (session.current !== undefined) void this.#env.pd.free(session.current.id);
  }
}
