/*
 * Where a child's session request goes (spec/init.md §2.3–§2.6): the
 * special ROM resolutions, then the child's routing table, rule by rule,
 * target by target, with label rewriting on the chosen target.
 */

import { lastElement, type Route } from 'nido';
import type { Globals } from './config_model.js';
import type { ChildService, InitChild } from './init_child.js';
import { mixesLabelScopes, ruleMatches, serverLabel, type RouteTarget } from './route_model.js';

export interface RoutingOutput {
  warning(text: string): void;
  error(text: string): void;
}

export interface RoutingContext {
  readonly globals: Globals;
  /** Declared services, in registration order. */
  readonly services: readonly ChildService[];
  readonly out: RoutingOutput;
}

export interface RouteQuery {
  readonly service: string;
  /** The client label (env sessions: the child's name). */
  readonly label: string;
  /** An environment session (the binary ROM request is recognised by this). */
  readonly env: boolean;
  /** Re-evaluations resolve quietly: no warnings for what the first resolution already reported. */
  readonly quiet?: boolean;
}

const DENY: Route = Object.freeze({ kind: 'deny' });

/** Resolves a request of `child`. */
export function resolveRoute(ctx: RoutingContext, child: InitChild, query: RouteQuery): Route {
  const { service } = query;
  let label = query.label;
  if (service === 'ROM') {
    /* §2.3 rule 1: the inline config. */
    if (lastElement(label) === 'config' && child.startNode.hasChild('config') && child.configRom !== undefined) {
      return { kind: 'local', root: child.configRom, label };
    }
    /* §2.3 rule 2: the binary request is re-resolved under the binary's name. */
    if (query.env && label === child.name && child.binary !== child.name) label = child.binary;
  }
  const table = child.routes;
  if (table === undefined) return DENY;
  for (const rule of table.rules) {
    if (mixesLabelScopes(rule) && query.quiet !== true) ctx.out.warning('service node contains both scoped and unscoped label attributes');
    if (!ruleMatches(rule, child.name, service, label)) continue;
    for (const target of rule.targets) {
      const route = resolveTarget(ctx, child, target, service, label, query.quiet === true);
      if (route !== undefined) return route;
    }
    /* An explicit <service> rule does not fall through (§2.4). */
    if (!rule.any) return DENY;
  }
  if (query.quiet !== true) ctx.out.warning(`${child.name}: no route to service "${service}" (label="${label}")`);
  return DENY;
}

function resolveTarget(ctx: RoutingContext, child: InitChild, target: RouteTarget, service: string, label: string, quiet: boolean): Route | undefined {
  const rewritten = serverLabel(target, label);
  switch (target.kind) {
    case 'parent':
      return ctx.globals.parentProvides.has(service) ? { kind: 'parent', label: rewritten } : undefined;
    case 'child': {
      const name = ctx.globals.aliases.get(target.name) ?? target.name;
      /* The most recently registered service of that name; an abandoned one fails the target. */
      const found = ctx.services.filter((s) => s.name === service && s.child.name === name).at(-1);
      return found === undefined || found.abandoned ? undefined : { kind: 'child', server: found.child.child, label: rewritten };
    }
    case 'any-child': {
      const candidates = ctx.services.filter((s) => s.name === service && !s.abandoned);
      if (candidates.length > 1) {
        if (!quiet) ctx.out.error(`${child.name}: ambiguous routes to service "${service}"`);
        return undefined;
      }
      const found = candidates[0];
      return found === undefined ? undefined : { kind: 'child', server: found.child.child, label: rewritten };
    }
    case 'local':
      return undefined;
  }
}

/** Whether two routes lead to the same service under the same server label (§4.5). */
export function sameRoute(a: Route, b: Route): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'deny': return true;
    case 'parent': return a.label === (b as typeof a).label;
    case 'child': return a.server === (b as typeof a).server && a.label === (b as typeof a).label;
    case 'local': return a.root === (b as typeof a).root && a.label === (b as typeof a).label;
  }
}
