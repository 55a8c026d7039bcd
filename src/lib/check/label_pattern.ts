/*
 * What a check knows of a session label before anything runs: the whole
 * label (an environment session, `<fs label="home"/>` of a known config),
 * its beginning (any session of child `ls` is `ls -> ...`), or nothing.
 * Route rules and server policies are matched against such a pattern with
 * three answers: certainly, certainly not, maybe (spec/init.md §2.4, §2.8).
 *
 *   ruleMatch(rule, 'ls', 'File_system', exactLabel('ls -> home')) // 'yes'
 */

import { labelPrefix, lastElement, LABEL_SEPARATOR, scopedLabel } from '../../util/label.js';
import type { XmlNode } from '../../util/xml.js';

export type LabelPattern =
  | { readonly kind: 'exact'; readonly label: string }
  /** The label starts with `prefix`; what follows is unknown (maybe nothing). */
  | { readonly kind: 'prefix'; readonly prefix: string }
  | { readonly kind: 'any' };

export type Tri = 'yes' | 'no' | 'maybe';

export const ANY_LABEL: LabelPattern = Object.freeze({ kind: 'any' });

export function exactLabel(label: string): LabelPattern {
  return { kind: 'exact', label };
}

export function prefixLabel(prefix: string): LabelPattern {
  return { kind: 'prefix', prefix };
}

/** The label of a session child `name` opens with label `label` (`name -> label`), or with a label not known. */
export function clientLabel(name: string, label?: string): LabelPattern {
  return label === undefined ? prefixLabel(name + LABEL_SEPARATOR) : exactLabel(name + LABEL_SEPARATOR + label);
}

/** `"ls -> home"`, `"ls -> ..."`, `any label`. */
export function describeLabel(pattern: LabelPattern): string {
  switch (pattern.kind) {
    case 'exact': return `"${pattern.label}"`;
    case 'prefix': return `"${pattern.prefix}..."`;
    case 'any': return 'any label';
  }
}

function all(answers: readonly Tri[]): Tri {
  if (answers.includes('no')) return 'no';
  return answers.every((answer) => answer === 'yes') ? 'yes' : 'maybe';
}

/* A text condition on the known beginning of a label. */
function startsWithOnPrefix(known: string, prefix: string): Tri {
  if (known.startsWith(prefix)) return 'yes';
  return prefix.startsWith(known) ? 'maybe' : 'no';
}
function equalsOnPrefix(known: string, value: string): Tri {
  return value.startsWith(known) ? 'maybe' : 'no';
}

export interface RuleLabels {
  readonly label: string | undefined;
  readonly labelPrefix: string | undefined;
  readonly labelSuffix: string | undefined;
  readonly labelLast: string | undefined;
  readonly unscopedLabel: string | undefined;
}

/** Whether a routing rule's label conditions hold for a request of child `child` (spec/init.md §2.4). */
export function ruleLabelMatch(rule: RuleLabels, child: string, pattern: LabelPattern): Tri {
  if (rule.unscopedLabel !== undefined) {
    if (pattern.kind === 'exact') return pattern.label === rule.unscopedLabel ? 'yes' : 'no';
    return pattern.kind === 'prefix' ? equalsOnPrefix(pattern.prefix, rule.unscopedLabel) : 'maybe';
  }
  if (rule.labelLast !== undefined) {
    if (pattern.kind === 'exact') return lastElement(pattern.label) === rule.labelLast ? 'yes' : 'no';
    return 'maybe';
  }
  if (rule.label === undefined && rule.labelPrefix === undefined && rule.labelSuffix === undefined) return 'yes';
  if (pattern.kind === 'any') return 'maybe';
  if (pattern.kind === 'exact') {
    const scoped = scopedLabel(child, pattern.label);
    if (scoped === undefined) return 'no';
    /* A rule with only `label` compares untrimmed first (the C++ pre-filter). */
    if (rule.label !== undefined && rule.labelPrefix === undefined && rule.labelSuffix === undefined && scoped !== rule.label) return 'no';
    const trimmed = scoped.trim();
    if (rule.label !== undefined && trimmed !== rule.label.trim()) return 'no';
    if (rule.labelPrefix !== undefined && !trimmed.startsWith(rule.labelPrefix.trim())) return 'no';
    if (rule.labelSuffix !== undefined && !trimmed.endsWith(rule.labelSuffix.trim())) return 'no';
    return 'yes';
  }
  const scopedPrefix = scopedLabel(child, pattern.prefix);
  if (scopedPrefix === undefined) return (child + LABEL_SEPARATOR).startsWith(pattern.prefix) ? 'maybe' : 'no';
  const answers: Tri[] = [];
  if (rule.label !== undefined) answers.push(equalsOnPrefix(scopedPrefix, rule.label));
  if (rule.labelPrefix !== undefined) answers.push(startsWithOnPrefix(scopedPrefix, rule.labelPrefix));
  if (rule.labelSuffix !== undefined) answers.push('maybe');
  return all(answers);
}

