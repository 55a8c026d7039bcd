/*
 * Where a child's session request goes, decided from what init knows and
 * nothing else (spec/init.md §2.3–§2.6): the special ROM resolutions, then
 * the child's routing table rule by rule, target by target, with label
 * rewriting on the chosen target. The decision keeps every rule it
 * considered and why it matched or not, so that init (routing.ts) acts on
 * it and `nido why` (src/lib/why) explains the very same decision.
 *
 *   const decision = decideRoute(facts, { name: 'a', binary: 'a', inlineConfig: false, routes }, { service: 'LOG', label: 'a', env: true });
 *   decision.outcome.kind // 'parent', 'child', 'config' or 'deny'
 */

import { lastElement, type XmlNode } from 'nido';
import { mixesLabelScopes, ruleVerdict, serverLabel, type RouteRule, type RouteTarget, type RuleVerdict } from './route_model.js';

/** A routing table and the text of the node it was built from (a rebuild is due when the text changes). */
export interface RoutingTable {
  readonly rules: readonly RouteRule[];
  readonly source: string;
  /** The `<route>` or `<default-route>` node. */
  readonly node: XmlNode;
}

/** A service a child declared in `<provides>`, as routing sees it. */
export interface RoutableService {
  readonly name: string;
  readonly abandoned: boolean;
  readonly child: { readonly name: string };
}

/** What init knows when it routes: its globals and the children's declared services. */
export interface RoutingFacts<S extends RoutableService> {
  readonly parentProvides: ReadonlySet<string>;
  readonly aliases: ReadonlyMap<string, string>;
  /** Declared services, in registration order (§2.5 "most recently registered"). */
  readonly services: readonly S[];
  /** Whether a child of that name exists (read only to explain a failed `<child>` target). */
  hasChild(name: string): boolean;
}

/** The child that asks. */
export interface RoutingRequester {
  readonly name: string;
  readonly binary: string;
  /** Its start node has a `<config>`, which init serves as its config ROM (§2.3 rule 1). */
  readonly inlineConfig: boolean;
  /** Its `<route>`, else the `<default-route>` of its creation, else none. */
  readonly routes: RoutingTable | undefined;
}

export interface RouteRequest {
  readonly service: string;
  /** The client label (env sessions: the child's name). */
  readonly label: string;
  /** An environment session (the binary ROM request is recognised by this). */
  readonly env: boolean;
}

export type TargetOutcome<S> =
  | { readonly ok: true; readonly kind: 'parent'; readonly label: string }
  | { readonly ok: true; readonly kind: 'child'; readonly service: S; readonly label: string }
  | { readonly ok: false; readonly reason: string };

export interface TargetStep<S> {
  readonly target: RouteTarget;
  readonly outcome: TargetOutcome<S>;
}

/** One rule init looked at: whether it matched, and the targets it tried if so. */
export interface RuleStep<S> {
  readonly rule: RouteRule;
  readonly verdict: RuleVerdict;
  readonly targets: readonly TargetStep<S>[];
}

/**
 * - `config`: the child's inline `<config>` (§2.3 rule 1).
 * - `deny` with `no-table`: neither `<route>` nor `<default-route>`, denied silently;
 *   `targets-failed`: a matching `<service>` rule whose targets all failed (no fall-through, §2.4);
 *   `no-match`: no rule matched, or only `<any-service>` rules whose targets failed.
 */
export type RouteOutcome<S> =
  | { readonly kind: 'config'; readonly label: string }
  | { readonly kind: 'parent'; readonly label: string; readonly rule: RouteRule; readonly target: RouteTarget }
  | { readonly kind: 'child'; readonly service: S; readonly label: string; readonly rule: RouteRule; readonly target: RouteTarget }
  | { readonly kind: 'deny'; readonly why: 'no-table' | 'targets-failed' | 'no-match'; readonly rule?: RouteRule };

export interface RouteDiagnostic {
  readonly level: 'warning' | 'error';
  readonly text: string;
}

export interface RouteDecision<S> {
  readonly child: string;
  readonly service: string;
  /** The label as requested. */
  readonly requestLabel: string;
  /** The label routed: the request's, or the binary's name for the binary request (§2.3 rule 2). */
  readonly label: string;
  readonly env: boolean;
  readonly table: RoutingTable | undefined;
  /** The rules considered, in order; those after the deciding one were not looked at. */
  readonly steps: readonly RuleStep<S>[];
  readonly outcome: RouteOutcome<S>;
  /** What init logs while deciding, in order (a quiet re-evaluation logs none of it). */
  readonly diagnostics: readonly RouteDiagnostic[];
}

