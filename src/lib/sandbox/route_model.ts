/*
 * Routing tables of init: `<default-route>` and `<start><route>`, their
 * rules and targets, and the label logic of spec/init.md §2.4 and §2.6.
 */

import { labelPrefix, lastElement, scopedLabel, type XmlNode } from 'nido';

export interface RouteTarget {
  readonly kind: 'parent' | 'child' | 'any-child' | 'local';
  /** Child name (for kind 'child'). */
  readonly name: string;
  readonly label: string | undefined;
  readonly identity: string | undefined;
  readonly resource: string | undefined;
  readonly prependResource: string | undefined;
}

export interface RouteRule {
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

/** Whether `rule` matches a request of child `childName` for `service` with `label` (spec/init.md §2.4). */
export function ruleMatches(rule: RouteRule, childName: string, service: string, label: string): boolean {
  if (!rule.any && rule.service !== service) return false;
  if (rule.unscopedLabel !== undefined) return label === rule.unscopedLabel;
  if (rule.labelLast !== undefined) return lastElement(label) === rule.labelLast;
  if (rule.label === undefined && rule.labelPrefix === undefined && rule.labelSuffix === undefined) return true;
  const scoped = scopedLabel(childName, label);
  if (scoped === undefined) return false;
  /* A rule with only `label` compares untrimmed first (the C++ pre-filter). */
  if (rule.label !== undefined && rule.labelPrefix === undefined && rule.labelSuffix === undefined && scoped !== rule.label) {
    return false;
  }
  const trimmed = scoped.trim();
  if (rule.label !== undefined && trimmed !== rule.label.trim()) return false;
  if (rule.labelPrefix !== undefined && !trimmed.startsWith(rule.labelPrefix.trim())) return false;
  if (rule.labelSuffix !== undefined && !trimmed.endsWith(rule.labelSuffix.trim())) return false;
  return true;
}

/** The label the server sees, after the target's rewriting attributes (spec/init.md §2.6). */
export function serverLabel(target: RouteTarget, label: string): string {
  if (target.label !== undefined) return target.label;
  const identity = target.identity ?? labelPrefix(label);
  const resource = (target.prependResource ?? '') + (target.resource ?? lastElement(label));
  return identity === '' ? resource : `${identity} -> ${resource}`;
}
