/*
 * One init's config as the checks see it (spec/init.md §1): its children
 * with binary, quota, services and routing table, its aliases and what its
 * parent provides; every part keeps its node for the findings' places.
 * Singleton nodes count as init counts them: the last one.
 */

import { parseNumBytes } from '../../util/num_bytes.js';
import type { XmlNode } from '../../util/xml.js';
import { parseRoute } from '../sandbox/route_model.js';
import type { RuleLabels, Rewriting } from './label_pattern.js';

export interface TargetModel extends Rewriting {
  readonly node: XmlNode;
  readonly kind: 'parent' | 'child' | 'any-child' | 'local';
  /** The child or alias of a `<child>` target. */
  readonly name: string;
}

export interface RuleModel extends RuleLabels {
  readonly node: XmlNode;
  /** `<any-service>` rather than `<service name>`. */
  readonly any: boolean;
  readonly service: string;
  readonly targets: readonly TargetModel[];
}

export interface RoutingTable {
  /** `<route>` or `<default-route>`. */
  readonly node: XmlNode;
  readonly rules: readonly RuleModel[];
}

export interface ChildModel {
  readonly name: string;
  readonly node: XmlNode;
  readonly binary: string;
  /** Where the binary is named: `<binary>` or the start node. */
  readonly binaryNode: XmlNode;
  readonly provides: ReadonlyMap<string, XmlNode>;
  /** undefined: neither `<route>` nor `<default-route>`, every request is denied. */
  readonly routes: RoutingTable | undefined;
  readonly ram: number;
  readonly caps: number;
  /** The inline `<config>`. */
  readonly config: XmlNode | undefined;
}

export interface InitModel {
  readonly config: XmlNode;
  /** The services of the last `<parent-provides>`, with their nodes; undefined without one. */
  readonly parentProvides: ReadonlyMap<string, XmlNode> | undefined;
  readonly parentProvidesNode: XmlNode | undefined;
  readonly defaultRoute: RoutingTable | undefined;
  readonly children: ReadonlyMap<string, ChildModel>;
  readonly aliases: ReadonlyMap<string, { readonly child: string; readonly node: XmlNode }>;
  /** init's own RAM and caps kept back (`<resource preserve>`, §1.10). */
  readonly preserveRam: number;
  readonly preserveCaps: number;
}

export const DEFAULT_PRESERVE_RAM = 40 * 8 * 1024;
export const DEFAULT_PRESERVE_CAPS = 20;

/* The rules as init reads them (src/lib/sandbox/route_model.ts): the check and init parse one way. */
export function routingTable(node: XmlNode): RoutingTable {
  return { node, rules: parseRoute(node) };
}

function natural(value: string | undefined, fallback: number): number {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : fallback;
}

/** The RAM and caps a start node asks for: `ram`/`caps`, `<default>`, or the older `<resource quantum>` (§1.14). */
export function startQuota(start: XmlNode, defaults: XmlNode | undefined): { ram: number; caps: number; ramResource: XmlNode | undefined } {
  let ram = start.numBytesAttribute('ram', defaults?.numBytesAttribute('ram', 0) ?? 0);
  let caps = start.naturalAttribute('caps', defaults?.naturalAttribute('caps', 0) ?? 0);
  let ramResource: XmlNode | undefined;
  for (const resource of start.children('resource')) {
    const name = resource.stringAttribute('name', '');
    if (name === 'RAM') {
      ramResource = resource;
      ram = parseNumBytes(resource.stringAttribute('quantum', '')) ?? ram;
    } else if (name === 'CAP') {
      caps = natural(resource.attribute('quantum'), caps);
    }
  }
  return { ram, caps, ramResource };
}

/** The model of init's `config` node. Start nodes without a name, or named like an alias, are not children (§1.2, §1.12). */
export function initModel(config: XmlNode): InitModel {
  const last = (type: string) => config.children(type).at(-1);
  const parentProvidesNode = last('parent-provides');
  const parentProvides = parentProvidesNode === undefined ? undefined
    : new Map(parentProvidesNode.children('service').map((s) => [s.stringAttribute('name', ''), s] as const).filter(([name]) => name !== ''));
  const defaultRouteNode = last('default-route');
  const defaultRoute = defaultRouteNode === undefined ? undefined : routingTable(defaultRouteNode);
  const defaults = last('default');
  const aliases = new Map<string, { child: string; node: XmlNode }>();
  for (const alias of config.children('alias')) {
    const child = alias.attribute('child');
    if (child !== undefined) aliases.set(alias.stringAttribute('name', ''), { child, node: alias });
  }
  const children = new Map<string, ChildModel>();
  for (const start of config.children('start')) {
    const name = start.stringAttribute('name', '');
    if (name === '' || aliases.has(name)) continue;
    const binaryNode = start.child('binary');
    const binary = binaryNode?.stringAttribute('name', '') || name;
    const provides = new Map<string, XmlNode>();
    for (const service of start.child('provides')?.children('service') ?? []) {
      const serviceName = service.stringAttribute('name', '');
      if (serviceName !== '') provides.set(serviceName, service);
    }
    const route = start.child('route');
    const quota = startQuota(start, defaults);
    /* Two start nodes of one name (and version) are one child: the later node wins (§1.2). */
    children.set(name, {
      name,
      node: start,
      binary,
      binaryNode: binaryNode !== undefined && binaryNode.stringAttribute('name', '') !== '' ? binaryNode : start,
      provides,
      routes: route !== undefined ? routingTable(route) : defaultRoute,
      ram: quota.ram,
      caps: quota.caps,
      config: start.child('config'),
    });
  }
  let preserveRam = DEFAULT_PRESERVE_RAM;
  let preserveCaps = DEFAULT_PRESERVE_CAPS;
  for (const resource of config.children('resource')) {
    const name = resource.stringAttribute('name', '');
    if (name === 'RAM') preserveRam = parseNumBytes(resource.stringAttribute('preserve', '')) ?? DEFAULT_PRESERVE_RAM;
    else if (name === 'CAP') preserveCaps = natural(resource.attribute('preserve'), DEFAULT_PRESERVE_CAPS);
  }
  return { config, parentProvides, parentProvidesNode, defaultRoute, children, aliases, preserveRam, preserveCaps };
}
