/*
 * Child: the parent's side of a component it runs (init, the loader, a
 * component that enslaves a server).
 *
 * The parent creates the child's protection domain, opens its environment
 * sessions, pays its quota and serves its parent interface. Each session
 * request of the child is routed by the parent's policy; the donated quota
 * moves child → parent → server (client pays) and back on close. Killing a
 * child closes its sessions newest first, so servers see ordinary closes,
 * and finally its PD session, which returns every byte and cap it held
 * (spec/init.md §3, §4.6).
 */

import type { Capability, SignalContextCapability } from './capability.js';
import type { Env } from './env.js';
import { InsufficientCapQuota, InsufficientRamQuota, NidoError, OutOfCaps, OutOfRam, RouteMissing, ServiceDenied } from './errors.js';
import type { Client, Implementation } from './interface.js';
import type { SessionState } from './session_state.js';
import { sessionAlive } from './session_state.js';
import { CPU_SESSION_CAPS, CPU_SESSION_RAM } from '../session/cpu/interface.js';
import { LOG_SESSION_CAPS, LOG_SESSION_RAM } from '../session/log/interface.js';
import {
  ENV_BINARY, ENV_CPU, ENV_LOG, ENV_PD, FIRST_DYNAMIC_ID, Parent, type SessionGrant,
} from '../session/parent/interface.js';
import { Pd, PD_SESSION_CAPS, PD_SESSION_RAM, type ExitInfo } from '../session/pd/interface.js';
import { ROM_SESSION_CAPS, ROM_SESSION_RAM } from '../session/rom/interface.js';
import { Root } from '../session/root/interface.js';
import { prefixed } from '../util/label.js';
import { SessionArgs } from '../util/session_args.js';

/* How often an environment session is retried with more quota before the child stays incomplete. */
const ENV_ATTEMPTS = 8;

/** RAM the parent keeps from each session's donation for its own bookkeeping. */
export const SESSION_COSTS = 512;

/** RAM and caps of the environment sessions the parent opens and pays for every child. */
export const ENV_RAM = PD_SESSION_RAM + CPU_SESSION_RAM + LOG_SESSION_RAM + 2 * ROM_SESSION_RAM;
export const ENV_CAPS = PD_SESSION_CAPS + CPU_SESSION_CAPS + LOG_SESSION_CAPS + 2 * ROM_SESSION_CAPS + 1;

/** Where a session request goes. */
export type Route =
  | { readonly kind: 'parent'; readonly label: string }
  | { readonly kind: 'child'; readonly server: Child; readonly label: string }
  | { readonly kind: 'local'; readonly root: Implementation<Root>; readonly label: string }
  | { readonly kind: 'deny'; readonly reason?: string };

export interface SessionRequest {
  readonly service: string;
  /** The client label: the child's label prefixed with its name (env sessions: the name alone). */
  readonly label: string;
  readonly args: SessionArgs;
  /** An environment session the parent opens on the child's behalf. */
  readonly env: boolean;
}

export interface ChildPolicy {
  /** Decides where a session request of the child goes. */
  resolve(child: Child, request: SessionRequest): Route | Promise<Route>;
  /** The child offers a service; false rejects the announcement. */
  announce?(child: Child, service: string): boolean;
  /** The child ended: it called exit, crashed or exceeded its heap. Its sessions are being closed. */
  exited?(child: Child, info: ExitInfo): void;
  /** The child asks for more quota; resolve when granted. */
  resourceRequest?(child: Child, args: SessionArgs): Promise<void>;
  yieldResponse?(child: Child): void;
  heartbeatResponse?(child: Child): void;
  /** Something about the child's sessions changed (for state reports). */
  changed?(child: Child): void;
  /** A diagnostic, e.g. a failed quota return. */
  warning?(text: string): void;
}

export interface ChildOptions {
  readonly name: string;
  /** Binary name, for diagnostics and the worker's file name; the binary ROM's route is the policy's. */
  readonly binary: string;
  /** RAM (bytes) and caps transferred into the child's PD after its environment sessions are open. */
  readonly ram: number;
  readonly caps: number;
}

