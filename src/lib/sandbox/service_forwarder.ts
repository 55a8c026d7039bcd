/*
 * init as a server towards its own parent (spec/init.md §1.8, §2.9): a
 * session request that the parent routed to init is forwarded, by the
 * policy of the matching `<service>` node, to a child that provides the
 * service. A request for which no server exists yet is kept pending until
 * a config update brings one. After each update the forwarded sessions are
 * re-resolved; one whose route changed is closed at its server.
 */

import {
  InsufficientRamQuota, Root, SESSION_COSTS, ServiceDenied, ServiceSession, SessionArgs, selectPolicy,
  type Env, type Implementation, type XmlNode,
} from 'nido';
import type { ChildService } from './init_child.js';
import type { RoutableService } from './route_decision.js';

export interface ForwarderContext {
  readonly services: readonly ChildService[];
  readonly out: { warning(text: string): void; error(text: string): void };
}

interface Target {
  readonly server: ChildService;
  readonly label: string;
}

interface Forwarded {
  readonly session: ServiceSession;
  readonly target: Target;
  /** The label the parent asked for (re-resolved after each update). */
  readonly requestLabel: string;
}

/**
 * Where init forwards a session its parent directed at it (§2.9), decided
 * from the `<service>` nodes and the declared services alone:
 * `no-service-node` and `no-server` keep the request pending, `no-policy`
 * and `no-child` deny it.
 */
export type ForwardingDecision<S> =
  | { readonly kind: 'no-service-node' }
  | { readonly kind: 'no-policy'; readonly node: XmlNode }
  | { readonly kind: 'no-child'; readonly node: XmlNode; readonly policy: XmlNode }
  | { readonly kind: 'no-server'; readonly node: XmlNode; readonly policy: XmlNode; readonly target: XmlNode; readonly name: string }
  | { readonly kind: 'forward'; readonly node: XmlNode; readonly policy: XmlNode; readonly target: XmlNode; readonly server: S; readonly label: string };

export function forwardingDecision<S extends RoutableService>(
  nodes: readonly XmlNode[], services: readonly S[], service: string, label: string,
): ForwardingDecision<S> {
  const node = nodes.find((n) => n.stringAttribute('name', '') === service);
  if (node === undefined) return { kind: 'no-service-node' };
  const policy = selectPolicy(node, label);
  if (policy === undefined) return { kind: 'no-policy', node };
  const target = policy.child('child');
  if (target === undefined) return { kind: 'no-child', node, policy };
  const name = target.stringAttribute('name', '');
  /* Here the least recently registered server wins (§2.9). */
  const server = services.find((s) => s.name === service && s.child.name === name && !s.abandoned);
  if (server === undefined) return { kind: 'no-server', node, policy, target, name };
  return { kind: 'forward', node, policy, target, server, label: target.attribute('label') ?? label };
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
      await this.#env.parent.announce(name, this.#env.ep.manage(Root, this.#root(name)));
    }
    const waiting = this.#updated;
    this.#updated = [];
    for (const wake of waiting) wake();
    for (const [id, forwarded] of [...this.#sessions]) {
      const target = this.#resolve(forwarded.session.service, forwarded.requestLabel);
      if (target === 'denied' || target === undefined || target.server !== forwarded.target.server || target.label !== forwarded.target.label) {
        this.#sessions.delete(id);
        await this.#close(forwarded);
      }
    }
  }

  /* The policy's target for a label: 'denied', undefined while no server exists (pending). */
  #resolve(service: string, label: string): Target | 'denied' | undefined {
    const decision = forwardingDecision(this.#nodes, this.#ctx.services, service, label);
    switch (decision.kind) {
      case 'no-service-node':
      case 'no-server':
        return undefined;
      case 'no-policy':
      case 'no-child':
        return 'denied';
      case 'forward':
        /* A server without a PD yet cannot take the session: pending, like a missing one. */
        return decision.server.child.child.pdCap === undefined ? undefined : { server: decision.server, label: decision.label };
    }
  }

  #nextUpdate(): Promise<void> {
    return new Promise((resolve) => this.#updated.push(resolve));
  }

  #root(service: string): Implementation<Root> {
    return {
      session: async (argString: string) => {
        const args = SessionArgs.parse(argString);
        let target = this.#resolve(service, args.label);
        while (target === undefined) {
          await this.#nextUpdate();
          target = this.#resolve(service, args.label);
        }
        if (target === 'denied') throw new ServiceDenied(`no policy for ${service} session "${args.label}"`);
        if (args.ramQuota < SESSION_COSTS) throw new InsufficientRamQuota(`${service} session "${args.label}" needs ram_quota of at least ${SESSION_COSTS}`);
        const id = ++this.#ids;
        const forwardedArgs = args.set('label', target.label).set('ram_quota', args.ramQuota - SESSION_COSTS);
        const session = await ServiceSession.open(this.#env, target.server.child.child, id, service, forwardedArgs, () => this.#sessions.delete(id));
        this.#sessions.set(id, { session, target, requestLabel: args.label });
        return { id, cap: session.cap };
      },
      upgrade: async (id: number, argString: string) => {
        const forwarded = this.#sessions.get(id);
        if (forwarded === undefined) return;
        const args = SessionArgs.parse(argString);
        await forwarded.session.upgrade(args.ramQuota, args.capQuota, argString);
      },
      close: async (id: number) => {
        const forwarded = this.#sessions.get(id);
        if (forwarded === undefined) return;
        this.#sessions.delete(id);
        await this.#close(forwarded);
      },
    };
  }

  async #close(forwarded: Forwarded): Promise<void> {
    try {
      await forwarded.session.close();
    } catch (error) {
      this.#ctx.out.warning(`closing forwarded ${forwarded.session.service} session "${forwarded.session.label}" failed: ${(error as Error).message}`);
    }
  }
}
