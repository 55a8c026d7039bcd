/*
 * A child of init in a typed config: the `<start>` node (spec/init.md
 * §1.6). Attributes keep Genode's names (`ram`, `caps`, `managing_system`);
 * sub nodes are options named after their node type (`binary`, `provides`,
 * `route`, `config`, `exit`, `heartbeat`, `affinity`).
 *
 *   start('client', {
 *     ram: '4M',
 *     route: [service('Calculator', child('calculator')), anyService(parent())],
 *     config: config({ rounds: 3 }),
 *   })
 */

import { parseXml, XmlParseError } from '../../util/xml.js';
import { InvalidConfig } from './invalid_config.js';
import { checkedRules, type Rule } from './route.js';
import { naturalValue, sizeText, type Size } from './size.js';
import { describe, RawXml, XmlElement } from './xml_element.js';

/* Child names are 63 characters at most (spec/init.md §1.1). */
const MAX_NAME = 63;

/** A child's `<start>` node and what it may contain. */
export interface StartOptions {
  /** `<binary name>`: the ROM module of the program (default: the child's name). */
  readonly binary?: string;
  /** RAM assigned to the child (default: `default.ram`). */
  readonly ram?: Size;
  /** Capabilities assigned to the child (default: `default.caps`). */
  readonly caps?: number;
  /** CPU priority: 0 or negative, relative to init's (spec/init.md §3.9). */
  readonly priority?: number;
  /** Part of the child's identity: a new version restarts the child. */
  readonly version?: string;
  /** `ld="no"`: the child's request for ld.lib.so gets its binary (static programs). */
  readonly ld?: boolean;
  readonly managing_system?: boolean;
  /** `<provides>`: the services the child may announce (clients can be routed to it at once). */
  readonly provides?: readonly string[];
  /** `<route>`: the child's own routing table, instead of init's `defaultRoute`. */
  readonly route?: readonly Rule[];
  /**
   * `<config>`: the child's config ROM. An `init({...})` for a nested init,
   * `config(...)` or a typed helper (`reportRom`, `ramFs`, ...) for another
   * component, or the whole `<config>` node as XML text.
   */
  readonly config?: XmlElement<'config'> | string;
  /** `<exit propagate="yes"/>`: init exits with the child's exit value. */
  readonly exit?: { readonly propagate: boolean };
  /** `<heartbeat>`: init watches the child (needs init's `heartbeat`) and restarts it after that many missed beats. */
  readonly heartbeat?: true | { readonly restart_after_skipped?: number };
  /** `<affinity>`: the CPUs within init's `affinitySpace`. */
  readonly affinity?: { readonly xpos?: number; readonly ypos?: number; readonly width?: number; readonly height?: number };
}

const OPTIONS = new Set(['binary', 'ram', 'caps', 'priority', 'version', 'ld', 'managing_system', 'provides', 'route', 'config', 'exit', 'heartbeat', 'affinity']);

/* A child's config given as XML text: checked here, so that a mistake names this child; written as it is. */
function rawConfig(name: string, text: string): RawXml {
  let root;
  try {
    root = parseXml(text, { source: `config of "${name}"` });
  } catch (error) {
    if (error instanceof XmlParseError) throw new InvalidConfig(`start("${name}"): its config is no well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.type !== 'config') throw new InvalidConfig(`start("${name}"): its config must be a <config> node, not <${root.type}>`);
  return new RawXml(text.trim());
}

function childConfig(name: string, value: unknown): XmlElement | RawXml {
  if (typeof value === 'string') return rawConfig(name, value);
  if (value instanceof XmlElement && value.type === 'config') return value;
  throw new InvalidConfig(`start("${name}"): config must be init({...}), config(...), a typed helper's config or XML text, got ${describe(value)}`);
}

function names(what: string, list: unknown): string[] {
  if (!Array.isArray(list) || list.some((name) => typeof name !== 'string' || name === '')) {
    throw new InvalidConfig(`${what}: expected a list of service names, such as ['LOG', 'ROM']`);
  }
  return list as string[];
}

/** `<provides>` and `<parent-provides>`: one `<service name>` per name. */
export function serviceList<Type extends string>(type: Type, what: string, list: readonly string[]): XmlElement<Type> {
  return new XmlElement(type, {}, names(what, list).map((name) => new XmlElement('service', { name }, [])));
}

/**
 * `<start name="NAME">`: a child of init.
 *
 *   start('calculator', { provides: ['Calculator'], ram: '2M' })
 */
export function start(name: string, options: StartOptions = {}): XmlElement<'start'> {
  if (typeof name !== 'string' || name === '') throw new InvalidConfig('start(): expected the child\'s name');
  if (name.length > MAX_NAME) throw new InvalidConfig(`start("${name}"): a child's name has at most ${MAX_NAME} characters`);
  const what = `start("${name}")`;
  if (typeof options !== 'object' || options === null) throw new InvalidConfig(`${what}: expected options ({ ram, caps, route, config, ... })`);
  for (const key of Object.keys(options)) {
    if (!OPTIONS.has(key)) throw new InvalidConfig(`${what}: "${key}" is no option of a start node (${[...OPTIONS].join(', ')})`);
  }
  if (options.priority !== undefined && (!Number.isSafeInteger(options.priority) || options.priority > 0)) {
    throw new InvalidConfig(`${what}: priority ${options.priority} is no priority (0 or a negative whole number)`);
  }
  const content: (XmlElement | RawXml)[] = [];
  if (options.binary !== undefined) {
    if (typeof options.binary !== 'string' || options.binary === '') throw new InvalidConfig(`${what}: binary must be the name of a ROM module`);
    content.push(new XmlElement('binary', { name: options.binary }, []));
  }
  if (options.heartbeat !== undefined) {
    const skipped = options.heartbeat === true ? undefined : options.heartbeat.restart_after_skipped;
    content.push(new XmlElement('heartbeat', { restart_after_skipped: skipped === undefined ? undefined : naturalValue(skipped, `${what} heartbeat.restart_after_skipped`) }, []));
  }
  if (options.affinity !== undefined) {
    const { xpos, ypos, width, height } = options.affinity;
    const at = (value: number | undefined, key: string) => (value === undefined ? undefined : naturalValue(value, `${what} affinity.${key}`));
    content.push(new XmlElement('affinity', { xpos: at(xpos, 'xpos'), ypos: at(ypos, 'ypos'), width: at(width, 'width'), height: at(height, 'height') }, []));
  }
  if (options.exit !== undefined) content.push(new XmlElement('exit', { propagate: options.exit.propagate }, []));
  if (options.provides !== undefined) content.push(serviceList('provides', `${what} provides`, options.provides));
  if (options.route !== undefined) content.push(new XmlElement('route', {}, checkedRules(`${what} route`, options.route)));
  if (options.config !== undefined) content.push(childConfig(name, options.config));
  return new XmlElement('start', {
    name,
    version: options.version,
    ram: options.ram === undefined ? undefined : sizeText(options.ram, `${what} ram`),
    caps: options.caps === undefined ? undefined : naturalValue(options.caps, `${what} caps`),
    priority: options.priority,
    ld: options.ld,
    managing_system: options.managing_system,
  }, content);
}
