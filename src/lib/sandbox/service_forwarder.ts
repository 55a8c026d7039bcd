/*
 * init as a server towards its own parent (spec/init.md §1.8, §2.9): a
 * session request that the parent routed to init is forwarded, by the
 * policy of the matching `<service>` node, to a child that provides the
 * service. A request for which no server exists yet is kept pending until
 * a config update brings one. After each update the forwarded sessions are
 * re-resolved; one whose route changed is closed at its server.
 */

import {
  InsufficientRamQuota, Root, SESSION_COSTS, SessionArgs, ServiceDenied, selectPolicy,
  type Capability, type Child, type Pd, type Env, type Implementation, type ProvidedSession, type SessionState, type XmlNode,
} from 'nido';
import type { ChildService } from './init_child.js';

export interface ForwarderContext {
  readonly services: readonly ChildService[];
  readonly out: { warning(text: string): void; error(text: string): void };
}

interface Target {
  readonly server: ChildService;
  readonly label: string;
}

class Forwarded implements ProvidedSession {
  state: SessionState = 'CREATE_REQUESTED';
  serverId = 0;
  constructor(
    readonly id: number,
    readonly service: string,
    readonly label: string,
    public ram: number,
    public caps: number,
    readonly args: SessionArgs,
    readonly target: Target,
    readonly owner: ServiceForwarder,
  ) {}

  purge(): void {
    this.owner.forget(this);
  }
}

export class ServiceForwarder {
  readonly #env: Env;
  readonly #ctx: ForwarderContext;
  #nodes: readonly XmlNode[] = [];
  readonly #announced = new Set<string>();
  readonly #sessions = new Map<number, Forwarded>();
  #updated: (() => void)[] = [];
  #ids = 0;

  constructor(env: Env, ctx: ForwarderContext) {
    this.#env = env;
    this.#ctx = ctx;
  }

  /** Takes the `<service>` nodes of a new config; wakes pending requests; re-resolves forwarded sessions. */
  async update(nodes: readonly XmlNode[]): Promise<void> {
    this.#nodes = nodes;
    for (const node of nodes) {
      const name = node.stringAttribute('name', '');
      if (name === '' || this.#announced.has(name)) continue;
      this.#announced.add(name);
      const root = this.#env.ep.manage(Root, this.#root(name));
      await this.#env.parent.announce(name, root);
    }
    const waiting = this.#updated;
    this.#updated = [];
    for (const wake of waiting) wake();
    for (const session of [...this.#sessions.values()]) {
      if (session.state !== 'CAP_HANDED_OUT') continue;
      const target = this.#resolve(session.service, session.args.label);
      if (target === 'denied' || target === undefined || target.server !== session.target.server || target.label !== session.label) {
        await this.#close(session);
      }
    }
  }

  /** A forwarded session whose server died. */
  forget(session: Forwarded): void {
    this.#sessions.delete(session.id);
  }

  /* The policy's target for a label: 'denied', undefined while no server exists (pending). */
  #resolve(service: string, label: string): Target | 'denied' | undefined {
    const node = this.#nodes.find((n) => n.stringAttribute('name', '') === service);
    if (node === undefined) return undefined;
    const policy = selectPolicy(node, label);
    const target = policy?.child('child');
    if (target === undefined) return 'denied';
    const name = target.stringAttribute('name', '');
    /* Here the least recently registered server wins (§2.9). */
    const server = this.#ctx.services.find((s) => s.name === service && s.child.name === name && !s.abandoned);
    if (server === undefined) return undefined;
    return { server, label: target.attribute('label') ?? label };
  }

  #nextUpdate(): Promise<void> {
    return new Promise((resolve) => this.#updated.push(resolve));
  }

  #root(service: string): Implementation<Root> {
    return {
      session: async (argString: string) => {
        const args = SessionArgs.parse(argString);
        let target: Target | 'denied' | undefined;
        for (;;) {
          target = this.#resolve(service, args.label);
          if (target === 'denied' || (target !== undefined && target.server.child.child.pdCap !== undefined)) break;
          await this.#nextUpdate();
        }
        if (target === 'denied') throw new ServiceDenied(`no policy for ${service} session "${args.label}"`);
        if (args.ramQuota < SESSION_COSTS) throw new InsufficientRamQuota(`${service} session "${args.label}" needs ram_quota of at least ${SESSION_COSTS}`);
        const server = target.server.child.child;
        const ram = args.ramQuota - SESSION_COSTS;
        const caps = args.capQuota;
        const session = new Forwarded(++this.#ids, service, target.label, ram, caps, args, target, this);
        await this.#env.pd.transferQuota(server.pdCap as Capability<Pd>, ram, caps);
        try {
          const root = await server.root(service);
          const granted = await root.session(args.set('label', target.label).set('ram_quota', ram).toString());
          session.serverId = granted.id;
          session.state = 'CAP_HANDED_OUT';
          this.#sessions.set(session.id, session);
          server.provided.add(session);
          return { id: session.id, cap: granted.cap };
        } catch (error) {
          await this.#withdraw(server, ram, caps);
          throw error;
        }
      },
      upgrade: async (id: number, argString: string) => {
        const session = this.#sessions.get(id);
        if (session === undefined) return;
        const args = SessionArgs.parse(argString);
        const server = session.target.server.child.child;
        await this.#env.pd.transferQuota(server.pdCap as Capability<Pd>, args.ramQuota, args.capQuota);
        session.state = 'UPGRADE_REQUESTED';
        await (await server.root(service)).upgrade(session.serverId, argString);
        session.ram += args.ramQuota;
        session.caps += args.capQuota;
        session.state = 'CAP_HANDED_OUT';
      },
      close: async (id: number) => {
        const session = this.#sessions.get(id);
        if (session !== undefined) await this.#close(session);
      },
    };
  }

  async #close(session: Forwarded): Promise<void> {
    const server = session.target.server.child.child;
    session.state = 'CLOSE_REQUESTED';
    try {
      await (await server.root(session.service)).close(session.serverId);
      await this.#withdraw(server, session.ram, session.caps);
    } catch (error) {
      this.#ctx.out.warning(`closing forwarded ${session.service} session "${session.label}" failed: ${(error as Error).message}`);
    }
    session.state = 'CLOSED';
    server.provided.delete(session);
    this.#sessions.delete(session.id);
  }

  /* Pulls a donation back from the server into init's account, as much as it has left. */
  async #withdraw(server: Child, ram: number, caps: number): Promise<void> {
    const pd = server.pd;
    if (pd === undefined) return;
    const quota = await pd.quota();
    await pd.transferQuota(this.#env.pdCap, Math.min(ram, quota.ram.avail), Math.min(caps, quota.caps.avail)).catch(() => undefined);
  }
}
