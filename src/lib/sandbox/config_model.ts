/*
 * The global settings of init's config (spec/init.md §1.2–§1.11): read
 * anew on every update, each singleton node's last occurrence winning,
 * and reset to its default when the node disappears.
 */

import type { XmlNode } from 'nido';
import { childKey } from './init_child.js';
import type { RoutingTable } from './route_decision.js';
import { parseRoute } from './route_model.js';

export const DEFAULT_PRESERVE_RAM = 40 * 8 * 1024;
export const DEFAULT_PRESERVE_CAPS = 20;

export interface Globals {
  readonly version: string;
  readonly verbose: boolean;
  readonly parentProvides: ReadonlySet<string>;
  readonly defaultRoute: RoutingTable | undefined;
  readonly defaultRam: number;
  readonly defaultCaps: number;
  readonly preserveRam: number;
  readonly preserveCaps: number;
  readonly aliases: ReadonlyMap<string, string>;
  readonly report: XmlNode | undefined;
  /** Period of heartbeat monitoring, undefined without `<heartbeat>`. */
  readonly heartbeatMs: number | undefined;
  readonly affinitySpace: boolean;
  readonly prioLevels: number;
  /** `<service>` nodes: init serving its own parent (§1.8). */
  readonly services: readonly XmlNode[];
}

export interface GlobalsOutput {
  warning(text: string): void;
  error(text: string): void;
}

export function readGlobals(config: XmlNode, out: GlobalsOutput): Globals {
  const last = (type: string) => config.children(type).at(-1);
  const parentProvides = new Set<string>();
  for (const service of last('parent-provides')?.children('service') ?? []) {
    const name = service.stringAttribute('name', '');
    if (name !== '') parentProvides.add(name);
  }
  const routeNode = last('default-route');
  const defaults = last('default');
  let preserveRam = DEFAULT_PRESERVE_RAM;
  let preserveCaps = DEFAULT_PRESERVE_CAPS;
  for (const resource of config.children('resource')) {
    const name = resource.stringAttribute('name', '');
    if (name === 'RAM') preserveRam = resource.numBytesAttribute('preserve', DEFAULT_PRESERVE_RAM);
    else if (name === 'CAP') preserveCaps = resource.naturalAttribute('preserve', DEFAULT_PRESERVE_CAPS);
    else out.error(`invalid <resource name="${name}"> at line ${resource.line} (expected RAM or CAP)`);
  }
  const aliases = new Map<string, string>();
  for (const alias of config.children('alias')) {
    const name = alias.stringAttribute('name', '');
    const child = alias.attribute('child');
    if (child === undefined) out.warning(`alias node "${name}" lacks child attribute`);
    else aliases.set(name, child);
  }
  let prioLevels = config.naturalAttribute('prio_levels', 0);
  if (prioLevels !== 0 && (prioLevels & (prioLevels - 1)) !== 0) {
    out.warning('prio levels is not power of two, priorities are disabled');
    prioLevels = 0;
  }
  const heartbeat = last('heartbeat');
  return {
    version: config.stringAttribute('version', ''),
    verbose: config.boolAttribute('verbose', false),
    parentProvides,
    defaultRoute: routeNode === undefined ? undefined : { rules: parseRoute(routeNode), source: routeNode.raw(), node: routeNode },
    defaultRam: defaults?.numBytesAttribute('ram', 0) ?? 0,
    defaultCaps: defaults?.naturalAttribute('caps', 0) ?? 0,
    preserveRam,
    preserveCaps,
    aliases,
    report: last('report'),
    heartbeatMs: heartbeat === undefined ? undefined : Math.max(1, heartbeat.naturalAttribute('rate_ms', 1000)),
    affinitySpace: config.hasChild('affinity-space'),
    prioLevels,
    services: config.children('service'),
  };
}

/** The RAM and caps a start node asks for (`ram`/`caps`, `<default>`, or the old `<resource quantum>`, §1.14). */
export function configuredQuota(start: XmlNode, globals: Globals, out: GlobalsOutput): { ram: number; caps: number } {
  let ram = start.numBytesAttribute('ram', globals.defaultRam);
  let caps = start.naturalAttribute('caps', globals.defaultCaps);
  for (const resource of start.children('resource')) {
    const name = resource.stringAttribute('name', '');
    if (name === 'RAM') {
      if (ram !== 0) out.warning(`${start.stringAttribute('name', '')}: ambigious RAM-quota definition`);
      ram = resource.numBytesAttribute('quantum', ram);
    } else if (name === 'CAP') {
      caps = resource.naturalAttribute('quantum', caps);
    }
  }
  return { ram, caps };
}

/**
 * The start nodes that make children, by (name, version) in document
 * order, the last duplicate's content winning (§1.2); nameless ones are
 * skipped with init's messages, names taken by an `<alias>` ignored.
 */
export function startNodes(config: XmlNode, globals: Globals, out: GlobalsOutput): Map<string, XmlNode> {
  const starts = new Map<string, XmlNode>();
  for (const start of config.children('start')) {
    const name = start.stringAttribute('name', '');
    if (name === '') {
      out.warning(`missing 'name' attribute in '<start>' entry`);
      out.warning('skipped startup of nameless child');
      out.error('child creation failed');
      continue;
    }
    if (globals.aliases.has(name)) continue;
    starts.set(childKey(name, start.stringAttribute('version', '')), start);
  }
  return starts;
}

/** A child's routing table: its `<route>`, else the config's `<default-route>`, else none (§1.4). */
export function routingTableOf(start: XmlNode, globals: Globals): RoutingTable | undefined {
  const route = start.child('route');
  if (route !== undefined) return { rules: parseRoute(route), source: route.raw(), node: route };
  return globals.defaultRoute;
}
