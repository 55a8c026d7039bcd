/*
 * Where a child's session request goes (spec/init.md §2.3–§2.6): the
 * special ROM resolutions, then the child's routing table, rule by rule,
 * target by target, with label rewriting on the chosen target.
 */

import type { Implementation, LocalRom, Root, Route } from 'nido';
import type { Globals } from './config_model.js';
import type { ChildService, InitChild } from './init_child.js';
import { decideRoute, denialSummary, type RouteDecision, type RoutingFacts } from './route_decision.js';
import { serverLabel } from './route_model.js';

export interface RoutingOutput {
  log(text: string): void;
  warning(text: string): void;
  error(text: string): void;
}

export interface RoutingContext {
  readonly globals: Globals;
  /** Declared services, in registration order. */
  readonly services: readonly ChildService[];
  /** The live children (read only to explain a denial). */
  readonly children: readonly { readonly name: string }[];
  readonly out: RoutingOutput;
  /** Services of init's own that `<local/>` reaches: none in init, PD and CPU in the monitor (src/server/monitor). */
  readonly localServices?: ReadonlyMap<string, Implementation<Root>>;
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

/** What the routing decision reads of the sandbox. */
export function routingFacts(ctx: RoutingContext): RoutingFacts<ChildService> {
  return {
    parentProvides: ctx.globals.parentProvides,
    aliases: ctx.globals.aliases,
    services: ctx.services,
    hasChild: (name) => ctx.children.some((child) => child.name === name),
  };
}

/** Decides where a request of `child` goes, without acting on it. */
export function routeDecision(ctx: RoutingContext, child: InitChild, query: RouteQuery): RouteDecision<ChildService> {
  return decideRoute(routingFacts(ctx), {
    name: child.name,
    binary: child.binary,
    inlineConfig: child.startNode.hasChild('config') && child.configRom !== undefined,
    routes: child.routes,
  }, query);
}

/**
 * Resolves a request of `child`. Unless quiet, init logs Genode's messages
 * of the decision and, for a denial, one more line naming the config line
 * that decided it (denialSummary).
 */
export function resolveRoute(ctx: RoutingContext, child: InitChild, query: RouteQuery): Route {
  const decision = routeDecision(ctx, child, query);
  const local = localRoute(ctx, decision);
  if (local !== undefined) return local;
  const { outcome } = decision;
  if (query.quiet !== true) {
    for (const diagnostic of decision.diagnostics) ctx.out[diagnostic.level](diagnostic.text);
    if (outcome.kind === 'deny') ctx.out.log(denialSummary(decision));
  }
  switch (outcome.kind) {
    case 'config': return { kind: 'local', root: child.configRom as LocalRom, label: outcome.label };
    case 'parent': return { kind: 'parent', label: outcome.label };
    case 'child': return { kind: 'child', server: outcome.service.child.child, label: outcome.label };
    case 'deny': return DENY;
  }
}

/*
 * A `<local/>` target reached before any other target succeeded, of a
 * service the sandbox has locally. The decision itself knows no local
 * services (init has none: the target fails there, and the decision
 * records it as tried), so the first such target it tried is the route.
 */
function localRoute(ctx: RoutingContext, decision: RouteDecision<ChildService>): Route | undefined {
  const root = ctx.localServices?.get(decision.service);
  if (root === undefined) return undefined;
  for (const step of decision.steps) {
    for (const { target } of step.targets) {
      if (target.kind === 'local') return { kind: 'local', root, label: serverLabel(target, decision.label) };
    }
  }
  return undefined;
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
