/*
 * ServiceSession: a session that a parent opens itself at a service one of
 * its children provides: the parent uses its slave's service (the talk's
 * "enslaving services"), or init forwards a request of its own parent to a
 * child (spec/init.md §2.9). The parent pays: the donation moves from its
 * account to the child's and back, to the byte, when the session closes.
 */

import type { Capability } from './capability.js';
import type { Child, ProvidedSession } from './child.js';
import type { Env } from './env.js';
import type { SessionState } from './session_state.js';
import type { Pd } from '../session/pd/interface.js';
import type { SessionArgs } from '../util/session_args.js';

export class ServiceSession implements ProvidedSession {
  state: SessionState = 'CREATE_REQUESTED';
  #serverId = 0;
  #cap: Capability | undefined;
  #gone: (() => void) | undefined;

  private constructor(
    readonly env: Env,
    readonly server: Child,
    readonly id: number,
    readonly service: string,
    readonly args: SessionArgs,
    public ram: number,
    public caps: number,
  ) {}

  get label(): string {
    return this.args.label;
  }

  /** The session capability. */
  get cap(): Capability {
    if (this.#cap === undefined) throw new Error(`${this.service} session "${this.label}" is not open`);
    return this.#cap;
  }

  /**
   * Opens a session at `server`'s `service` with `args` (their ram_quota and
   * cap_quota are what the server receives). Waits until the server
   * announced the service. `gone` is called if the server dies meanwhile.
   */
  static async open(env: Env, server: Child, id: number, service: string, args: SessionArgs, gone?: () => void): Promise<ServiceSession> {
    const session = new ServiceSession(env, server, id, service, args, args.ramQuota, args.capQuota);
    session.#gone = gone;
    const pdCap = server.pdCap;
    if (pdCap === undefined) throw new Error(`${service} session at "${server.name}": the server has no PD yet`);
    await env.pd.transferQuota(pdCap as Capability<Pd>, session.ram, session.caps);
    try {
      const root = await server.root(service);
      const granted = await root.session(args.toString());
      session.#serverId = granted.id;
      session.#cap = granted.cap;
    } catch (error) {
      await session.#withdraw(session.ram, session.caps);
      throw error;
    }
    session.state = 'CAP_HANDED_OUT';
    server.provided.add(session);
    return session;
  }

  /** Donates more quota to the server. */
  async upgrade(ram: number, caps: number, argString: string): Promise<void> {
    const pdCap = this.server.pdCap;
    if (pdCap === undefined) return;
    await this.env.pd.transferQuota(pdCap as Capability<Pd>, ram, caps);
    this.state = 'UPGRADE_REQUESTED';
    try {
      await (await this.server.root(this.service)).upgrade(this.#serverId, argString);
      this.ram += ram;
      this.caps += caps;
    } finally {
      this.state = 'CAP_HANDED_OUT';
    }
  }

  /** Closes the session at the server and takes the donation back. */
  async close(): Promise<void> {
    if (this.state === 'CLOSED' || this.state === 'CLOSE_REQUESTED') return;
    this.state = 'CLOSE_REQUESTED';
    try {
      await (await this.server.root(this.service)).close(this.#serverId);
      await this.#withdraw(this.ram, this.caps);
    } finally {
      this.state = 'CLOSED';
      this.server.provided.delete(this);
      if (this.#cap !== undefined) this.env.release(this.#cap);
    }
  }

  /** The server died: its PD, and the donation with it, went to our account. */
  purge(): void {
    this.state = 'CLOSED';
    this.#gone?.();
  }

  /*
   * Takes quota back from the server, as much as it has left. A server
   * that dies meanwhile returns everything with its PD (purge).
   */
  async #withdraw(ram: number, caps: number): Promise<void> {
    await this.server.withdraw(this.env.pdCap, ram, caps).catch(() => undefined);
  }
}
