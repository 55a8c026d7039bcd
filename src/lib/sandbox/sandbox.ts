/*
 * Sandbox: init's engine. It turns a configuration into running children,
 * routes their session requests and applies every new version of the
 * configuration as a difference: new start nodes start, removed ones are
 * torn down, changed inline configs are updated in place
 * (spec/init.md §1, §2, §3.2, §4).
 */

import {
  Child, ENV_CAPS, ENV_RAM, SESSION_COSTS, ServiceDenied, lastElement,
  type ChildPolicy, type Env, type ExitInfo, type Route, type SessionRequest, type XmlNode,
} from 'nido';
import { ConfigRom } from './config_rom.js';
import { InitChild, binaryOf, childKey } from './init_child.js';
import { StateReporter } from './state_reporter.js';
import { mixesLabelScopes, parseRoute, ruleMatches, serverLabel, type RouteRule, type RouteTarget } from './route_model.js';

/** How init reports what happens (its LOG, with Genode's colours for warnings and errors). */
export interface SandboxOutput {
  log(text: string): void;
  warning(text: string): void;
  error(text: string): void;
}

const DEFAULT_PRESERVE_RAM = 40 * 8 * 1024;
const DEFAULT_PRESERVE_CAPS = 20;
/* init's own per-child capability costs (spec/init.md §3.2). */
const INIT_CHILD_CAPS = 6;

export class Sandbox {
  readonly #env: Env;
  readonly #out: SandboxOutput;
  /** Children in creation order (the state report lists them newest first). */
  #children: InitChild[] = [];
  readonly #aliases = new Map<string, string>();
  #parentProvides = new Set<string>();
  #defaultRoute: RouteRule[] | undefined;
  #defaultRam = 0;
  #defaultCaps = 0;
  #preserveRam = DEFAULT_PRESERVE_RAM;
  #preserveCaps = DEFAULT_PRESERVE_CAPS;
  #verbose = false;
  #ids = 0;
  /** Serialises config updates: one is applied completely before the next. */
  #applying: Promise<void> = Promise.resolve();
  readonly #exitPropagated: (code: number) => void;
  readonly #reporter: StateReporter;
  #version = '';

  constructor(env: Env, output: SandboxOutput, exitPropagated: (code: number) => void) {
    this.#env = env;
    this.#out = output;
    this.#exitPropagated = exitPropagated;
    this.#reporter = new StateReporter(env, this);
  }

  /** The config's version attribute (copied into the state report). */
  get version(): string {
    return this.#version;
  }

  /** The live children, in creation order. */
  get children(): readonly InitChild[] {
    return this.#children.filter((c) => !c.abandoned);
  }

  get aliases(): ReadonlyMap<string, string> {
    return this.#aliases;
  }

