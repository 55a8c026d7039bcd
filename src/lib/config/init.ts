/*
 * init's config in TypeScript: `init({...})` is the `<config>` node of
 * spec/init.md §1, for `nido run` (a boot directory's config.ts) or for a
 * nested init (a child's `config`). Attributes keep Genode's names
 * (`version`, `prio_levels`, `delay_ms`); sub nodes are options named after
 * their node type in camelCase (`parentProvides` is `<parent-provides>`).
 *
 *   export default init({
 *     parentProvides: ['ROM', 'PD', 'CPU', 'LOG'],
 *     defaultRoute: [anyService(parent(), anyChild())],
 *     default: { caps: 100, ram: '1M' },
 *     start: [start('hello')],
 *   });
 */

import { InvalidConfig } from './invalid_config.js';
import { checkedRules, type Rule } from './route.js';
import { naturalValue, sizeText, type Size } from './size.js';
import { serviceList } from './start.js';
import { describe, XmlElement } from './xml_element.js';

/** `<report>`: init's state report (spec/init.md §1.9, §5); every flag defaults to no. */
export interface ReportOptions {
  readonly ids?: boolean;
  readonly requested?: boolean;
  readonly provided?: boolean;
  readonly session_args?: boolean;
  readonly child_ram?: boolean;
  readonly child_caps?: boolean;
  readonly init_ram?: boolean;
  readonly init_caps?: boolean;
  /** How long init collects changes before it reports (default 100; 0: never). */
  readonly delay_ms?: number;
  /** The report's buffer (default 4K). */
  readonly buffer?: Size;
}

/** init's `<config>` node and what it may contain. */
export interface InitOptions {
  /** Copied into the state report; a change alone makes init report again. */
  readonly version?: string;
  /** Diagnostic log lines (spec/init.md §1.13). */
  readonly verbose?: boolean;
  /** CPU priority levels, a power of two (spec/init.md §3.9). */
  readonly prio_levels?: number;
  readonly ld_verbose?: boolean;
  /** `<parent-provides>`: the services a `parent()` target may reach. */
  readonly parentProvides?: readonly string[];
  /** `<default-route>`: the routing table of children without their own `route`. */
  readonly defaultRoute?: readonly Rule[];
  /** `<default>`: RAM and caps of children that name none. */
  readonly default?: { readonly ram?: Size; readonly caps?: number };
  /** `<resource name="RAM|CAP" preserve>`: what init keeps for itself (default 320K and 20). */
  readonly resource?: { readonly RAM?: { readonly preserve: Size }; readonly CAP?: { readonly preserve: number } };
  /** `<report>`: init's state report; `true` is `<report/>`. */
  readonly report?: true | ReportOptions;
  /** `<heartbeat>`: how often init checks the children that have a `heartbeat`; `true` is every 1000 ms. */
  readonly heartbeat?: true | { readonly rate_ms?: number };
  /** `<affinity-space>`: the CPU grid children's `affinity` refers to. */
  readonly affinitySpace?: { readonly width?: number; readonly height?: number };
  /**
   * `<service name>` by service name: init as a server towards its own
   * parent, each session forwarded to a child by `policy(match,
   * child(NAME))` or `defaultPolicy(child(NAME))` (spec/init.md §1.8, §2.9).
   */
  readonly service?: { readonly [name: string]: readonly (XmlElement<'policy'> | XmlElement<'default-policy'>)[] };
  /** `<alias name child>` by name: `child(NAME)` targets reach the child named here. */
  readonly alias?: { readonly [name: string]: string };
  /** The children, in the order init starts them. */
  readonly start?: readonly XmlElement<'start'>[];
}

const OPTIONS = new Set(['version', 'verbose', 'prio_levels', 'ld_verbose', 'parentProvides', 'defaultRoute', 'default', 'resource', 'report',
  'heartbeat', 'affinitySpace', 'service', 'alias', 'start']);

/* The node of an option that is either `true` (the node without attributes) or its attributes. */
function flagOrAttributes<Type extends string>(type: Type, value: unknown, fill: (options: Record<string, unknown>) => XmlElement<Type>): XmlElement<Type> {
  if (value === true) return new XmlElement(type, {}, []);
  if (typeof value !== 'object' || value === null) throw new InvalidConfig(`init(): ${type} must be true or its attributes, got ${describe(value)}`);
  return fill(value as Record<string, unknown>);
}

function report(options: true | ReportOptions): XmlElement<'report'> {
  return flagOrAttributes('report', options, () => {
    const { delay_ms: delay, buffer, ...flags } = options as ReportOptions;
    for (const [key, value] of Object.entries(flags)) {
      if (!['ids', 'requested', 'provided', 'session_args', 'child_ram', 'child_caps', 'init_ram', 'init_caps'].includes(key)) {
        throw new InvalidConfig(`init(): "${key}" is no attribute of <report> (ids, requested, provided, session_args, child_ram, child_caps, init_ram, init_caps, delay_ms, buffer)`);
      }
      if (value !== undefined && typeof value !== 'boolean') throw new InvalidConfig(`init(): report.${key} must be true or false`);
    }
    return new XmlElement('report', {
      ...flags,
      delay_ms: delay === undefined ? undefined : naturalValue(delay, 'init() report.delay_ms'),
      buffer: buffer === undefined ? undefined : sizeText(buffer, 'init() report.buffer'),
    }, []);
  });
}

