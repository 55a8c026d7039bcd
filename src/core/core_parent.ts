/*
 * The parent core is to init: it answers init's session requests with
 * core's own services, looked up by name.
 *
 * Client pays here too: the quota a session request carries moves from
 * init's account to core's for as long as the session lives. Labels get
 * core's prefix for its only child, so init's own LOG reads `[init] ...`
 * and its children's `[init -> hello] ...`.
 */

import type { Capability, SignalContextCapability } from '../base/capability.js';
import { NidoError, ServiceDenied } from '../base/errors.js';
import type { Implementation } from '../base/interface.js';
import type { RootComponent } from '../base/root_component.js';
import type { Parent, SessionGrant } from '../session/parent/interface.js';
import { ENV_CPU, ENV_LOG, ENV_PD, FIRST_DYNAMIC_ID } from '../session/parent/interface.js';
import type { Root } from '../session/root/interface.js';
import { SessionArgs } from '../util/session_args.js';
import { prefixed } from '../util/label.js';
import type { Account } from './account.js';

interface CoreSession {
  readonly root: RootComponent<unknown>;
  readonly serverId: number;
  ram: number;
  caps: number;
}

export interface CoreParentHost {
  readonly services: ReadonlyMap<string, RootComponent<unknown>>;
  /** core's own account, which holds the quota of sessions at core. */
  readonly coreAccount: Account;
  readonly childAccount: Account;
  readonly envCaps: ReadonlyMap<number, Capability>;
  /** init called exit. */
  exit(code: number): void;
  warning(text: string): void;
}

export class CoreParent implements Implementation<Parent> {
  readonly #host: CoreParentHost;
  readonly #sessions = new Map<number, CoreSession>();
  #ids = FIRST_DYNAMIC_ID;

  constructor(host: CoreParentHost, readonly childName: string) {
    this.#host = host;
  }

  async session(service: string, argString: string): Promise<SessionGrant> {
    const root = this.#host.services.get(service);
    const args = SessionArgs.parse(argString);
    if (root === undefined) throw new ServiceDenied(`${this.childName}: core provides no service "${service}"`);
    const ram = args.ramQuota;
    const caps = args.capQuota;
    const { childAccount, coreAccount } = this.#host;
    childAccount.transfer(coreAccount, ram, caps);
    try {
      const granted = await root.session(args.set('label', prefixed(this.childName, args.label)).toString());
      const id = this.#ids++;
      this.#sessions.set(id, { root, serverId: granted.id, ram, caps });
      return { id, cap: granted.cap };
    } catch (error) {
      coreAccount.transfer(childAccount, ram, caps);
      throw error;
    }
  }

  upgrade(id: number, argString: string): void {
    const session = this.#sessions.get(id);
    if (session === undefined) throw new NidoError(`${this.childName}: upgrade of unknown session ${id}`);
    const args = SessionArgs.parse(argString);
    this.#host.childAccount.transfer(this.#host.coreAccount, args.ramQuota, args.capQuota);
    session.ram += args.ramQuota;
    session.caps += args.capQuota;
    session.root.upgrade(session.serverId, argString);
  }

  async close(id: number): Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    await session.root.close(session.serverId);
    if (!this.#host.childAccount.closed) this.#host.coreAccount.transfer(this.#host.childAccount, session.ram, session.caps);
  }

  /** Closes every session init still has at core, newest first. */
  async closeAll(): Promise<void> {
    for (const id of [...this.#sessions.keys()].reverse()) await this.close(id);
  }

  sessionCap(id: number): Capability {
    const cap = this.#host.envCaps.get(id);
    if (cap === undefined || (id !== ENV_PD && id !== ENV_LOG && id !== ENV_CPU)) {
      throw new ServiceDenied(`${this.childName}: no environment session ${id}`);
    }
    return cap;
  }

  announce(service: string, _root: Capability<Root>): void {
    this.#host.warning(`${this.childName}: core does not use announced service "${service}"`);
  }

  exit(code: number): void {
    this.#host.exit(code);
  }

  /* core has nothing beyond what it gave init at boot: a request stays unanswered, as in Genode. */
  resourceRequest(args: string): Promise<void> {
    this.#host.warning(`${this.childName}: requests resources beyond core's budget (${args}); start with more --ram/--caps`);
    return new Promise(() => undefined);
  }

  yieldSigh(_handler: SignalContextCapability): void {}
  yieldRequest(): string {
    return '';
  }
  yieldResponse(): void {}
  heartbeatSigh(_handler: SignalContextCapability): void {}
  heartbeatResponse(): void {}
}
