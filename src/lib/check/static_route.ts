/*
 * Routing without running (spec/init.md §2.3–§2.5): where a request of a
 * child goes, decided from the config alone. A rule whose label condition
 * may or may not hold for what is known of the label makes the answer
 * "unknown": the check then says nothing rather than something wrong.
 */

import { lastElement } from '../../util/label.js';
import type { XmlNode } from '../../util/xml.js';
import { didYouMean } from './edit_distance.js';
import type { ChildModel, InitModel, RuleModel, TargetModel } from './init_model.js';
import { exactLabel, rewriteLabel, ruleLabelMatch, type LabelPattern } from './label_pattern.js';

export interface RouteFailure {
  /** The target (or rule, or start node) that did not lead anywhere. */
  readonly node: XmlNode;
  readonly reason: string;
  readonly hint: string | undefined;
}

export type StaticRoute =
  | { readonly kind: 'parent'; readonly label: LabelPattern; readonly target: TargetModel }
  | { readonly kind: 'child'; readonly server: ChildModel; readonly label: LabelPattern; readonly target: TargetModel }
  /** The child's inline `<config>` (§2.3 rule 1). */
  | { readonly kind: 'config' }
  /** Denied: by the explicit `rule` whose targets all failed, or because no rule matched. */
  | { readonly kind: 'denied'; readonly failures: readonly RouteFailure[]; readonly rule: RuleModel | undefined }
  | { readonly kind: 'unknown' };

export interface Request {
  readonly service: string;
  readonly label: LabelPattern;
  /** An environment session (the binary ROM request is re-resolved under the binary's name). */
  readonly env: boolean;
}

type TargetResult = { readonly ok: StaticRoute } | { readonly failure: RouteFailure };

/** The child an alias or a child name stands for. */
export function childNamed(model: InitModel, name: string): ChildModel | undefined {
  return model.children.get(model.aliases.get(name)?.child ?? name);
}

/** Who provides `service` among the children, in config order. */
export function providers(model: InitModel, service: string): ChildModel[] {
  return [...model.children.values()].filter((child) => child.provides.has(service));
}

function parentProvidesHint(model: InitModel, service: string): string {
  return model.parentProvidesNode === undefined
    ? `there is no <parent-provides>: add <parent-provides> <service name="${service}"/> </parent-provides>`
    : `add <service name="${service}"/> to <parent-provides> (line ${model.parentProvidesNode.line})`;
}

export function tryTarget(model: InitModel, target: TargetModel, service: string, label: LabelPattern): TargetResult {
  const rewritten = rewriteLabel(target, label);
  switch (target.kind) {
    case 'parent':
      if (model.parentProvides?.has(service) === true) return { ok: { kind: 'parent', label: rewritten, target } };
      return { failure: { node: target.node, reason: `the parent provides no "${service}" (it is not in <parent-provides>)`, hint: parentProvidesHint(model, service) } };
    case 'child': {
      const server = childNamed(model, target.name);
      if (server === undefined) {
        const names = [...model.children.keys(), ...model.aliases.keys()];
        return {
          failure: {
            node: target.node,
            reason: `<child name="${target.name}"> names no child of this config`,
            hint: didYouMean(target.name, names) ?? (names.length === 0 ? 'add a <start> of that name'
              : `the ${names.length === 1 ? 'only child is' : 'children are'} ${names.map((n) => `"${n}"`).join(', ')}`),
          },
        };
      }
      if (!server.provides.has(service)) {
        const offered = [...server.provides.keys()];
        return {
          failure: {
            node: target.node,
            reason: `child "${server.name}" does not provide "${service}"${offered.length > 0 ? ` (it provides ${offered.join(', ')})` : ' (it has no <provides>)'}`,
            hint: `add <service name="${service}"/> to the <provides> of <start name="${server.name}"> (line ${server.node.line}), if it serves it`,
          },
        };
      }
      return { ok: { kind: 'child', server, label: rewritten, target } };
    }
    case 'any-child': {
      const found = providers(model, service);
      if (found.length === 1) return { ok: { kind: 'child', server: found[0] as ChildModel, label: rewritten, target } };
      if (found.length === 0) {
        return { failure: { node: target.node, reason: `no child provides "${service}"`, hint: `a child that serves it needs <provides> <service name="${service}"/> </provides>` } };
      }
      return {
        failure: {
          node: target.node,
          reason: `<any-child/> is ambiguous for "${service}": ${found.map((c) => c.name).join(' and ')} provide it (init logs an error and tries the next target)`,
          hint: `name the child: <child name="${(found[0] as ChildModel).name}"/>`,
        },
      };
    }
    case 'local':
      return { failure: { node: target.node, reason: 'plain init has no local services', hint: 'route to <parent/> or a <child/>' } };
  }
}

/** Where `request` of `child` goes (spec/init.md §2.3, §2.4). */
export function resolveStatic(model: InitModel, child: ChildModel, request: Request): StaticRoute {
  let label = request.label;
  if (request.service === 'ROM' && label.kind === 'exact') {
    if (lastElement(label.label) === 'config' && child.config !== undefined) return { kind: 'config' };
    if (request.env && label.label === child.name && child.binary !== child.name) label = exactLabel(child.binary);
  }
  if (child.routes === undefined) {
    return {
      kind: 'denied',
      rule: undefined,
      failures: [{
        node: child.node,
        reason: 'it has no <route> and there is no <default-route>: init denies every session of it',
        hint: 'add <default-route> <any-service> <parent/> </any-service> </default-route>',
      }],
    };
  }
  const failures: RouteFailure[] = [];
  for (const rule of child.routes.rules) {
    if (!rule.any && rule.service !== request.service) continue;
    const match = ruleLabelMatch(rule, child.name, label);
    if (match === 'no') continue;
    if (match === 'maybe') return { kind: 'unknown' };
    for (const target of rule.targets) {
      const result = tryTarget(model, target, request.service, label);
      if ('ok' in result) return result.ok;
      failures.push(result.failure);
    }
    /* An explicit <service> rule does not fall through (§2.4). */
    if (!rule.any) return { kind: 'denied', failures, rule };
  }
  return { kind: 'denied', failures, rule: undefined };
}
