/*
 * Routing tables of init: `<default-route>` and `<start><route>`, their
 * rules and targets, and the label logic of spec/init.md §2.4 and §2.6.
 */

import { labelPrefix, lastElement, scopedLabel, type XmlNode } from 'nido';

export interface RouteTarget {
  /** The target node (its line and text name it in explanations). */
  readonly node: XmlNode;
  readonly kind: 'parent' | 'child' | 'any-child' | 'local';
  /** Child name (for kind 'child'). */
  readonly name: string;
  readonly label: string | undefined;
  readonly identity: string | undefined;
  readonly resource: string | undefined;
  readonly prependResource: string | undefined;
}

export interface RouteRule {
  /** The `<service>` or `<any-service>` node. */
  readonly node: XmlNode;
  /** `<any-service>` rather than `<service name>`. */
  readonly any: boolean;
  readonly service: string;
  readonly label: string | undefined;
  readonly labelPrefix: string | undefined;
  readonly labelSuffix: string | undefined;
  readonly labelLast: string | undefined;
  readonly unscopedLabel: string | undefined;
  readonly targets: readonly RouteTarget[];
}

const TARGET_KINDS = new Set(['parent', 'child', 'any-child', 'local']);

function target(node: XmlNode): RouteTarget {
  return {
    node,
    kind: node.type as RouteTarget['kind'],
    name: node.stringAttribute('name', ''),
    label: node.attribute('label'),
    identity: node.attribute('identity'),
    resource: node.attribute('resource'),
    prependResource: node.attribute('prepend_resource'),
  };
}

/** The rules of a `<route>` or `<default-route>` node, in document order. */
export function parseRoute(node: XmlNode): RouteRule[] {
  const rules: RouteRule[] = [];
  for (const rule of node.children()) {
    if (rule.type !== 'service' && rule.type !== 'any-service') continue;
    rules.push({
      node: rule,
      any: rule.type === 'any-service',
      service: rule.stringAttribute('name', ''),
      label: rule.attribute('label'),
      labelPrefix: rule.attribute('label_prefix'),
      labelSuffix: rule.attribute('label_suffix'),
      labelLast: rule.attribute('label_last'),
      unscopedLabel: rule.attribute('unscoped_label'),
      targets: rule.children().filter((t) => TARGET_KINDS.has(t.type)).map(target),
    });
  }
  return rules;
}

/** Whether the rule carries scoped and unscoped label conditions at once (warned about). */
export function mixesLabelScopes(rule: RouteRule): boolean {
  return rule.unscopedLabel !== undefined
    && (rule.label !== undefined || rule.labelPrefix !== undefined || rule.labelSuffix !== undefined || rule.labelLast !== undefined);
}

/** Whether a rule matches a request, and why (or why not), in words for explanations. */
export interface RuleVerdict {
  readonly matched: boolean;
  readonly reason: string;
}

/**
 * Whether `rule` matches a request of child `childName` for `service` with
 * `label` (spec/init.md §2.4), with the condition that decided it.
 *
 *   ruleVerdict(rule, 'a', 'LOG', 'a').reason // 'label "a" is not one of a\'s own sessions, ...'
 */
export function ruleVerdict(rule: RouteRule, childName: string, service: string, label: string): RuleVerdict {
  if (!rule.any && rule.service !== service) return { matched: false, reason: `the request is for ${service}, not ${rule.service}` };
  if (rule.unscopedLabel !== undefined) {
    return label === rule.unscopedLabel
      ? { matched: true, reason: `label "${label}" is unscoped_label` }
      : { matched: false, reason: `label "${label}" is not unscoped_label "${rule.unscopedLabel}"` };
  }
  if (rule.labelLast !== undefined) {
    const last = lastElement(label);
    return last === rule.labelLast
      ? { matched: true, reason: `the label's last element is label_last "${last}"` }
      : { matched: false, reason: `the label's last element "${last}" is not label_last "${rule.labelLast}"` };
  }
  if (rule.label === undefined && rule.labelPrefix === undefined && rule.labelSuffix === undefined) {
    return { matched: true, reason: rule.any ? 'any service, any label' : 'no label condition' };
  }
  const scoped = scopedLabel(childName, label);
  if (scoped === undefined) {
    return {
      matched: false,
      reason: `label "${label}" does not start with "${childName} -> ": label, label_prefix and label_suffix apply only to sessions the child asks for itself, never to its environment sessions or its binary`,
    };
  }
  /* A rule with only `label` compares untrimmed first (the C++ pre-filter). */
  if (rule.label !== undefined && rule.labelPrefix === undefined && rule.labelSuffix === undefined && scoped !== rule.label) {
    return { matched: false, reason: `the child's label "${scoped}" is not label "${rule.label}"` };
  }
  const trimmed = scoped.trim();
  if (rule.label !== undefined && trimmed !== rule.label.trim()) return { matched: false, reason: `the child's label "${scoped}" is not label "${rule.label}"` };
  if (rule.labelPrefix !== undefined && !trimmed.startsWith(rule.labelPrefix.trim())) {
    return { matched: false, reason: `the child's label "${scoped}" does not start with label_prefix "${rule.labelPrefix}"` };
  }
  if (rule.labelSuffix !== undefined && !trimmed.endsWith(rule.labelSuffix.trim())) {
    return { matched: false, reason: `the child's label "${scoped}" does not end with label_suffix "${rule.labelSuffix}"` };
  }
  return { matched: true, reason: `the child's label "${scoped}" meets ${labelConditions(rule)}` };
}

function labelConditions(rule: RouteRule): string {
  const conditions: string[] = [];
  if (rule.label !== undefined) conditions.push(`label="${rule.label}"`);
  if (rule.labelPrefix !== undefined) conditions.push(`label_prefix="${rule.labelPrefix}"`);
  if (rule.labelSuffix !== undefined) conditions.push(`label_suffix="${rule.labelSuffix}"`);
  return conditions.join(' ');
}

/** Whether `rule` matches a request of child `childName` for `service` with `label` (spec/init.md §2.4). */
export function ruleMatches(rule: RouteRule, childName: string, service: string, label: string): boolean {
  return ruleVerdict(rule, childName, service, label).matched;
}

/** The label the server sees, after the target's rewriting attributes (spec/init.md §2.6). */
export function serverLabel(target: RouteTarget, label: string): string {
  if (target.label !== undefined) return target.label;
  const identity = target.identity ?? labelPrefix(label);
  const resource = (target.prependResource ?? '') + (target.resource ?? lastElement(label));
  return identity === '' ? resource : `${identity} -> ${resource}`;
}
