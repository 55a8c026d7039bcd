/*
 * Sandbox: init's engine (spec/init.md §1–§4). It turns each version of
 * the configuration into running children by applying the difference to
 * the previous one (§4.1): children whose start node appeared are
 * created, those whose node went are torn down, changed nodes are applied
 * in place (§4.4), dependencies are re-evaluated and children restarted
 * where their routes changed (§4.5), and quotas are re-balanced (§3.6).
 */

import {
  Child, ENV_BINARY, ENV_CAPS, ENV_LOG, ENV_RAM, LocalRom, RouteMissing, SESSION_COSTS, ServiceDenied, parseXml,
  type ChildPolicy, type Env, type ExitInfo, type Implementation, type Root, type XmlNode,
} from 'nido';
import { configuredQuota, readGlobals, routingTableOf, startNodes, type Globals } from './config_model.js';

import { HeartbeatMonitor } from './heartbeat.js';
import { ChildService, InitChild, binaryOf, childKey, providedServices } from './init_child.js';
import { downgrade, initialTransfer, upgrade, type Configured } from './quota_balancer.js';
import { resolveRoute, sameRoute, type RoutingContext } from './routing.js';
import { ServiceForwarder } from './service_forwarder.js';
import { StateReporter, type ReportSource } from './state_reporter.js';

/** How init reports what happens (its LOG, with Genode's colours for warnings and errors). */
export interface SandboxOutput {
  log(text: string): void;
  warning(text: string): void;
  error(text: string): void;
}

export class Sandbox implements ReportSource, RoutingContext {
  readonly #env: Env;
  readonly out: SandboxOutput;
  /** Children in creation order (the state report lists them newest first). */
  #children: InitChild[] = [];
  /** Declared services in registration order (§2.5 "most recently registered"). */
  #services: ChildService[] = [];
  globals: Globals;
  #ids = 0;
  /** Serialises config updates: one is applied completely before the next. */
  #applying: Promise<void> = Promise.resolve();
  #config: XmlNode | undefined;
  /** A server appeared or disappeared in this update: every child's dependencies are re-evaluated. */
  #serverChanged = false;
  readonly #exitPropagated: (code: number) => void;
  readonly #reporter: StateReporter;
  readonly #heartbeat: HeartbeatMonitor;
  readonly #forwarder: ServiceForwarder;

  /** Services `<local/>` reaches (the monitor's PD and CPU); init has none. */
  readonly localServices: ReadonlyMap<string, Implementation<Root>>;

  constructor(env: Env, output: SandboxOutput, exitPropagated: (code: number) => void, localServices: ReadonlyMap<string, Implementation<Root>> = new Map()) {
    this.#env = env;
    this.localServices = localServices;
    this.out = output;
    this.#exitPropagated = exitPropagated;
    this.globals = readGlobals(parseXml('<config/>'), output);
    this.#reporter = new StateReporter(env, this);
    /* init's own RAM changes when its meter settles (memory of children gone comes back): report it. */
    env.ramSettled(() => this.#reporter.trigger());
    this.#heartbeat = new HeartbeatMonitor(env, this, {
      changed: () => this.#reporter.trigger(),
      restart: (child) => {
        this.#scheduleRestart(child);
        if (this.#config !== undefined) void this.apply(this.#config);
      },
    });
    this.#forwarder = new ServiceForwarder(env, this);
  }

  /* ---------------------------------------------------------------- what reports and routing read */

  get version(): string {
    return this.globals.version;
  }

  /** The live (non-abandoned) children, in creation order. */
  get children(): readonly InitChild[] {
    return this.#children.filter((c) => !c.abandoned);
  }

  get services(): readonly ChildService[] {
    return this.#services;
  }

  get aliases(): ReadonlyMap<string, string> {
    return this.globals.aliases;
  }

  /* ---------------------------------------------------------------- config update (§4.1) */

