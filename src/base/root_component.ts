/*
 * RootComponent: the server side of a service, as Genode's Root_component.
 *
 * A server announces one root per service. For every session request the
 * root checks the donated quota, asks the server's factory for the session
 * object (the factory picks a policy by label, or throws ServiceDenied),
 * and hands out a capability to it. Closing dissolves the object: every
 * copy of the session capability is revoked.
 */

import type { Capability } from './capability.js';
import { InsufficientCapQuota, InsufficientRamQuota, NidoError } from './errors.js';
import type { Implementation, Interface } from './interface.js';
import type { Ipc } from './ipc.js';
import { SessionArgs } from '../util/session_args.js';
import type { Root, RootSession } from '../session/root/interface.js';

/** What a session object may implement besides its interface. */
export interface SessionHooks {
  /** Called after the client donated more quota; the client's upgrade completes when a promise it returns settles (an interposer passing it on). */
  upgrade?(ram: number, caps: number): void | Promise<void>;
  /** Called when the session is closed (by its client or because the client went away). */
  close?(): void | Promise<void>;
}

export interface RootOptions {
  /** Least RAM (bytes) a client must donate; less is InsufficientRamQuota. */
  readonly ram?: number;
  /** Least caps a client must donate. */
  readonly caps?: number;
}

export type SessionFactory<T> = (args: SessionArgs, id: number) => (Implementation<T> & SessionHooks) | Promise<Implementation<T> & SessionHooks>;

interface OpenSession<T> {
  readonly impl: Implementation<T> & SessionHooks;
  readonly cap: Capability;
  readonly label: string;
  ram: number;
  caps: number;
}

/** An open session as an observer sees it: its label and the quota its client donated. */
export interface SessionInfo {
  readonly id: number;
  readonly label: string;
  readonly ram: number;
  readonly caps: number;
}

export class RootComponent<T> implements Implementation<Root> {
  readonly #ipc: Ipc;
  readonly #iface: Interface<T>;
  readonly #factory: SessionFactory<T>;
  readonly #options: RootOptions;
  readonly #sessions = new Map<number, OpenSession<T>>();
  /** Told whenever a session opens, is upgraded or closes (core's dashboard watches its services so). */
  readonly watchers = new Set<() => void>();
  #ids = 0;

  constructor(ipc: Ipc, iface: Interface<T>, factory: SessionFactory<T>, options: RootOptions = {}) {
    this.#ipc = ipc;
    this.#iface = iface;
    this.#factory = factory;
    this.#options = options;
  }

  async session(argString: string): Promise<RootSession> {
    const args = SessionArgs.parse(argString);
    const needRam = this.#options.ram ?? 0;
    const needCaps = this.#options.caps ?? 0;
    if (args.ramQuota < needRam) {
      throw new InsufficientRamQuota(`${this.#iface.name} session "${args.label}" needs ram_quota=${needRam}, got ${args.ramQuota}`);
    }
    if (args.capQuota < needCaps) {
      throw new InsufficientCapQuota(`${this.#iface.name} session "${args.label}" needs cap_quota=${needCaps}, got ${args.capQuota}`);
    }
    const id = ++this.#ids;
    const impl = await this.#factory(args, id);
    const cap = this.#ipc.manage(this.#iface, impl);
    this.#sessions.set(id, { impl, cap, label: args.label, ram: args.ramQuota, caps: args.capQuota });
    this.#changed();
    return { id, cap };
  }

  upgrade(id: number, argString: string): void | Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined) throw new NidoError(`upgrade of unknown ${this.#iface.name} session ${id}`);
    const args = SessionArgs.parse(argString);
    session.ram += args.ramQuota;
    session.caps += args.capQuota;
    const upgraded = session.impl.upgrade?.(args.ramQuota, args.capQuota);
    this.#changed();
    return upgraded;
  }

  async close(id: number): Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    this.#ipc.dissolve(session.cap);
    this.#changed();
    await session.impl.close?.();
  }

  /** Number of open sessions. */
  get size(): number {
    return this.#sessions.size;
  }

  /** The open sessions, oldest first. */
  sessions(): SessionInfo[] {
    return [...this.#sessions].map(([id, { label, ram, caps }]) => ({ id, label, ram, caps }));
  }

  #changed(): void {
    for (const watcher of this.watchers) watcher();
  }
}
