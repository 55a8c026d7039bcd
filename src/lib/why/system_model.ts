/*
 * A boot directory's system as its configs describe it: the top-level
 * init, the inits nested in it (a child whose binary is `init`, its config
 * inline or a ROM module), and where a session request travels: up through
 * the parents, down into a nested init's `<service>` forwarding (spec/init.md
 * §2.9), to the server that finally takes it, and which of that server's
 * `<policy>` nodes applies (§2.8).
 */

import { labelElements, lastElement, parseXml, selectPolicy, XmlParseError, type XmlNode } from 'nido';
import { forwardingDecision, type ForwardingDecision } from '../sandbox/service_forwarder.js';
import type { RouteDecision, RouteRequest } from '../sandbox/route_decision.js';
import { InitModel, type StaticChild, type StaticService } from './init_model.js';

/** A ROM module core would hand out. */
export interface RomModule {
  /** Where it comes from, for the reader: "boot/hello.js", "components/dummy.js (shipped with Nido)". */
  readonly where: string;
  readonly text: string;
}

/** What the host knows that the configs do not say (the CLI provides it). */
export interface WhyHost {
  /** The services of init's parent, core. */
  readonly coreServices: ReadonlySet<string>;
  /** The ROM module core's ROM service hands out under `name`, or undefined when it has none. */
  rom(name: string): Promise<RomModule | undefined>;
  /** What core gives the top-level init (nido run's --ram and --caps). */
  readonly initQuota: { readonly ram: number; readonly caps: number };
}

export type Hop =
  | { readonly kind: 'route'; readonly model: InitModel; readonly child: StaticChild; readonly decision: RouteDecision<StaticService> }
  | { readonly kind: 'forward'; readonly model: InitModel; readonly service: string; readonly label: string; readonly decision: ForwardingDecision<StaticService> };

/** The config a server reads: a node and the file it stands in. */
export interface ServerConfig {
  readonly node: XmlNode;
  readonly source: string;
}

export type PolicyAnswer =
  | { readonly kind: 'policy'; readonly config: ServerConfig; readonly node: XmlNode }
  | { readonly kind: 'none'; readonly config: ServerConfig; readonly policies: number }
  | { readonly kind: 'no-policies'; readonly config: ServerConfig }
  | { readonly kind: 'unknown'; readonly reason: string };