function services(table: NonNullable<InitOptions['service']>): XmlElement<'service'>[] {
  return Object.entries(table).map(([name, policies]) => {
    if (!Array.isArray(policies) || policies.some((entry) => !(entry instanceof XmlElement) || (entry.type !== 'policy' && entry.type !== 'default-policy'))) {
      throw new InvalidConfig(`init(): service "${name}" must be a list of policy(...) and defaultPolicy(...), each forwarding to a child(NAME)`);
    }
    for (const entry of policies) {
      if (entry.children('child').length === 0) throw new InvalidConfig(`init(): a ${entry.type} of service "${name}" forwards to no child: add child(NAME)`);
    }
    return new XmlElement('service', { name }, policies);
  });
}

/* Two children of one name would collapse into one (spec/init.md §1.2), and an alias shares their name space. */
function checkNames(starts: readonly XmlElement<'start'>[], aliases: readonly string[]): void {
  const seen = new Set<string>();
  for (const node of starts) {
    const name = node.attribute('name') ?? '';
    if (seen.has(name)) throw new InvalidConfig(`init(): two children are named "${name}"; init would run only one of them`);
    seen.add(name);
  }
  for (const alias of aliases) {
    if (seen.has(alias)) throw new InvalidConfig(`init(): alias "${alias}" has the name of a child`);
  }
}

/* Genode's init disables priorities for any other number, with only a warning (spec/init.md §1.2). */
function prioLevels(levels: number): number {
  naturalValue(levels, 'init() prio_levels');
  if (levels !== 0 && (levels & (levels - 1)) !== 0) throw new InvalidConfig(`init(): prio_levels ${levels} is no power of two; init would disable priorities`);
  return levels;
}

/**
 * The `<config>` node of an init: `export default init({...})` in a boot
 * directory's config.ts, or a child's `config` for a nested init.
 *
 *   init({ parentProvides: ['LOG'], defaultRoute: [anyService(parent())], start: [start('hello', { ram: '1M' })] })
 */
export function init(options: InitOptions = {}): XmlElement<'config'> {
  if (typeof options !== 'object' || options === null) throw new InvalidConfig(`init(): expected options, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!OPTIONS.has(key)) throw new InvalidConfig(`init(): "${key}" is no option of init's config (${[...OPTIONS].join(', ')})`);
  }
  const content: XmlElement[] = [];
  if (options.parentProvides !== undefined) content.push(serviceList('parent-provides', 'init() parentProvides', options.parentProvides));
  if (options.defaultRoute !== undefined) content.push(new XmlElement('default-route', {}, checkedRules('init() defaultRoute', options.defaultRoute)));
  if (options.default !== undefined) {
    const { ram, caps } = options.default;
    content.push(new XmlElement('default', {
      caps: caps === undefined ? undefined : naturalValue(caps, 'init() default.caps'),
      ram: ram === undefined ? undefined : sizeText(ram, 'init() default.ram'),
    }, []));
  }
  if (options.resource !== undefined) {
    const { RAM, CAP } = options.resource;
    if (RAM !== undefined) content.push(new XmlElement('resource', { name: 'RAM', preserve: sizeText(RAM.preserve, 'init() resource.RAM.preserve') }, []));
    if (CAP !== undefined) content.push(new XmlElement('resource', { name: 'CAP', preserve: naturalValue(CAP.preserve, 'init() resource.CAP.preserve') }, []));
  }
  if (options.report !== undefined) content.push(report(options.report));
  if (options.heartbeat !== undefined) {
    content.push(flagOrAttributes('heartbeat', options.heartbeat, ({ rate_ms: rate }) => new XmlElement('heartbeat', {
      rate_ms: rate === undefined ? undefined : naturalValue(rate as number, 'init() heartbeat.rate_ms'),
    }, [])));
  }
  if (options.affinitySpace !== undefined) {
    const { width, height } = options.affinitySpace;
    content.push(new XmlElement('affinity-space', {
      width: width === undefined ? undefined : naturalValue(width, 'init() affinitySpace.width'),
      height: height === undefined ? undefined : naturalValue(height, 'init() affinitySpace.height'),
    }, []));
  }
  if (options.service !== undefined) content.push(...services(options.service));
  const aliases = Object.entries(options.alias ?? {});
  for (const [name, target] of aliases) {
    if (typeof target !== 'string' || target === '') throw new InvalidConfig(`init(): alias "${name}" must name a child`);
    content.push(new XmlElement('alias', { name, child: target }, []));
  }
  const starts = options.start ?? [];
  if (!Array.isArray(starts) || starts.some((node) => !(node instanceof XmlElement) || node.type !== 'start')) {
    throw new InvalidConfig('init(): start must be a list of start(NAME, {...})');
  }
  checkNames(starts, aliases.map(([name]) => name));
  content.push(...starts);
  return new XmlElement('config', {
    version: options.version,
    verbose: options.verbose,
    prio_levels: options.prio_levels === undefined ? undefined : prioLevels(options.prio_levels),
    ld_verbose: options.ld_verbose,
  }, content);
}
