/*
 * Routing tables in a typed config (spec/init.md §1.4, §2.4–§2.6): rules
 * (`service`, `anyService`) tried in order, each with its targets
 * (`parent`, `child`, `anyChild`, `local`) tried in order. A target may
 * rewrite the label the server sees.
 *
 *   route(
 *     service('LOG', { label: 'audit' }, child('audit_log', { label: 'secure' })),
 *     service('Timer', child('timer')),
 *     anyService(parent(), anyChild()),
 *   )
 *   // <service name="LOG" label="audit"> <child name="audit_log" label="secure"/> </service> ...
 */

import { InvalidConfig } from './invalid_config.js';
import { XmlElement, type Attributes } from './xml_element.js';

/** What a target does to the label the server sees (spec/init.md §2.6). */
export interface LabelRewrite {
  /** Replaces the whole label. */
  readonly label?: string;
  /** Replaces what precedes the last element (default: the client's identity). */
  readonly identity?: string;
  /** Replaces the last element. */
  readonly resource?: string;
  /** Goes before the last element ("/" turns "noux -> home" into "noux -> /home"). */
  readonly prepend_resource?: string;
}

/** Which session labels a rule matches (spec/init.md §2.4). */
export interface LabelMatch {
  /** The scoped label (without the child's name) equals this. */
  readonly label?: string;
  readonly label_prefix?: string;
  readonly label_suffix?: string;
  /** The label's last element equals this (scoped or not). */
  readonly label_last?: string;
  /** The whole label, the child's name included, equals this. */
  readonly unscoped_label?: string;
}

/** Where a rule sends a session: init's parent, a child, any child, or a local service. */
export type Target = XmlElement<'parent' | 'child' | 'any-child' | 'local'>;

/** A rule of a routing table. */
export type Rule = XmlElement<'service' | 'any-service'>;

const TARGETS = new Set(['parent', 'child', 'any-child', 'local']);
const RULES = new Set(['service', 'any-service']);

function rewrite(what: string, attributes: LabelRewrite): Attributes {
  if (typeof attributes !== 'object' || attributes === null || attributes instanceof XmlElement) {
    throw new InvalidConfig(`${what}: expected label rewriting ({ label, identity, resource, prepend_resource })`);
  }
  if (attributes.label !== undefined && (attributes.identity !== undefined || attributes.resource !== undefined || attributes.prepend_resource !== undefined)) {
    throw new InvalidConfig(`${what}: label replaces the whole label, so identity, resource and prepend_resource would be ignored (spec/init.md §2.6): give one or the others`);
  }
  return { label: attributes.label, identity: attributes.identity, resource: attributes.resource, prepend_resource: attributes.prepend_resource };
}

/** `<parent/>`: the service of that name at init's parent, if `parentProvides` lists it. */
export function parent(attributes: LabelRewrite = {}): XmlElement<'parent'> {
  return new XmlElement('parent', rewrite('parent()', attributes), []);
}

/** `<child name="NAME"/>`: the service as the child NAME (or the child an alias NAME names) provides it. */
export function child(name: string, attributes: LabelRewrite = {}): XmlElement<'child'> {
  if (typeof name !== 'string' || name === '') throw new InvalidConfig('child(): expected the name of a child');
  return new XmlElement('child', { name, ...rewrite(`child("${name}")`, attributes) }, []);
}

/** `<any-child/>`: the one child that provides the service (none or several: the next target is tried). */
export function anyChild(attributes: LabelRewrite = {}): XmlElement<'any-child'> {
  return new XmlElement('any-child', rewrite('anyChild()', attributes), []);
}

/** `<local/>`: a service of the program that embeds the sandbox (plain init has none). */
export function local(): XmlElement<'local'> {
  return new XmlElement('local', {}, []);
}

function labelMatch(what: string, match: LabelMatch): Attributes {
  const given = (['label', 'label_prefix', 'label_suffix', 'label_last', 'unscoped_label'] as const).filter((key) => match[key] !== undefined);
  for (const exclusive of ['unscoped_label', 'label_last'] as const) {
    if (match[exclusive] !== undefined && given.length > 1) {
      throw new InvalidConfig(`${what}: ${exclusive} makes init ignore ${given.filter((key) => key !== exclusive).join(' and ')} (spec/init.md §2.4): give one`);
    }
  }
  return { label: match.label, label_prefix: match.label_prefix, label_suffix: match.label_suffix, label_last: match.label_last, unscoped_label: match.unscoped_label };
}

function targets(what: string, list: readonly unknown[]): Target[] {
  return list.map((target) => {
    if (target instanceof XmlElement && TARGETS.has(target.type)) return target as Target;
    throw new InvalidConfig(`${what}: a target must be parent(), child(NAME), anyChild() or local()`);
  });
}

/* The optional label match before the targets. */
function split(rest: readonly (LabelMatch | Target)[]): [LabelMatch, readonly unknown[]] {
  const [first, ...others] = rest;
  if (first !== undefined && !(first instanceof XmlElement)) return [first, others];
  return [{}, rest];
}

/**
 * `<service name="NAME">`: a rule for sessions of one service, optionally
 * only those whose label matches. If it matches and none of its targets
 * resolves, the session is denied: no later rule is tried.
 *
 *   service('Calculator', child('calculator'))
 *   service('ROM', { label: 'config' }, parent({ label: 'app.config' }))
 */
export function service(name: string, ...targets: Target[]): XmlElement<'service'>;
export function service(name: string, match: LabelMatch, ...targets: Target[]): XmlElement<'service'>;
export function service(name: string, ...rest: (LabelMatch | Target)[]): XmlElement<'service'> {
  if (typeof name !== 'string' || name === '') throw new InvalidConfig('service(): expected the name of a service ("LOG", "ROM", ...)');
  const what = `service("${name}")`;
  const [match, list] = split(rest);
  return new XmlElement('service', { name, ...labelMatch(what, match) }, targets(what, list));
}

/**
 * `<any-service>`: a rule for sessions of every service. If none of its
 * targets resolves, the next rule is tried.
 *
 *   anyService(parent(), anyChild())
 */
export function anyService(...targets: Target[]): XmlElement<'any-service'>;
export function anyService(match: LabelMatch, ...targets: Target[]): XmlElement<'any-service'>;
export function anyService(...rest: (LabelMatch | Target)[]): XmlElement<'any-service'> {
  const [match, list] = split(rest);
  return new XmlElement('any-service', labelMatch('anyService()', match), targets('anyService()', list));
}

/**
 * A routing table: the rules in the order init tries them. For a table
 * several children share; `route: [...]` takes the rules as they are.
 *
 *   const toParent = route(anyService(parent()));
 */
export function route(...rules: Rule[]): readonly Rule[] {
  return Object.freeze(checkedRules('route()', rules));
}

/** The rules of a table, each checked to be a rule. */
export function checkedRules(what: string, rules: readonly unknown[]): Rule[] {
  if (!Array.isArray(rules)) throw new InvalidConfig(`${what}: expected a list of rules (service(...), anyService(...))`);
  return rules.map((rule) => {
    if (rule instanceof XmlElement && RULES.has(rule.type)) return rule as Rule;
    throw new InvalidConfig(`${what}: a rule must be service(NAME, ...) or anyService(...)`);
  });
}