/** A session as its server's parent tracks it: what the state report lists under `<provided>`. */
export interface ProvidedSession {
  readonly id: number;
  readonly service: string;
  readonly label: string;
  readonly state: SessionState;
  readonly ram: number;
  readonly caps: number;
  readonly args: SessionArgs;
  /** The server went away: the record vanishes, the donation went with the server's PD. */
  purge(): void;
}

/** A session in the client id space of a child. */
export class ChildSession implements ProvidedSession {
  state: SessionState = 'CREATE_REQUESTED';
  /** Server-side label after routing. */
  label: string;
  /** RAM and caps donated to the server. */
  ram = 0;
  caps = 0;
  route: Route = { kind: 'deny' };
  /** Id of the session at its server (parent grant id or root session id). */
  serverId = 0;
  cap: Capability | undefined;

  constructor(
    readonly client: Child,
    readonly id: number,
    readonly service: string,
    readonly args: SessionArgs,
    readonly env: boolean,
  ) {
    this.label = args.label;
  }

  purge(): void {
    this.client.purged(this);
  }
}

type Waiter = { resolve(root: Client<Root>): void; reject(error: Error): void };

export class Child {
  readonly name: string;
  readonly binary: string;
  readonly #env: Env;
  readonly #policy: ChildPolicy;
  readonly #options: ChildOptions;
  readonly #sessions = new Map<number, ChildSession>();
  /** Sessions that others have at this child's services. */
  readonly provided = new Set<ProvidedSession>();
  readonly #services = new Map<string, Client<Root>>();
  readonly #waiters = new Map<string, Waiter[]>();
  #ids = FIRST_DYNAMIC_ID;
  #parentCap: Capability<Parent> | undefined;
  #pdCap: Capability<Pd> | undefined;
  #pd: Client<Pd> | undefined;
  #exit: ExitInfo | undefined;
  #dying = false;
  #closing: Promise<void> | undefined;
  #pdClosed = false;
  #started = false;
  #environment: Promise<void> | undefined;
  #closed: Promise<void> = Promise.resolve();
  #yieldArgs = '';
  #yieldHandler: SignalContextCapability | undefined;
  #heartbeatHandler: SignalContextCapability | undefined;

  constructor(env: Env, policy: ChildPolicy, options: ChildOptions) {
    this.#env = env;
    this.#policy = policy;
    this.#options = options;
    this.name = options.name;
    this.binary = options.binary;
  }

  /* ---------------------------------------------------------------- life cycle */

  /**
   * Opens the environment sessions, pays the child's quota and starts its
   * program. Throws ServiceDenied if an environment session cannot be had
   * (RouteMissing if it had no route); the child then stays incomplete
   * until killed.
   */
  async start(): Promise<void> {
    await this.startPd();
    await this.startProgram();
  }

  /**
   * First phase of start: the PD session and the child's quota (spec/init.md
   * §4.3, INITIAL → RAM_INITIALIZED). `quota` overrides the options' quota.
   */
  async startPd(quota: { readonly ram: number; readonly caps: number } = this.#options): Promise<void> {
    const pd = await this.#openEnv(ENV_PD, 'PD', PD_SESSION_RAM, PD_SESSION_CAPS);
    this.#pdCap = pd.cap as Capability<Pd>;
    this.#pd = this.#env.client(Pd, this.#pdCap);
    await this.#pd.refAccount(this.#env.pdCap);
    await this.#env.pd.transferQuota(this.#pdCap, quota.ram, quota.caps);
  }

  /** Second phase of start: the other environment sessions, then the program. */
  async startProgram(): Promise<void> {
    await this.openEnvironment();
    await this.launch();
  }