/** The pattern of labels a rule lets through for child `child` (for policies: who may reach a server). */
export function ruleLabels(rule: RuleLabels, child: string): LabelPattern {
  if (rule.unscopedLabel !== undefined) return exactLabel(rule.unscopedLabel);
  if (rule.labelLast !== undefined || rule.labelSuffix !== undefined) return ANY_LABEL;
  const scope = child + LABEL_SEPARATOR;
  if (rule.label !== undefined) return exactLabel(scope + rule.label.trim());
  if (rule.labelPrefix !== undefined) return prefixLabel(scope + rule.labelPrefix.trim());
  return prefixLabel(scope);
}

export interface Rewriting {
  readonly label: string | undefined;
  readonly identity: string | undefined;
  readonly resource: string | undefined;
  readonly prependResource: string | undefined;
}

/** The server label after a route target's rewriting attributes (spec/init.md §2.6). */
export function rewriteLabel(target: Rewriting, pattern: LabelPattern): LabelPattern {
  if (target.label !== undefined) return exactLabel(target.label);
  const unchanged = target.identity === undefined && target.resource === undefined && target.prependResource === undefined;
  if (pattern.kind === 'exact') {
    const identity = target.identity ?? labelPrefix(pattern.label);
    const resource = (target.prependResource ?? '') + (target.resource ?? lastElement(pattern.label));
    return exactLabel(identity === '' ? resource : identity + LABEL_SEPARATOR + resource);
  }
  if (unchanged) return pattern;
  if (target.identity !== undefined && target.resource !== undefined) {
    const resource = (target.prependResource ?? '') + target.resource;
    return exactLabel(target.identity === '' ? resource : target.identity + LABEL_SEPARATOR + resource);
  }
  if (target.identity !== undefined) return prefixLabel(target.identity === '' ? target.prependResource ?? '' : target.identity + LABEL_SEPARATOR + (target.prependResource ?? ''));
  return ANY_LABEL;
}

/** Whether a server's `<policy>` may apply to a session of the pattern (its label conditions hold). */
export function policyMatch(policy: XmlNode, pattern: LabelPattern): Tri {
  const label = policy.attribute('label')?.trim();
  const prefix = policy.attribute('label_prefix')?.trim();
  const suffix = policy.attribute('label_suffix')?.trim();
  if (label === undefined && prefix === undefined && suffix === undefined) return 'no';
  if (pattern.kind === 'any') return 'maybe';
  if (pattern.kind === 'exact') {
    const text = pattern.label.trim();
    const holds = (label === undefined || label === text) && (prefix === undefined || text.startsWith(prefix)) && (suffix === undefined || text.endsWith(suffix));
    return holds ? 'yes' : 'no';
  }
  const answers: Tri[] = [];
  if (label !== undefined) answers.push(equalsOnPrefix(pattern.prefix, label));
  if (prefix !== undefined) answers.push(startsWithOnPrefix(pattern.prefix, prefix));
  if (suffix !== undefined) answers.push('maybe');
  return all(answers);
}