  /** Applies a configuration (queued behind one being applied). */
  apply(config: XmlNode): Promise<void> {
    this.#applying = this.#applying.then(() => this.#apply(config)).catch((error: unknown) => {
      this.out.error(`config update failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
    return this.#applying;
  }

  async #apply(config: XmlNode): Promise<void> {
    this.#config = config;
    const previous = this.globals;
    this.globals = readGlobals(config, this.out);
    if (this.globals.verbose) {
      for (const service of this.globals.parentProvides) {
        if (!previous.parentProvides.has(service)) this.out.log(`parent provides\n  service "${service}"`);
      }
    }
    await this.#reporter.configure(this.globals.report);
    this.#heartbeat.configure(this.globals.heartbeatMs);

    /* 1. Model update: start nodes by (name, version), the last duplicate winning (§1.2). */
    const starts = startNodes(config, this.globals, this.out);
    let changedChildren = false;
    for (const [key, start] of starts) {
      const live = this.#children.find((c) => !c.abandoned && c.key === key);
      if (live !== undefined) this.#applyStartNode(live, start);
      else {
        this.#create(start);
        changedChildren = true;
      }
    }
    for (const child of this.children) {
      if (!starts.has(child.key)) {
        this.#abandon(child);
        changedChildren = true;
      }
    }
    if (previous.parentProvides.size !== this.globals.parentProvides.size
      || [...previous.parentProvides].some((s) => !this.globals.parentProvides.has(s))
      || previous.defaultRoute?.source !== this.globals.defaultRoute?.source
      || [...previous.aliases].some(([n, c]) => this.globals.aliases.get(n) !== c)) {
      this.#serverChanged = true;
    }

    /* 2. Restart loop. */
    for (;;) {
      for (const child of this.children) {
        if (child.restartScheduled || child.exited !== undefined) continue;
        if (this.#serverChanged || child.uncertainDependencies) this.#evaluateDependencies(child);
      }
      this.#serverChanged = false;
      await this.#teardownAbandoned();
      await this.#startChildren(starts);
      const restarts = [...starts.values()]
        .map((start) => this.#children.find((c) => !c.abandoned && c.key === childKey(start.stringAttribute('name', ''), start.stringAttribute('version', ''))))
        .filter((c): c is InitChild => c !== undefined && c.restartScheduled);
      if (restarts.length === 0) break;
      changedChildren = true;
      for (const child of restarts) {
        this.#abandon(child);
        this.#create(starts.get(child.key) as XmlNode);
      }
    }

    /* 3. Sessions init forwards to its children as a server (§2.9). */
    await this.#forwarder.update(this.globals.services);

    /* 4. Downgrades first, then upgrades (§3.6). */
    await this.#rebalance();

    /* 5. */
    if (changedChildren) await this.#reporter.immediate();
    else this.#reporter.trigger();
  }

  #routes(start: XmlNode): InitChild['routes'] {
    return routingTableOf(start, this.globals);
  }

  #create(start: XmlNode): InitChild {
    const name = start.stringAttribute('name', '');
    const child = new InitChild(++this.#ids, name, start.stringAttribute('version', ''), start, this.#routes(start));
    const config = start.child('config');
    if (config !== undefined) child.configRom = new LocalRom(this.#env, config.raw());
    child.child = new Child(this.#env, this.#policy(child), { name, binary: child.binary, ram: 0, caps: 0 });
    for (const service of providedServices(start)) this.#register(child, service);
    this.#children.push(child);
    return child;
  }

  #register(child: InitChild, name: string): void {
    const service = new ChildService(name, child);
    child.services.push(service);
    this.#services.push(service);
    this.#serverChanged = true;
  }

  #abandon(child: InitChild): void {
    child.abandoned = true;
    for (const service of child.services) service.abandoned = true;
    if (child.services.length > 0) this.#serverChanged = true;
  }

  #scheduleRestart(child: InitChild): void {
    child.restartScheduled = true;
    for (const service of child.services) service.abandoned = true;
  }

  /* §4.4: a changed start node of an existing child. */
  #applyStartNode(child: InitChild, start: XmlNode): void {
    if (child.restartScheduled || child.exited !== undefined || child.state === 'stuck') return;
    if (child.programSettled && (child.child.session(ENV_LOG) === undefined || child.child.session(ENV_BINARY) === undefined)) {
      child.state = 'stuck';
      return;
    }
    const old = child.startNode;
    if (start.raw() === old.raw()) return;
    child.startNode = start;
    const routes = this.#routes(start);
    if (routes?.source !== child.routes?.source) {
      child.routes = routes;
      child.uncertainDependencies = true;
    }
    if (binaryOf(old) !== binaryOf(start)) child.uncertainDependencies = true;
    const before = old.child('config');
    const after = start.child('config');
    if (before !== undefined && after !== undefined) {
      if (before.raw() !== after.raw()) child.configRom?.set(after.raw());
    } else if (before !== after) {
      if (after !== undefined) child.configRom = new LocalRom(this.#env, after.raw());
      child.uncertainDependencies = true;
    }
    const declared = providedServices(start);
    for (const service of child.services) {
      if (!service.abandoned && !declared.has(service.name)) {
        service.abandoned = true;
        this.#serverChanged = true;
      }
    }
    for (const name of declared) if (child.service(name) === undefined) this.#register(child, name);
  }

  /* §4.5: re-resolves every session; a changed route restarts the child, a missing one leaves it stuck. */
  #evaluateDependencies(child: InitChild): void {
    let unroutable = false;
    let changed = false;
    for (const session of child.child.sessions()) {
      const route = resolveRoute(this, child, { service: session.service, label: session.args.label, env: session.env, quiet: true });
      if (route.kind === 'deny') unroutable = true;
      else if (!sameRoute(route, session.route)) changed = true;
    }
    child.uncertainDependencies = false;
    if (unroutable) child.state = 'stuck';
    else if (changed || child.state === 'stuck') this.#scheduleRestart(child);
  }

  async #teardownAbandoned(): Promise<void> {
    const abandoned = this.#children.filter((c) => c.abandoned);
    if (abandoned.length === 0) return;
    this.#children = this.#children.filter((c) => !c.abandoned);
    this.#services = this.#services.filter((s) => !s.child.abandoned);
    for (const child of abandoned) {
      child.grantRequest = undefined;
      await child.child.kill();
    }
  }

  /* §4.3 try_start, in start-node order: PD and quota now, the program as its sessions arrive. */
  async #startChildren(starts: ReadonlyMap<string, XmlNode>): Promise<void> {
    for (const key of starts.keys()) {
      const child = this.#children.find((c) => !c.abandoned && c.key === key);
      if (child === undefined || child.state !== 'initial' || child.pdAttempted) continue;
      child.pdAttempted = true;
      const configured = this.#configured(child);
      child.assignedRam = configured.ram;
      child.assignedCaps = configured.caps;
      const own = await this.#env.pd.quota();
      const limit = { ram: own.ram.avail - this.globals.preserveRam, caps: own.caps.avail - this.globals.preserveCaps };
      if (limit.ram < 0) this.out.error('RAM preservation exceeds available memory');
      if (limit.caps < 0) this.out.error('Capability preservation exceeds available capabilities');
      const quota = initialTransfer(configured, { ram: Math.max(0, limit.ram), caps: Math.max(0, limit.caps) }, child.name, this.out, SESSION_COSTS);
      if (this.globals.verbose) {
        this.out.log(`child "${child.name}"\n  RAM quota:  ${quota.ram}\n  cap quota:  ${quota.caps}\n  ELF binary: ${child.binary}\n  priority:   ${child.startNode.integerAttribute('priority', 0)}`);
        for (const service of child.services) this.out.log(`  provides service ${service.name}`);
      }
      if (child.startNode.hasChild('affinity') && !this.globals.affinitySpace) {
        this.out.warning(`affinity-space configuration missing, but affinity defined for child ${child.name}`);
      }
      try {
        await child.child.startPd(quota);
      } catch (error) {
        this.out.error(error instanceof Error ? error.message : String(error));
        continue;
      }
      if (child.abandoned) continue;
      child.state = 'ram_initialized';
      /*
       * Env sessions at a child server may take a while (§4.3): such a child
       * has uncertain dependencies, and the update goes on without waiting.
       * Sessions at the parent are opened now, so that the next child's
       * quota is computed from what is really left.
       */
      child.uncertainDependencies = ['CPU', 'LOG', 'ROM'].some((service) =>
        resolveRoute(this, child, { service, label: child.name, env: true, quiet: true }).kind !== 'parent');
      if (!child.uncertainDependencies) await child.child.openEnvironment().catch(() => undefined);
      void child.child.startProgram().then(() => {
        if (!child.abandoned && child.state === 'ram_initialized') child.state = 'alive';
        this.#reporter.trigger();
      }, (error: unknown) => {
        if (child.abandoned || child.child.dying) return;
        child.uncertainDependencies = true;
        if (error instanceof RouteMissing || error instanceof ServiceDenied) this.out.error((error as Error).message);
        else this.out.error(`${child.name}: start failed: ${error instanceof Error ? error.message : String(error)}`);
        this.#reporter.trigger();
      }).finally(() => {
        child.programSettled = true;
      });
    }
  }

  #configured(child: InitChild): Configured {
    return configuredQuota(child.startNode, this.globals, this.out);
  }

  async #rebalance(): Promise<void> {
    const children = [...this.children].reverse().filter((c) => c.exited === undefined && c.child.pd !== undefined);
    for (const child of children) {
      const configured = this.#configured(child);
      if (configured.ram - ENV_RAM <= 0) this.out.warning(`${child.name}: no valid RAM quota defined`);
      if (configured.caps - ENV_CAPS <= 0) this.out.warning(`${child.name}: no valid capability quota defined`);
      await downgrade(this.#env, child, configured, this.out);
    }
    for (const child of children) {
      const own = await this.#env.pd.quota();
      const limit = {
        ram: Math.max(0, own.ram.avail - this.globals.preserveRam),
        caps: Math.max(0, own.caps.avail - this.globals.preserveCaps),
      };
      await upgrade(this.#env, child, this.#configured(child), limit, this.out, this.globals.verbose);
    }
  }

  /* ---------------------------------------------------------------- the parent side of each child */

  #policy(child: InitChild): ChildPolicy {
    return {
      resolve: (_c, request) => resolveRoute(this, child, { service: request.service, label: request.label, env: request.env }),
      announce: (_c, service) => {
        if (child.service(service) !== undefined) {
          if (this.globals.verbose) this.out.log(`child "${child.name}" announces service "${service}"`);
          return true;
        }
        this.out.error(`${child.name}: illegal announcement of service "${service}"`);
        return false;
      },
      exited: (_c, info: ExitInfo) => this.#exited(child, info),
      resourceRequest: (_c, args) => {
        this.out.log(`child "${child.name}" requests resources: ${args.toString()}`);
        child.requestedRam = args.ramQuota;
        child.requestedCaps = args.capQuota;
        void this.#reporter.immediate();
        return new Promise<void>((resolve) => { child.grantRequest = resolve; });
      },
      yieldResponse: () => {
        void downgrade(this.#env, child, this.#configured(child), this.out).then(() => this.#reporter.trigger());
      },
      heartbeatResponse: () => this.#heartbeat.responded(child),
      warning: (text) => this.out.warning(text),
      changed: () => this.#reporter.trigger(),
    };
  }

  #exited(child: InitChild, info: ExitInfo): void {
    if (child.abandoned) return;
    child.exited = info.code;
    if (child.startNode.child('exit')?.boolAttribute('propagate', false)) {
      this.#exitPropagated(info.code);
      return;
    }
    this.out.log(`child "${child.name}" exited with exit value ${info.code}`);
    void this.#reporter.immediate();
  }

  /** Kills every child, newest first (init's own destruction). */
  async destroy(): Promise<void> {
    this.#heartbeat.configure(undefined);
    for (const child of [...this.#children].reverse()) {
      child.abandoned = true;
      await child.child.kill();
    }
    this.#children = [];
    this.#services = [];
  }
}
