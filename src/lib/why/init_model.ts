/*
 * An init as its config describes it, before anything runs: the children
 * init would create (start-node selection of sandbox.ts), the services
 * they declare in registration order, and the routing decision of
 * sandbox/route_decision.ts on those facts. `nido why` asks it the
 * questions init answers at run time.
 *
 *   const model = new InitModel(parseXml(text, { source: 'config' }), { source: 'boot/config', label: 'init' });
 *   model.decide(model.child('a'), { service: 'LOG', label: 'a', env: true }).outcome
 */

import type { XmlNode } from 'nido';
import { readGlobals, routingTableOf, startNodes, type Globals } from '../sandbox/config_model.js';
import { binaryOf, providedServices } from '../sandbox/init_child.js';
import { decideRoute, type RouteDecision, type RouteDiagnostic, type RouteRequest, type RoutingFacts, type RoutingTable } from '../sandbox/route_decision.js';

export interface StaticChild {
  readonly name: string;
  readonly version: string;
  readonly start: XmlNode;
  readonly binary: string;
  readonly routes: RoutingTable | undefined;
  /** Its position among the children init creates (0: first). */
  readonly index: number;
}

/** A declared service: a child's `<provides><service name>`. */
export interface StaticService {
  readonly name: string;
  readonly abandoned: boolean;
  readonly child: StaticChild;
}

export interface InitModelOptions {
  /** The file the config was read from, as the user named it (for `file:line`). */
  readonly source: string;
  /** The init's own label as its parent's services see it ("init", "init -> sub"). */
  readonly label: string;
  /** The enclosing init and the child this init is in it (undefined for the top-level init). */
  readonly parent?: { readonly model: InitModel; readonly child: StaticChild };
}

export class InitModel {
  readonly config: XmlNode;
  readonly source: string;
  readonly label: string;
  readonly parent: InitModelOptions['parent'];
  readonly globals: Globals;
  /** What init would log while reading the config (warnings and errors), in order. */
  readonly messages: readonly RouteDiagnostic[];
  /** The children init creates, in creation order. */
  readonly children: readonly StaticChild[];
  /** Declared services in registration order. */
  readonly services: readonly StaticService[];
  readonly #facts: RoutingFacts<StaticService>;

  constructor(config: XmlNode, options: InitModelOptions) {
    this.config = config;
    this.source = options.source;
    this.label = options.label;
    this.parent = options.parent;
    const messages: RouteDiagnostic[] = [];
    const out = {
      warning: (text: string) => messages.push({ level: 'warning', text }),
      error: (text: string) => messages.push({ level: 'error', text }),
    };
    this.globals = readGlobals(config, out);
    const children: StaticChild[] = [];
    const services: StaticService[] = [];
    for (const start of startNodes(config, this.globals, out).values()) {
      const child: StaticChild = {
        name: start.stringAttribute('name', ''),
        version: start.stringAttribute('version', ''),
        start,
        binary: binaryOf(start),
        routes: routingTableOf(start, this.globals),
        index: children.length,
      };
      children.push(child);
      for (const name of providedServices(start)) services.push({ name, abandoned: false, child });
    }
    this.messages = messages;
    this.children = children;
    this.services = services;
    this.#facts = {
      parentProvides: this.globals.parentProvides,
      aliases: this.globals.aliases,
      services,
      hasChild: (name) => this.child(name) !== undefined,
    };
  }

  child(name: string): StaticChild | undefined {
    return this.children.find((child) => child.name === name);
  }

  /** Where init would send `child`'s request (sandbox/route_decision.ts). */
  decide(child: StaticChild, request: RouteRequest): RouteDecision<StaticService> {
    return decideRoute(this.#facts, { name: child.name, binary: child.binary, inlineConfig: child.start.hasChild('config'), routes: child.routes }, request);
  }

  /** `file:line` of a node of this config. */
  place(node: XmlNode): string {
    return `${this.source}:${node.line}`;
  }

  /** The label a session of this init's child `name` carries at the top-level init's parent (core). */
  outerLabel(label: string): string {
    return `${this.label} -> ${label}`;
  }
}
