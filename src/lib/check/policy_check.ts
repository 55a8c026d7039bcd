/*
 * Policies of the shipped servers (spec/init.md §2.8): a `<policy>` whose
 * label conditions hold for no session any route of this config can give
 * the server is dead, most likely a misspelt label: a warning, with the
 * labels the server does get. Nothing is said where a client's labels are
 * not known (a rule that rewrites to a label the check cannot tell, a
 * session forwarded from init's parent).
 */

import type { XmlNode } from '../../util/xml.js';
import { report, type Level } from './context.js';
import type { CheckedChild } from './child_check.js';
import { didYouMean } from './edit_distance.js';
import { describeLabel, policyMatch, rewriteLabel, ruleLabels, type LabelPattern } from './label_pattern.js';
import { childNamed, providers } from './static_route.js';

/** The labels of the sessions of `service` that routes of this config can bring to `server`; undefined: some cannot be told. */
function clientLabels(level: Level, server: string, service: string): LabelPattern[] | undefined {
  const model = level.model;
  const found: LabelPattern[] = [];
  for (const forward of model.config.children('service')) {
    if (forward.stringAttribute('name', '') !== service) continue;
    const targets = [...forward.children('policy'), ...forward.children('default-policy')].flatMap((policy) => policy.children('child'));
    if (targets.some((target) => childNamed(model, target.stringAttribute('name', ''))?.name === server)) return undefined;
  }
  const sole = providers(model, service);
  for (const client of model.children.values()) {
    if (client.name === server || client.routes === undefined) continue;
    for (const rule of client.routes.rules) {
      if (!rule.any && rule.service !== service) continue;
      for (const target of rule.targets) {
        const reaches = (target.kind === 'child' && childNamed(model, target.name)?.name === server)
          || (target.kind === 'any-child' && sole.length === 1 && sole[0]?.name === server);
        if (!reaches) continue;
        const label = rewriteLabel(target, ruleLabels(rule, client.name));
        if (label.kind === 'any') return undefined;
        found.push(label);
      }
    }
  }
  return found;
}

function policyText(policy: XmlNode): string {
  return ['label', 'label_prefix', 'label_suffix'].filter((name) => policy.hasAttribute(name))
    .map((name) => `${name}="${policy.attribute(name) ?? ''}"`).join(' ');
}

export function checkPolicies(level: Level, children: ReadonlyMap<string, CheckedChild>): void {
  for (const server of children.values()) {
    if (server.schema?.policies === undefined || server.config === undefined) continue;
    for (const container of server.schema.policies(server.config)) {
      if (!server.child.provides.has(container.service)) continue;
      const labels = clientLabels(level, server.child.name, container.service);
      if (labels === undefined || labels.length === 0) continue;
      for (const policy of container.node.children('policy')) {
        if (labels.some((label) => policyMatch(policy, label) !== 'no')) continue;
        const exact = labels.flatMap((label) => (label.kind === 'exact' ? [label.label] : label.kind === 'prefix' ? [label.prefix] : []));
        const written = policy.attribute('label') ?? policy.attribute('label_prefix') ?? policy.attribute('label_suffix') ?? '';
        report({ ctx: level.ctx, file: server.configFile }, 'warning', policy,
          `<policy ${policyText(policy)}> of ${server.child.name} matches no ${container.service} session: the routes of this config give ${server.child.name} sessions labelled ${[...new Set(labels.map(describeLabel))].join(', ')}`,
          didYouMean(written, exact) ?? 'write the label as the server sees it: the client\'s name, " -> ", then the label the client chose (spec/init.md §2.2)',
          ['label', 'label_prefix', 'label_suffix'].find((name) => policy.hasAttribute(name)));
      }
    }
  }
}