  /** The CPU, LOG and binary ROM environment sessions (they may wait for a child server). */
  async openEnvironment(): Promise<void> {
    if (this.#pd === undefined) throw new ServiceDenied(`${this.name}: no PD`);
    this.#environment ??= (async () => {
      await this.#openEnv(ENV_CPU, 'CPU', CPU_SESSION_RAM, CPU_SESSION_CAPS);
      await this.#openEnv(ENV_LOG, 'LOG', LOG_SESSION_RAM, LOG_SESSION_CAPS);
      await this.#openEnv(ENV_BINARY, 'ROM', ROM_SESSION_RAM, ROM_SESSION_CAPS);
    })();
    return this.#environment;
  }

  /** Starts the program in the PD, once the environment sessions are open. */
  async launch(): Promise<void> {
    await this.openEnvironment();
    const binary = this.#sessions.get(ENV_BINARY);
    if (this.#dying || this.#pd === undefined) return;
    if (binary?.cap === undefined) throw new ServiceDenied(`${this.name}: binary ROM session has no capability`);
    this.#parentCap = this.#env.ep.manage(Parent, this.#parentInterface());
    const pdClient = this.#pd;
    void pdClient.exited().then((info) => this.#ended(info), () => undefined);
    await pdClient.start(binary.cap, this.#parentCap, this.binary);
    this.#started = true;
  }

  /** Whether the program runs (or ran). */
  get started(): boolean {
    return this.#started;
  }

  /** The session with id `id` in the child's client id space, if it exists. */
  session(id: number): ChildSession | undefined {
    return this.#sessions.get(id);
  }

  /** Whether the child ended (exit, crash, heap) and why. */
  get exit(): ExitInfo | undefined {
    return this.#exit;
  }

  get dying(): boolean {
    return this.#dying;
  }

  /** The child's PD session, while it exists. */
  get pd(): Client<Pd> | undefined {
    return this.#exit === undefined && !this.#dying ? this.#pd : undefined;
  }

  /**
   * Takes session quota back from this child (a server) into `to`: all of
   * `ram` and `caps`, or what it has left if it spent some. Answers what
   * the server keeps. A child without a living PD keeps nothing: its
   * account went back to its parent as a whole.
   */
  async withdraw(to: Capability<Pd>, ram: number, caps: number): Promise<{ ram: number; caps: number }> {
    const pd = this.pd;
    if (pd === undefined) return { ram: 0, caps: 0 };
    try {
      await pd.transferQuota(to, ram, caps);
      return { ram: 0, caps: 0 };
    } catch (error) {
      if (!(error instanceof OutOfRam || error instanceof OutOfCaps)) throw error;
      const quota = await pd.quota();
      const back = { ram: Math.min(ram, quota.ram.avail), caps: Math.min(caps, quota.caps.avail) };
      await pd.transferQuota(to, back.ram, back.caps).catch(() => undefined);
      return { ram: ram - back.ram, caps: caps - back.caps };
    }
  }

  get pdCap(): Capability<Pd> | undefined {
    return this.#pdCap;
  }

  /** The sessions of the child, in ascending id order. */
  sessions(): ChildSession[] {
    return [...this.#sessions.values()].sort((a, b) => a.id - b.id);
  }

  /** Kills the child: orderly destruction of everything it holds (spec/init.md §4.6). */
  kill(): Promise<void> {
    this.#dying = true;
    return this.#closeEverything();
  }

  #ended(info: ExitInfo): void {
    if (this.#exit !== undefined || this.#dying) return;
    this.#exit = info;
    this.#policy.exited?.(this, info);
    void this.#closeEverything();
  }

  #closeEverything(): Promise<void> {
    this.#closing ??= this.#closeAll();
    return this.#closing;
  }

  async #closeAll(): Promise<void> {
    /* 1. Nobody can reach this child's services any more. */
    const gone = new ServiceDenied(`server "${this.name}" is gone`);
    for (const waiters of this.#waiters.values()) for (const waiter of waiters) waiter.reject(gone);
    this.#waiters.clear();
    this.#services.clear();
    /* 2. Sessions others have here are purged; their donations return with our PD below. */
    for (const session of [...this.provided]) session.purge();
    this.provided.clear();
    /*
     * 3. Close requests for its own sessions, newest first; then its PD
     * session, which returns the child's own quota at once. A slow server
     * delays only the return of that session's donation, which then goes
     * to us, not to the child (spec/init.md §3.5, §4.6).
     */
    const ids = [...this.#sessions.keys()].filter((id) => id !== ENV_PD).sort((a, b) => b - a);
    const closing = ids.map((id) => this.#close(id));
    await this.#close(ENV_PD);
    /* The program is gone with its PD: nobody calls the parent interface any more. */
    if (this.#parentCap !== undefined) this.#env.ep.dissolve(this.#parentCap);
    this.#closed = Promise.all(closing).then(() => this.#policy.changed?.(this));
  }

  /** Resolves when every session of a killed or exited child is closed at its server. */
  get closed(): Promise<void> {
    return (this.#closing ?? Promise.resolve()).then(() => this.#closed);
  }

  /** A session of this child at a server that died: its donation went back with the server's PD. */
  purged(session: ChildSession): void {
    this.#sessions.delete(session.id);
    session.state = 'CLOSED';
    if (session.cap !== undefined) this.#env.release(session.cap);
    this.#policy.changed?.(this);
  }

  /* ---------------------------------------------------------------- services */

  /** The root of a service the child announced; waits for the announcement. */
  root(service: string): Promise<Client<Root>> {
    const root = this.#services.get(service);
    if (root !== undefined) return Promise.resolve(root);
    if (this.#dying || this.#exit !== undefined) return Promise.reject(new ServiceDenied(`server "${this.name}" is gone`));
    return new Promise((resolve, reject) => {
      const waiters = this.#waiters.get(service) ?? [];
      waiters.push({ resolve, reject });
      this.#waiters.set(service, waiters);
    });
  }

  /** Whether the child announced `service`. */
  announced(service: string): boolean {
    return this.#services.has(service);
  }

  /* ---------------------------------------------------------------- yield, heartbeat */

  /** Asks the child to give back quota (args: ram_quota, cap_quota). */
  requestYield(args: string): void {
    this.#yieldArgs = args;
    if (this.#yieldHandler !== undefined) this.#env.ep.submit(this.#yieldHandler);
  }

  /** Sends a heartbeat; false if the child installed no handler. */
  heartbeat(): boolean {
    if (this.#heartbeatHandler === undefined) return false;
    this.#env.ep.submit(this.#heartbeatHandler);
    return true;
  }

  /* ---------------------------------------------------------------- sessions */

  async #openEnv(id: number, service: string, ram: number, caps: number): Promise<ChildSession> {
    let args = SessionArgs.from({ label: this.name, ram_quota: ram, cap_quota: caps });
    let session = new ChildSession(this, id, service, args, true);
    this.#sessions.set(id, session);
    /*
     * The parent pays the environment sessions: no transfer from the child.
     * Like Genode's client runtime, it offers more when the server asks
     * for it (a session via a parent's parent loses that parent's costs).
     */
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#establish(session, ram, caps);
          break;
        } catch (error) {
          if (attempt >= ENV_ATTEMPTS || this.#dying) throw error;
          if (error instanceof InsufficientRamQuota) ram += 4096;
          else if (error instanceof InsufficientCapQuota) caps += 4;
          else throw error;
          args = SessionArgs.from({ label: this.name, ram_quota: ram, cap_quota: caps });
          session = new ChildSession(this, id, service, args, true);
          this.#sessions.set(id, session);
        }
      }
    } catch (error) {
      if (error instanceof RouteMissing) {
        throw new RouteMissing(`${this.name}: ${service} environment session denied (${args.toString()})`);
      }
      /* Genode's message, then the server's reason (a missing ROM module names itself there). */
      const reason = error instanceof Error ? `: ${error.message}` : '';
      throw new ServiceDenied(`${this.name}: environment ${service} session denied (${args.toString()})${reason}`);
    }
    return session;
  }

  async #session(service: string, argString: string): Promise<SessionGrant> {
    if (this.#dying || this.#exit !== undefined) throw new ServiceDenied(`${this.name}: ${service} session denied: child is gone`);
    const requested = SessionArgs.parse(argString);
    const args = requested.set('label', prefixed(this.name, requested.label));
    const id = this.#ids++;
    const session = new ChildSession(this, id, service, args, false);
    const ram = args.ramQuota;
    const caps = args.capQuota;
    if (ram < SESSION_COSTS) {
      throw new InsufficientRamQuota(`${this.name}: ${service} session needs ram_quota of at least ${SESSION_COSTS}`);
    }
    this.#sessions.set(id, session);
    const pdCap = this.#pdCap;
    if (pdCap === undefined) throw new ServiceDenied(`${this.name}: no PD`);
    /* Client pays: its donation moves to us first. */
    await this.#env.client(Pd, pdCap).transferQuota(this.#env.pdCap, ram, caps).catch((error: unknown) => {
      this.#sessions.delete(id);
      throw error;
    });
    try {
      await this.#establish(session, ram - SESSION_COSTS, caps);
    } catch (error) {
      this.#sessions.delete(id);
      await this.#giveBack(ram, caps);
      this.#policy.changed?.(this);
      throw error;
    }
    if (session.cap === undefined) throw new ServiceDenied(`${this.name}: ${service} session closed while created`);
    session.state = 'CAP_HANDED_OUT';
    if (this.#dying || this.#exit !== undefined) {
      /*
       * The child went away while its request was on its way (its close of
       * everything skipped this session, which did not exist yet): close it
       * at its server now, or its donation stays there for good. The
       * donation comes back to us, as the child's PD is gone.
       */
      this.#sessions.set(id, session);
      await this.#close(id);
      throw new ServiceDenied(`${this.name}: ${service} session denied: child is gone`);
    }
    this.#policy.changed?.(this);
    return { id, cap: session.cap };
  }

  /* Routes a session and creates it at its server, forwarding `ram`/`caps` from our account. */
  async #establish(session: ChildSession, ram: number, caps: number): Promise<void> {
    const route = await this.#policy.resolve(this, {
      service: session.service, label: session.args.label, args: session.args, env: session.env,
    });
    session.route = route;
    if (route.kind === 'deny') {
      /* Without a route the session does not come into existence (spec/init.md §4.4). */
      this.#sessions.delete(session.id);
      this.#policy.changed?.(this);
      throw new RouteMissing(route.reason ?? `${this.name}: ${session.service} session denied (${session.args.toString()})`);
    }
    session.label = route.label;
    const serverArgs = session.args.set('label', route.label).set('ram_quota', ram).set('cap_quota', caps).toString();
    try {
      switch (route.kind) {
        case 'parent': {
          const grant = await this.#env.parent.session(session.service, serverArgs);
          session.serverId = grant.id;
          session.cap = grant.cap;
          break;
        }
        case 'child': {
          const root = await route.server.root(session.service);
          const serverPd = route.server.#pdCap;
          if (serverPd === undefined) throw new ServiceDenied(`server "${route.server.name}" has no PD`);
          await this.#env.pd.transferQuota(serverPd, ram, caps);
          try {
            const granted = await root.session(serverArgs);
            session.serverId = granted.id;
            session.cap = granted.cap;
          } catch (error) {
            await this.#withdraw(route.server, ram, caps);
            throw error;
          }
          route.server.provided.add(session);
          break;
        }
        case 'local': {
          const granted = await route.root.session(serverArgs);
          session.serverId = granted.id;
          session.cap = granted.cap;
          break;
        }
      }
    } catch (error) {
      session.state = error instanceof ServiceDenied ? 'SERVICE_DENIED'
        : (error as Error).name === 'InsufficientRamQuota' ? 'INSUFFICIENT_RAM_QUOTA'
        : (error as Error).name === 'InsufficientCapQuota' ? 'INSUFFICIENT_CAP_QUOTA' : 'SERVICE_DENIED';
      this.#policy.changed?.(this);
      throw error;
    }
    session.ram = ram;
    session.caps = caps;
    session.state = 'CAP_HANDED_OUT';
  }

  /* Takes quota back from a server child (as much as it has, if it spent some). */
  async #withdraw(server: Child, ram: number, caps: number): Promise<void> {
    const kept = await server.withdraw(this.#env.pdCap, ram, caps);
    if (kept.ram > 0 || kept.caps > 0) {
      this.#policy.warning?.(`server "${server.name}" keeps ${kept.ram} bytes and ${kept.caps} caps of session quota`);
    }
  }

  /* Returns quota from us to the child while its PD lives. */
  async #giveBack(ram: number, caps: number): Promise<void> {
    if (this.#pdCap === undefined || this.#pdClosed) return;
    await this.#env.pd.transferQuota(this.#pdCap, ram, caps).catch(() => undefined);
  }

  async #upgrade(id: number, argString: string): Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined || session.env) throw new NidoError(`${this.name}: upgrade of unknown session ${id}`);
    if (session.state !== 'CAP_HANDED_OUT') {
      this.#policy.warning?.(`${this.name}: attempt to upgrade session in invalid state`);
      return;
    }
    const args = SessionArgs.parse(argString);
    const ram = args.ramQuota;
    const caps = args.capQuota;
    const pdCap = this.#pdCap as Capability<Pd>;
    await this.#env.client(Pd, pdCap).transferQuota(this.#env.pdCap, ram, caps);
    session.state = 'UPGRADE_REQUESTED';
    this.#policy.changed?.(this);
    const delta = SessionArgs.from({ ram_quota: ram, cap_quota: caps }).toString();
    try {
      const route = session.route;
      if (route.kind === 'parent') await this.#env.parent.upgrade(session.serverId, delta);
      else if (route.kind === 'child') {
        const serverPd = route.server.#pdCap;
        if (serverPd !== undefined) await this.#env.pd.transferQuota(serverPd, ram, caps);
        await (await route.server.root(session.service)).upgrade(session.serverId, delta);
      } else if (route.kind === 'local') await route.root.upgrade(session.serverId, delta);
      session.ram += ram;
      session.caps += caps;
    } finally {
      session.state = 'CAP_HANDED_OUT';
      this.#policy.changed?.(this);
    }
  }

  async #close(id: number): Promise<void> {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    if (!sessionAlive(session.state)) {
      this.#sessions.delete(id);
      return;
    }
    session.state = 'CLOSE_REQUESTED';
    this.#policy.changed?.(this);
    const route = session.route;
    try {
      if (route.kind === 'parent') {
        await this.#env.parent.close(session.serverId);
      } else if (route.kind === 'child') {
        /* The server lists the session (CLOSE_REQUESTED) until it confirmed the close. */
        if (!route.server.#dying && route.server.#exit === undefined) {
          await (await route.server.root(session.service)).close(session.serverId);
          await this.#withdraw(route.server, session.ram, session.caps);
        }
        route.server.provided.delete(session);
      } else if (route.kind === 'local') {
        await route.root.close(session.serverId);
      }
    } catch (error) {
      this.#policy.warning?.(`${this.name}: closing ${session.service} session "${session.label}" failed: ${(error as Error).message}`);
    }
    if (session.cap !== undefined) this.#env.release(session.cap);
    this.#sessions.delete(id);
    session.state = 'CLOSED';
    if (id === ENV_PD) this.#pdClosed = true;
    else if (!session.env) await this.#giveBack(session.ram + SESSION_COSTS, session.caps);
    this.#policy.changed?.(this);
  }

  /* ---------------------------------------------------------------- parent interface */

  #parentInterface(): Implementation<Parent> {
    return {
      session: (service, args) => this.#session(service, args),
      upgrade: (id, args) => this.#upgrade(id, args),
      close: async (id) => {
        /* Environment sessions cannot be closed by the child (spec/init.md §3.5). */
        if (id >= FIRST_DYNAMIC_ID) await this.#close(id);
      },
      sessionCap: (id) => {
        const session = this.#sessions.get(id);
        if (session === undefined || session.cap === undefined || (id !== ENV_PD && id !== ENV_CPU && id !== ENV_LOG)) {
          throw new ServiceDenied(`${this.name}: no environment session ${id}`);
        }
        return session.cap;
      },
      announce: (service, root) => {
        if (this.#policy.announce?.(this, service) === false) {
          throw new ServiceDenied(`${this.name}: illegal announcement of service "${service}"`);
        }
        const client = this.#env.client(Root, root);
        this.#services.set(service, client);
        for (const waiter of this.#waiters.get(service) ?? []) waiter.resolve(client);
        this.#waiters.delete(service);
        this.#policy.changed?.(this);
      },
      exit: (code) => this.#ended({ reason: 'exit', code, message: `exit(${code})` }),
      resourceRequest: (args) => this.#policy.resourceRequest?.(this, SessionArgs.parse(args)) ?? new Promise<void>(() => undefined),
      yieldSigh: (handler) => { this.#yieldHandler = handler; },
      yieldRequest: () => this.#yieldArgs,
      yieldResponse: () => this.#policy.yieldResponse?.(this),
      heartbeatSigh: (handler) => { this.#heartbeatHandler = handler; },
      heartbeatResponse: () => this.#policy.heartbeatResponse?.(this),
    };
  }
}