/** Decides where `child`'s request goes (spec/init.md §2.3–§2.6). */
export function decideRoute<S extends RoutableService>(facts: RoutingFacts<S>, child: RoutingRequester, request: RouteRequest): RouteDecision<S> {
  const { service } = request;
  const steps: RuleStep<S>[] = [];
  const diagnostics: RouteDiagnostic[] = [];
  let label = request.label;
  const decided = (outcome: RouteOutcome<S>): RouteDecision<S> => ({
    child: child.name, service, requestLabel: request.label, label, env: request.env, table: child.routes, steps, outcome, diagnostics,
  });
  if (service === 'ROM') {
    /* §2.3 rule 1: the inline config. */
    if (lastElement(label) === 'config' && child.inlineConfig) return decided({ kind: 'config', label });
    /* §2.3 rule 2: the binary request is re-resolved under the binary's name. */
    if (request.env && label === child.name && child.binary !== child.name) label = child.binary;
  }
  const table = child.routes;
  if (table === undefined) return decided({ kind: 'deny', why: 'no-table' });
  for (const rule of table.rules) {
    if (mixesLabelScopes(rule)) diagnostics.push({ level: 'warning', text: 'service node contains both scoped and unscoped label attributes' });
    const verdict = ruleVerdict(rule, child.name, service, label);
    const targets: TargetStep<S>[] = [];
    steps.push({ rule, verdict, targets });
    if (!verdict.matched) continue;
    for (const target of rule.targets) {
      const outcome = tryTarget(facts, child, target, service, label, diagnostics);
      targets.push({ target, outcome });
      if (!outcome.ok) continue;
      return decided(outcome.kind === 'parent'
        ? { kind: 'parent', label: outcome.label, rule, target }
        : { kind: 'child', service: outcome.service, label: outcome.label, rule, target });
    }
    /* An explicit <service> rule does not fall through (§2.4). */
    if (!rule.any) return decided({ kind: 'deny', why: 'targets-failed', rule });
  }
  diagnostics.push({ level: 'warning', text: `${child.name}: no route to service "${service}" (label="${label}")` });
  return decided({ kind: 'deny', why: 'no-match' });
}

function tryTarget<S extends RoutableService>(
  facts: RoutingFacts<S>, child: RoutingRequester, target: RouteTarget, service: string, label: string, diagnostics: RouteDiagnostic[],
): TargetOutcome<S> {
  const rewritten = serverLabel(target, label);
  switch (target.kind) {
    case 'parent':
      if (facts.parentProvides.has(service)) return { ok: true, kind: 'parent', label: rewritten };
      return {
        ok: false,
        reason: facts.parentProvides.size === 0
          ? `the parent provides nothing: <parent-provides> is missing or empty`
          : `"${service}" is not in <parent-provides> (${[...facts.parentProvides].join(', ')})`,
      };
    case 'child': {
      const alias = facts.aliases.get(target.name);
      const name = alias ?? target.name;
      /* The most recently registered service of that name; an abandoned one fails the target. */
      const found = facts.services.filter((s) => s.name === service && s.child.name === name).at(-1);
      if (found !== undefined && !found.abandoned) return { ok: true, kind: 'child', service: found, label: rewritten };
      const via = alias === undefined ? '' : ` (alias "${target.name}")`;
      if (found !== undefined) return { ok: false, reason: `the ${service} service of child "${name}"${via} is going away (the child is being removed or restarted)` };
      if (!facts.hasChild(name)) return { ok: false, reason: `there is no child "${name}"${via}` };
      return { ok: false, reason: `child "${name}"${via} does not provide ${service} (its <provides> has no <service name="${service}"/>)` };
    }
    case 'any-child': {
      const candidates = facts.services.filter((s) => s.name === service && !s.abandoned);
      if (candidates.length > 1) {
        diagnostics.push({ level: 'error', text: `${child.name}: ambiguous routes to service "${service}"` });
        return { ok: false, reason: `${candidates.length} children provide ${service} (${candidates.map((s) => s.child.name).join(', ')}): ambiguous` };
      }
      const found = candidates[0];
      if (found === undefined) return { ok: false, reason: `no child provides ${service}` };
      return { ok: true, kind: 'child', service: found, label: rewritten };
    }
    case 'local':
      return { ok: false, reason: 'init has no local services' };
  }
}

/** A node's opening tag as written, without its content: `<service name="LOG" label="x">`, `<child name="a"/>`. */
export function openingTag(node: XmlNode): string {
  const attributes = node.attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
  const empty = node.content().trim() === '';
  return `<${node.type}${attributes}${empty ? '/' : ''}>`;
}

/**
 * One line saying which config line denied a request, for init's log
 * after Genode's own messages (which stay as they are):
 *
 *   (route of "a" to LOG (label "a"): config line 12, <child name="nobody"/>: there is no child "nobody")
 */
export function denialSummary(decision: RouteDecision<RoutableService>): string {
  const { outcome } = decision;
  const head = `route of "${decision.child}" to ${decision.service} (label "${decision.label}")`;
  if (outcome.kind !== 'deny') return `(${head}: not denied)`;
  const failed = (step: RuleStep<RoutableService>) => {
    const targets = step.targets.map((t) => `config line ${t.target.node.line}, ${openingTag(t.target.node)}: ${t.outcome.ok ? 'ok' : t.outcome.reason}`);
    return targets.length > 0 ? targets.join('; ') : `config line ${step.rule.node.line}, ${openingTag(step.rule.node)}: the rule has no targets`;
  };
  switch (outcome.why) {
    case 'no-table':
      return `(${head}: the child has no <route> and the config no <default-route>)`;
    case 'targets-failed': {
      const step = decision.steps.at(-1);
      return `(${head}: ${step === undefined ? 'no targets' : failed(step)})`;
    }
    case 'no-match': {
      const table = decision.table;
      const where = table === undefined ? '' : ` of <${table.node.type}> (config line ${table.node.line})`;
      const fellThrough = decision.steps.filter((step) => step.verdict.matched);
      if (fellThrough.length === 0) return `(${head}: no rule${where} matches)`;
      return `(${head}: ${fellThrough.map(failed).join('; ')}; no other rule${where} matches)`;
    }
  }
}
