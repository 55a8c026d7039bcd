/*
 * The routing tables on their own (spec/init.md §2.4, §2.5): targets that
 * lead nowhere (a child that is not there or does not provide the
 * service, a service the parent does not provide, an ambiguous
 * `<any-child/>`). An explicit `<service>` rule whose every target fails
 * denies the sessions it matches: an error. A failing target before one
 * that works, or in an `<any-service>` rule, only costs a detour: a warning.
 */

import { report, type Level } from './context.js';
import type { RoutingTable } from './init_model.js';
import { ANY_LABEL } from './label_pattern.js';
import { childNamed, tryTarget, type RouteFailure } from './static_route.js';

function checkTable(level: Level, table: RoutingTable): void {
  for (const rule of table.rules) {
    if (rule.any) {
      for (const target of rule.targets) {
        if (target.kind !== 'child') continue;
        const server = childNamed(level.model, target.name);
        const result = tryTarget(level.model, target, '', ANY_LABEL);
        if (server === undefined && 'failure' in result) report(level, 'warning', target.node, `route for any service: ${result.failure.reason}`, result.failure.hint, 'name');
        else if (server !== undefined && server.provides.size === 0) {
          report(level, 'warning', target.node, `route for any service: child "${server.name}" provides no service (it has no <provides>)`,
            `add <provides> to <start name="${server.name}">, or route to another target`);
        }
      }
      continue;
    }
    if (rule.service === '') continue;
    if (rule.targets.length === 0) {
      report(level, 'warning', rule.node, `route for "${rule.service}" has no target: init denies every "${rule.service}" session it matches`,
        'add a target: <parent/>, <child name="..."/> or <any-child/>');
      continue;
    }
    const failures: RouteFailure[] = [];
    let served = false;
    for (const target of rule.targets) {
      const result = tryTarget(level.model, target, rule.service, ANY_LABEL);
      if ('ok' in result) {
        served = true;
        break;
      }
      failures.push(result.failure);
    }
    if (!served) {
      const [first, ...more] = failures;
      if (first === undefined) continue;
      const also = more.length > 0 ? `; ${more.map((failure) => failure.reason).join('; ')}` : '';
      report(level, 'error', first.node, `route for "${rule.service}": ${first.reason}${also}: init denies every "${rule.service}" session this rule matches`, first.hint);
    } else {
      for (const failure of failures) {
        report(level, 'warning', failure.node, `route for "${rule.service}": ${failure.reason}: init tries the next target`, failure.hint);
      }
    }
  }
}

/** Checks `<default-route>` and every child's `<route>`. */
export function checkRoutes(level: Level): void {
  if (level.model.defaultRoute !== undefined) checkTable(level, level.model.defaultRoute);
  for (const child of level.model.children.values()) {
    if (child.routes !== undefined && child.routes !== level.model.defaultRoute) checkTable(level, child.routes);
  }
}