export type Destination =
  | { readonly kind: 'core'; readonly service: string; readonly label: string; readonly provided: boolean; readonly module: RomModule | undefined }
  | { readonly kind: 'config'; readonly model: InitModel; readonly child: StaticChild; readonly node: XmlNode }
  | { readonly kind: 'server'; readonly model: InitModel; readonly child: StaticChild; readonly service: string; readonly label: string; readonly policy: PolicyAnswer | undefined }
  | { readonly kind: 'denied' }
  | { readonly kind: 'pending'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface Trace {
  readonly hops: readonly Hop[];
  readonly destination: Destination;
}

/* No real system nests or forwards deeper; a config that loops (a's config served by b's, b's by a's) stops here. */
const MAX_HOPS = 64;

export type ConfigOf = { readonly kind: 'known'; readonly config: ServerConfig } | { readonly kind: 'unknown'; readonly reason: string };

export class SystemModel {
  readonly top: InitModel;
  readonly host: WhyHost;
  readonly #nested = new Map<StaticChild, Promise<InitModel | string>>();
  readonly #resolving = new Set<StaticChild>();

  constructor(top: InitModel, host: WhyHost) {
    this.top = top;
    this.host = host;
  }

  /**
   * The child a path names: "a", "init -> a", "sub -> b" or "init -> sub -> b"
   * (child b of the nested init sub).
   */
  async locateChild(path: string): Promise<{ readonly ok: true; readonly model: InitModel; readonly child: StaticChild } | { readonly ok: false; readonly reason: string }> {
    const elements = labelElements(path);
    if (elements.length > 1 && elements[0] === this.top.label && this.top.child(this.top.label) === undefined) elements.shift();
    let model = this.top;
    for (let i = 0; ; i++) {
      const name = elements[i] ?? '';
      const child = model.child(name);
      if (child === undefined) {
        const names = model.children.map((c) => c.name);
        return { ok: false, reason: `${model.label} (${model.source}) has no child "${name}"${names.length === 0 ? '' : ` (its children: ${names.join(', ')})`}` };
      }
      if (i === elements.length - 1) return { ok: true, model, child };
      if (child.binary !== 'init') return { ok: false, reason: `"${name}" (${model.place(child.start)}) is no init (its binary is ${child.binary}): it has no children in the configs` };
      const nested = await this.nested(model, child);
      if (typeof nested === 'string') return { ok: false, reason: nested };
      model = nested;
    }
  }

  /** Where `child`'s config ROM comes from, and its content when the configs say it. */
  async configOf(model: InitModel, child: StaticChild, depth = 0): Promise<ConfigOf> {
    const trace = await this.trace(model, child, { service: 'ROM', label: `${child.name} -> config`, env: false }, { policies: false, depth });
    const destination = trace.destination;
    switch (destination.kind) {
      case 'config':
        /* Not always `child`'s own: a request passed up is served by the inline config of the child it passes. */
        return { kind: 'known', config: { node: destination.node, source: destination.model.source } };
      case 'core': {
        const module = destination.module;
        if (module === undefined) return { kind: 'unknown', reason: `its config ROM "${lastElement(destination.label)}" is no ROM module core has` };
        try {
          return { kind: 'known', config: { node: parseXml(module.text, { source: module.where }), source: module.where } };
        } catch (error) {
          if (error instanceof XmlParseError) return { kind: 'unknown', reason: `its config ROM is malformed: ${error.message}` };
          throw error;
        }
      }
      case 'server':
        return { kind: 'unknown', reason: `its config ROM comes from child "${destination.child.name}" at run time` };
      case 'denied':
        return { kind: 'unknown', reason: 'its config ROM request is denied' };
      case 'pending':
      case 'unknown':
        return { kind: 'unknown', reason: `its config ROM: ${destination.reason}` };
    }
  }

  /** The init that `child` (binary `init`) is, with its config; a string says why it is unknown. */
  async nested(model: InitModel, child: StaticChild, depth = 0): Promise<InitModel | string> {
    /* Its config is asked for on the way to its config: they refer to each other. */
    if (this.#resolving.has(child) || depth > MAX_HOPS) return `the config of init "${child.name}" comes from a server that needs it`;
    let known = this.#nested.get(child);
    if (known === undefined) {
      this.#resolving.add(child);
      known = this.configOf(model, child, depth).then((config) => config.kind === 'unknown'
        ? `the config of init "${child.name}" is unknown: ${config.reason}`
        : new InitModel(config.config.node, { source: config.config.source, label: model.outerLabel(child.name), parent: { model, child } }));
      this.#nested.set(child, known);
      try {
        return await known;
      } finally {
        this.#resolving.delete(child);
      }
    }
    return known;
  }

  /**
   * Follows a request of `child` of `model` to where it ends: each init's
   * routing on the way (up to core, or down into nested inits' `<service>`
   * forwarding) and, with `policies`, the policy of the server that takes it.
   */
  async trace(model: InitModel, child: StaticChild, request: RouteRequest, options: { policies: boolean; depth?: number }): Promise<Trace> {
    const hops: Hop[] = [];
    const depth = options.depth ?? 0;
    const end = (destination: Destination): Trace => ({ hops, destination });
    if (depth > MAX_HOPS) return end({ kind: 'unknown', reason: 'the configs refer to each other in a loop' });
    let at = model;
    let from = child;
    let asked = request;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const decision = at.decide(from, asked);
      hops.push({ kind: 'route', model: at, child: from, decision });
      const outcome = decision.outcome;
      switch (outcome.kind) {
        case 'deny':
          return end({ kind: 'denied' });
        case 'config':
          return end({ kind: 'config', model: at, child: from, node: from.start.child('config') as XmlNode });
        case 'parent': {
          const parent = at.parent;
          if (parent === undefined) {
            const provided = this.host.coreServices.has(asked.service);
            const module = provided && asked.service === 'ROM' ? await this.host.rom(lastElement(outcome.label)) : undefined;
            return end({ kind: 'core', service: asked.service, label: at.outerLabel(outcome.label), provided, module });
          }
          /* The nested init asks its parent as one of its children asks it: labelled with its name. */
          asked = { service: asked.service, label: `${parent.child.name} -> ${outcome.label}`, env: false };
          at = parent.model;
          from = parent.child;
          continue;
        }
        case 'child':
          return end(await this.#serve(hops, at, outcome.service.child, asked.service, outcome.label, options.policies, depth));
      }
    }
    return end({ kind: 'unknown', reason: 'the request goes round in a loop' });
  }

  /* The request arrives at `server` of `model`: a nested init forwards it (§2.9), another server takes it. */
  async #serve(hops: Hop[], model: InitModel, server: StaticChild, service: string, label: string, policies: boolean, depth: number): Promise<Destination> {
    let at = model;
    let serving = server;
    let serverLabel = label;
    for (let hop = 0; hop < MAX_HOPS && serving.binary === 'init'; hop++) {
      const nested = await this.nested(at, serving, depth + 1);
      if (typeof nested === 'string') return { kind: 'unknown', reason: nested };
      const decision = forwardingDecision(nested.globals.services, nested.services, service, serverLabel);
      hops.push({ kind: 'forward', model: nested, service, label: serverLabel, decision });
      switch (decision.kind) {
        case 'no-service-node':
          return { kind: 'pending', reason: `init "${serving.name}" has no <service name="${service}"> node: it keeps the request pending` };
        case 'no-policy':
        case 'no-child':
          return { kind: 'denied' };
        case 'no-server':
          return { kind: 'pending', reason: `init "${serving.name}" has no child "${decision.name}" providing ${service}: it keeps the request pending until one appears` };
        case 'forward':
          at = nested;
          serving = decision.server.child;
          serverLabel = decision.label;
      }
    }
    const policy = policies ? await this.policyOf(at, serving, serverLabel, depth + 1) : undefined;
    return { kind: 'server', model: at, child: serving, service, label: serverLabel, policy };
  }

  /** Which `<policy>` of `server`'s config applies to `label` (util/policy.ts, spec/init.md §2.8). */
  async policyOf(model: InitModel, server: StaticChild, label: string, depth = 0): Promise<PolicyAnswer> {
    const config = await this.configOf(model, server, depth);
    if (config.kind === 'unknown') return { kind: 'unknown', reason: config.reason };
    const node = config.config.node;
    const policies = node.children('policy').length + node.children('default-policy').length;
    if (policies === 0) return { kind: 'no-policies', config: config.config };
    const chosen = selectPolicy(node, label);
    if (chosen === undefined) return { kind: 'none', config: config.config, policies };
    return { kind: 'policy', config: config.config, node: chosen };
  }
}