  /** Applies a configuration (queued behind one being applied). */
  apply(config: XmlNode): Promise<void> {
    this.#applying = this.#applying.then(() => this.#apply(config), (error: unknown) => {
      this.#out.error(`config update failed: ${(error as Error).message}`);
    });
    return this.#applying;
  }

  async #apply(config: XmlNode): Promise<void> {
    this.#readGlobals(config);
    await this.#reporter.configure(config.children('report').at(-1));

    /* Start nodes by (name, version); the last of duplicates wins (spec §1.2). */
    const starts = new Map<string, XmlNode>();
    for (const start of config.children('start')) {
      const name = start.stringAttribute('name', '');
      if (name === '') {
        this.#out.warning(`missing 'name' attribute in '<start>' entry`);
        this.#out.warning('skipped startup of nameless child');
        this.#out.error('child creation failed');
        continue;
      }
      starts.set(childKey(name, start.stringAttribute('version', '')), start);
    }

    /* Removed start nodes and changed identities abandon their children; changed nodes are applied. */
    const live = new Map(this.children.map((c) => [c.key, c]));
    const restart: InitChild[] = [];
    for (const child of this.children) {
      const start = starts.get(child.key);
      if (start === undefined || this.#aliases.has(child.name)) {
        child.abandoned = true;
      } else if (start.raw() !== child.startNode.raw()) {
        if (this.#applyStartNode(child, start)) restart.push(child);
      }
    }
    for (const child of restart) {
      child.abandoned = true;
      live.delete(child.key);
    }

    /* Tear down first, so that freed quota is available to new children (spec §4.6). */
    const abandoned = this.#children.filter((c) => c.abandoned);
    this.#children = this.#children.filter((c) => !c.abandoned);
    await Promise.all(abandoned.map((c) => c.child.kill()));

    let created = false;
    for (const [key, start] of starts) {
      if (live.has(key) || this.#aliases.has(start.stringAttribute('name', ''))) continue;
      await this.#create(start);
      created = true;
    }
    if (created || abandoned.length > 0) await this.#reporter.immediate();
    else this.#reporter.trigger();
  }

  #readGlobals(config: XmlNode): void {
    this.#verbose = config.boolAttribute('verbose', false);
    this.#version = config.stringAttribute('version', '');
    const provides = config.children('parent-provides').at(-1);
    const services = new Set<string>();
    for (const service of provides?.children('service') ?? []) services.add(service.stringAttribute('name', ''));
    if (this.#verbose) for (const s of services) if (!this.#parentProvides.has(s)) this.#out.log(`parent provides\n  service "${s}"`);
    this.#parentProvides = services;
    const defaultRoute = config.children('default-route').at(-1);
    this.#defaultRoute = defaultRoute === undefined ? undefined : parseRoute(defaultRoute);
    const defaults = config.children('default').at(-1);
    this.#defaultRam = defaults?.numBytesAttribute('ram', 0) ?? 0;
    this.#defaultCaps = defaults?.naturalAttribute('caps', 0) ?? 0;
    this.#preserveRam = DEFAULT_PRESERVE_RAM;
    this.#preserveCaps = DEFAULT_PRESERVE_CAPS;
    for (const resource of config.children('resource')) {
      const name = resource.stringAttribute('name', '');
      if (name === 'RAM') this.#preserveRam = resource.numBytesAttribute('preserve', DEFAULT_PRESERVE_RAM);
      else if (name === 'CAP') this.#preserveCaps = resource.naturalAttribute('preserve', DEFAULT_PRESERVE_CAPS);
      else this.#out.error(`invalid <resource name="${name}"> (expected RAM or CAP)`);
    }
    this.#aliases.clear();
    for (const alias of config.children('alias')) {
      const name = alias.stringAttribute('name', '');
      const child = alias.attribute('child');
      if (child === undefined) this.#out.warning(`alias node "${name}" lacks child attribute`);
      else this.#aliases.set(name, child);
    }
  }

  /* Applies a changed start node to a running child; true means it needs a restart. */
  #applyStartNode(child: InitChild, start: XmlNode): boolean {
    const old = child.startNode;
    if (child.exited !== undefined) {
      child.startNode = start;
      return false;
    }
    const restart = binaryOf(old) !== binaryOf(start)
      || (old.child('route')?.raw() ?? '') !== (start.child('route')?.raw() ?? '')
      || old.hasChild('config') !== start.hasChild('config');
    child.startNode = start;
    if (restart) return true;
    const config = start.child('config');
    if (config !== undefined && config.raw() !== old.child('config')?.raw()) child.configRom?.set(config.raw());
    return false;
  }

  #configured(start: XmlNode): { ram: number; caps: number } {
    let ram = start.numBytesAttribute('ram', this.#defaultRam);
    let caps = start.naturalAttribute('caps', this.#defaultCaps);
    for (const resource of start.children('resource')) {
      const name = resource.stringAttribute('name', '');
      if (name === 'RAM') {
        if (ram !== 0) this.#out.warning(`${start.stringAttribute('name', '')}: ambigious RAM-quota definition`);
        ram = resource.numBytesAttribute('quantum', ram);
      } else if (name === 'CAP') {
        caps = resource.naturalAttribute('quantum', caps);
      }
    }
    return { ram, caps };
  }

  async #create(start: XmlNode): Promise<void> {
    const name = start.stringAttribute('name', '');
    const version = start.stringAttribute('version', '');
    const routeNode = start.child('route');
    const routes = routeNode !== undefined ? parseRoute(routeNode) : this.#defaultRoute;
    const child = new InitChild(++this.#ids, name, version, start, routes);
    const configured = this.#configured(start);
    child.assignedRam = configured.ram;
    child.assignedCaps = configured.caps;

    /* Initial assignment (spec §3.2). */
    const own = await this.#env.pd.quota();
    const ramLimit = Math.max(0, own.ram.avail - this.#preserveRam - ENV_RAM);
    const capLimit = Math.max(0, own.caps.avail - this.#preserveCaps - ENV_CAPS);
    let ram = Math.max(0, configured.ram - ENV_RAM - 16 * SESSION_COSTS);
    let caps = Math.max(0, configured.caps - ENV_CAPS - INIT_CHILD_CAPS);
    if (ram > ramLimit) {
      this.#out.warning(`${name}: configured RAM exceeds available RAM, proceed with ${ramLimit}`);
      ram = ramLimit;
    }
    if (caps > capLimit) {
      this.#out.warning(`${name}: configured caps exceed available caps, proceed with ${capLimit}`);
      caps = capLimit;
    }
    if (this.#verbose) {
      this.#out.log(`child "${name}"\n  RAM quota:  ${ram}\n  cap quota:  ${caps}\n  ELF binary: ${child.binary}`);
      for (const service of child.provides) this.#out.log(`  provides service ${service}`);
    }
    const config = start.child('config');
    if (config !== undefined) child.configRom = new ConfigRom(this.#env, config.raw());
    child.child = new Child(this.#env, this.#policy(child), { name, binary: child.binary, ram, caps });
    this.#children.push(child);
    child.state = 'incomplete';
    /* Children start concurrently: one waiting for a server must not hold up the others. */
    void child.child.start().then(() => {
      if (child.child.exit === undefined) child.state = 'alive';
      this.#reporter.trigger();
    }, (error: unknown) => {
      if (child.abandoned) return;
      this.#out.error(error instanceof ServiceDenied ? (error as Error).message : `${name}: start failed: ${(error as Error).message}`);
    });
  }

  #policy(child: InitChild): ChildPolicy {
    return {
      resolve: (_c, request) => this.#resolve(child, request),
      announce: (_c, service) => {
        if (child.provides.has(service)) {
          if (this.#verbose) this.#out.log(`child "${child.name}" announces service "${service}"`);
          return true;
        }
        this.#out.error(`${child.name}: illegal announcement of service "${service}"`);
        return false;
      },
      exited: (_c, info: ExitInfo) => this.#exited(child, info),
      resourceRequest: (_c, args) => {
        this.#out.log(`child "${child.name}" requests resources: ${args.toString()}`);
        return new Promise<void>(() => undefined);
      },
      warning: (text) => this.#out.warning(text),
      changed: () => this.#reporter.trigger(),
    };
  }

  #exited(child: InitChild, info: ExitInfo): void {
    child.exited = info.code;
    if (child.startNode.child('exit')?.boolAttribute('propagate', false)) {
      this.#exitPropagated(info.code);
      return;
    }
    this.#out.log(`child "${child.name}" exited with exit value ${info.code}`);
    void this.#reporter.immediate();
  }

  /* ---------------------------------------------------------------- routing (spec §2.3–2.5) */

  #resolve(child: InitChild, request: SessionRequest): Route {
    const { service } = request;
    let label = request.label;
    if (service === 'ROM') {
      const config = child.startNode.child('config');
      if (lastElement(label) === 'config' && config !== undefined && child.configRom !== undefined) {
        return { kind: 'local', root: child.configRom, label };
      }
      if (request.env && label === child.name && child.binary !== child.name) label = child.binary;
      else if (label === 'ld.lib.so' && child.startNode.stringAttribute('ld', 'yes') === 'no') label = child.binary;
    }
    const routes = child.routes;
    if (routes === undefined) return { kind: 'deny' };
    for (const rule of routes) {
      if (mixesLabelScopes(rule)) this.#out.warning('service node contains both scoped and unscoped label attributes');
      if (!ruleMatches(rule, child.name, service, label)) continue;
      for (const target of rule.targets) {
        const route = this.#target(child, target, service, label);
        if (route !== undefined) return route;
      }
      if (!rule.any) return { kind: 'deny' };
    }
    this.#out.warning(`${child.name}: no route to service "${service}" (label="${label}")`);
    return { kind: 'deny' };
  }

  #target(child: InitChild, target: RouteTarget, service: string, label: string): Route | undefined {
    const rewritten = serverLabel(target, label);
    switch (target.kind) {
      case 'parent':
        return this.#parentProvides.has(service) ? { kind: 'parent', label: rewritten } : undefined;
      case 'child': {
        const name = this.#aliases.get(target.name) ?? target.name;
        const server = this.children.filter((c) => c.name === name && c.provides.has(service)).at(-1);
        return server === undefined ? undefined : { kind: 'child', server: server.child, label: rewritten };
      }
      case 'any-child': {
        const servers = this.children.filter((c) => c.provides.has(service));
        if (servers.length > 1) {
          this.#out.error(`${child.name}: ambiguous routes to service "${service}"`);
          return undefined;
        }
        const server = servers[0];
        return server === undefined ? undefined : { kind: 'child', server: server.child, label: rewritten };
      }
      case 'local':
        return undefined;
    }
  }

  /** Kills every child, newest first (init's own destruction). */
  async destroy(): Promise<void> {
    for (const child of [...this.#children].reverse()) {
      child.abandoned = true;
      await child.child.kill();
    }
    this.#children = [];
  }
}
