/*
 * `nido why DIR --session SERVICE --label LABEL`: where a session request
 * goes and why. The label is as a server sees it from the top ("init -> a"
 * for child a's environment session, "init -> a -> x" for a's own session
 * labelled x, "init -> sub -> b" for child b of a nested init sub), or as
 * init sees it ("a", "a -> x"). Every init on the way decides with its
 * real routing code (sandbox/route_decision.ts), rule by rule.
 */

import { labelElements, SessionArgs } from 'nido';
import { CPU_SESSION_CAPS, CPU_SESSION_RAM } from '../../session/cpu/interface.js';
import { LOG_SESSION_CAPS, LOG_SESSION_RAM } from '../../session/log/interface.js';
import { PD_SESSION_CAPS, PD_SESSION_RAM } from '../../session/pd/interface.js';
import { ROM_SESSION_CAPS, ROM_SESSION_RAM } from '../../session/rom/interface.js';
import { denialSummary, openingTag, type RouteDecision, type RuleStep } from '../sandbox/route_decision.js';
import type { InitModel, StaticChild, StaticService } from './init_model.js';
import type { StateReport } from './state_report.js';
import type { Destination, Hop, PolicyAnswer, SystemModel, Trace } from './system_model.js';

/** The child that asks, in the init that routes its request first. */
export interface Requester {
  readonly model: InitModel;
  readonly child: StaticChild;
  /** The label as that init sees it: the child's name for an environment session, else "name -> label". */
  readonly label: string;
  /** An environment session (PD, CPU, LOG and the binary ROM are opened by init for the child). */
  readonly env: boolean;
}

export type Located = { readonly ok: true; readonly requester: Requester } | { readonly ok: false; readonly reason: string };

/** Environment sessions as init opens them (base/child.ts): their first request's quota. */
const ENV_QUOTA: Readonly<Record<string, { readonly ram: number; readonly caps: number }>> = {
  PD: { ram: PD_SESSION_RAM, caps: PD_SESSION_CAPS },
  CPU: { ram: CPU_SESSION_RAM, caps: CPU_SESSION_CAPS },
  LOG: { ram: LOG_SESSION_RAM, caps: LOG_SESSION_CAPS },
  ROM: { ram: ROM_SESSION_RAM, caps: ROM_SESSION_CAPS },
};

export const ENV_SERVICES: readonly string[] = ['PD', 'CPU', 'LOG', 'ROM'];

/** Finds the child that makes a request with `label` (see the header), descending into nested inits. */
export async function locateRequester(system: SystemModel, label: string, service: string): Promise<Located> {
  const elements = labelElements(label);
  if (elements.length > 1 && elements[0] === system.top.label && system.top.child(system.top.label) === undefined) elements.shift();
  let model = system.top;
  for (;;) {
    const name = elements[0] ?? '';
    const child = model.child(name);
    if (child === undefined) {
      const names = model.children.map((c) => c.name);
      return { ok: false, reason: `${model.label} (${model.source}) has no child "${name}"${names.length === 0 ? '' : ` (its children: ${names.join(', ')})`}` };
    }
    const rest = elements.slice(1);
    if (rest.length === 0) {
      const env = ENV_SERVICES.includes(service);
      return { ok: true, requester: { model, child, label: env ? name : `${name} -> `, env } };
    }
    if (child.binary === 'init' && rest.length > 0) {
      const nested = await system.nested(model, child);
      if (typeof nested !== 'string' && nested.child(rest[0] ?? '') !== undefined) {
        model = nested;
        elements.shift();
        continue;
      }
    }
    return { ok: true, requester: { model, child, label: elements.join(' -> '), env: false } };
  }
}

export interface SessionAnswer {
  readonly service: string;
  readonly requester: Requester;
  readonly trace: Trace;
}

/** Follows `service` for `label` through the system (see locateRequester for labels). */
export async function explainSession(system: SystemModel, service: string, label: string): Promise<SessionAnswer | { readonly error: string }> {
  const located = await locateRequester(system, label, service);
  if (!located.ok) return { error: located.reason };
  const { requester } = located;
  const trace = await system.trace(requester.model, requester.child, { service, label: requester.label, env: requester.env }, { policies: true });
  return { service, requester, trace };
}

/* ------------------------------------------------------------------ text */

function ruleLines(model: InitModel, step: RuleStep<StaticService>): string[] {
  const lines = [`    ${model.place(step.rule.node)}  ${openingTag(step.rule.node)}  ${step.verdict.matched ? 'matches' : 'no'}: ${step.verdict.reason}`];
  for (const { target, outcome } of step.targets) {
    const result = !outcome.ok ? `fails: ${outcome.reason}`
      : outcome.kind === 'parent' ? `taken: the parent, label "${outcome.label}"`
      : `taken: child "${outcome.service.child.name}" provides ${outcome.service.name}, label "${outcome.label}"`;
    lines.push(`      ${model.place(target.node)}  ${openingTag(target.node)}  ${result}`);
  }
  if (step.verdict.matched && step.targets.every((t) => !t.outcome.ok)) {
    lines.push(step.rule.any ? '      every target failed: <any-service> falls through to the next rule'
      : '      every target failed: a matching <service> rule does not fall through: denied');
  }
  return lines;
}

function routeLines(hop: Extract<Hop, { kind: 'route' }>): string[] {
  const { model, child, decision } = hop;
  const lines = [`${model.label} (${model.source}) routes ${decision.service} of child "${child.name}" (${model.place(child.start)}), label "${decision.requestLabel}"${decision.env ? ', an environment session' : ''}:`];
  if (decision.label !== decision.requestLabel) {
    lines.push(`  the binary request is routed as ROM "${decision.label}", the binary's name (spec/init.md §2.3)`);
  }
  const outcome = decision.outcome;
  if (outcome.kind === 'config') {
    const config = child.start.child('config');
    lines.push(`  the label's last element is "config" and the start node has a <config>${config === undefined ? '' : ` (${model.place(config)})`}: init serves it (spec/init.md §2.3)`);
    return lines;
  }
  const table = decision.table;
  if (table === undefined) {
    lines.push(`  "${child.name}" has no <route> and the config no <default-route>: denied (init logs no warning of its own)`);
    return lines;
  }
  lines.push(`  its ${table.node.type === 'route' ? '<route>' : '<default-route> (it has no <route>)'} at ${model.place(table.node)}:`);
  for (const step of decision.steps) lines.push(...ruleLines(model, step));
  if (outcome.kind === 'deny' && outcome.why === 'no-match') {
    lines.push('  no rule matches: denied');
  }
  return lines;
}

function forwardLines(hop: Extract<Hop, { kind: 'forward' }>): string[] {
  const { model, decision, service, label } = hop;
  const lines = [`${model.label} serves ${service} to its parent with its <service> nodes (spec/init.md §2.9), label "${label}":`];
  switch (decision.kind) {
    case 'no-service-node':
      lines.push(`  it has no <service name="${service}">: the request stays pending`);
      break;
    case 'no-policy':
      lines.push(`  ${model.place(decision.node)}  ${openingTag(decision.node)}  no <policy> matches "${label}" and there is no <default-policy>: denied`);
      break;
    case 'no-child':
      lines.push(`  ${model.place(decision.policy)}  ${openingTag(decision.policy)}  applies, but names no <child>: denied`);
      break;
    case 'no-server':
      lines.push(`  ${model.place(decision.policy)}  ${openingTag(decision.policy)}  applies: ${openingTag(decision.target)}, which provides no ${service}: pending`);
      break;
    case 'forward':
      lines.push(`  ${model.place(decision.policy)}  ${openingTag(decision.policy)}  applies: child "${decision.server.child.name}", label "${decision.label}"`);
      break;
  }
  return lines;
}

function policyLines(policy: PolicyAnswer | undefined, label: string): string[] {
  if (policy === undefined) return [];
  switch (policy.kind) {
    case 'policy':
      return [`  its config (${policy.config.source}:${policy.config.node.line}) applies ${openingTag(policy.node)} (${policy.config.source}:${policy.node.line}) to label "${label}"`];
    case 'none':
      return [`  none of the ${policy.policies} policies of its config (${policy.config.source}:${policy.config.node.line}) matches label "${label}" and there is no <default-policy>: a server that looks up policies denies the session`];
    case 'no-policies':
      return [`  its config (${policy.config.source}:${policy.config.node.line}) has no <policy>: what it grants is up to the server`];
    case 'unknown':
      return [`  its policy is not known from the configs: ${policy.reason}`];
  }
}

function destinationLines(answer: SessionAnswer, destination: Destination): string[] {
  switch (destination.kind) {
    case 'core': {
      if (!destination.provided) return [`→ core, init's parent, has no ${destination.service} service: denied`];
      if (destination.service !== 'ROM') return [`→ core serves it, label "${destination.label}"`];
      const name = destination.label.slice(destination.label.lastIndexOf(' -> ') + 4);
      if (destination.module === undefined) {
        return [`→ core's ROM service has no module "${name}" (neither in the boot directory as ${name}, ${name}.js, ${name}.mjs, ${name}.ts or ${name}.wasm, nor shipped with Nido): denied, "ROM module "${name}" not found"`];
      }
      return [`→ core serves ROM "${name}" from ${destination.module.where}, label "${destination.label}"`];
    }
    case 'config':
      return [`→ init serves the inline <config> of "${destination.child.name}" (${destination.model.place(destination.node)})`];
    case 'server':
      return [
        `→ child "${destination.child.name}" of ${destination.model.label} (${destination.model.place(destination.child.start)}, binary ${destination.child.binary}) takes the ${destination.service} session, label "${destination.label}"`,
        ...policyLines(destination.policy, destination.label),
      ];
    case 'denied':
      return ['→ denied', ...denialLog(answer)];
    case 'pending':
      return [`→ pending: ${destination.reason}`];
    case 'unknown':
      return [`→ unknown: ${destination.reason}`];
  }
}

/* What the inits log about a denial, as they would log it. */
function denialLog(answer: SessionAnswer): string[] {
  const last = answer.trace.hops.at(-1);
  const lines: string[] = [];
  if (last?.kind === 'route') {
    const decision: RouteDecision<StaticService> = last.decision;
    for (const diagnostic of decision.diagnostics) {
      lines.push(`  [${last.model.label}] ${diagnostic.level === 'warning' ? 'Warning' : 'Error'}: ${diagnostic.text}`);
    }
    lines.push(`  [${last.model.label}] ${denialSummary(decision)}`);
  }
  const { requester, service } = answer;
  const quota = ENV_QUOTA[service];
  if (requester.env && quota !== undefined) {
    const args = SessionArgs.from({ label: requester.child.name, ram_quota: quota.ram, cap_quota: quota.caps });
    lines.push(`  [${requester.model.label}] Error: ${requester.child.name}: ${service} environment session denied (${args.toString()})`);
    lines.push(`  "${requester.child.name}" stays incomplete (state="incomplete" in the state report)`);
  } else {
    lines.push(`  the request of "${requester.child.name}" fails with ServiceDenied (RouteMissing)`);
  }
  if (last?.kind === 'forward') lines.push(`  [${last.model.label}] refuses it: no policy for ${service} session "${last.label}"`);
  return lines;
}

/**
 * What the requester's init reports of this session: it lists a child's
 * sessions by the label their server sees (the first init's decision).
 */
export function reportedSessionLines(answer: SessionAnswer, report: StateReport, source: string): string[] {
  const { requester, service } = answer;
  const child = report.children.find((c) => c.name === requester.child.name && (c.version ?? '') === requester.child.version);
  if (child === undefined) return [`${source}: lists no child "${requester.child.name}"`];
  if (child.requested === undefined) return [`${source}: has no sessions of "${requester.child.name}" (<report requested="yes"/>)`];
  const first = answer.trace.hops[0];
  const outcome = first?.kind === 'route' ? first.decision.outcome : undefined;
  const label = outcome === undefined || outcome.kind === 'deny' ? first?.kind === 'route' ? first.decision.label : requester.label : outcome.label;
  const found = child.requested.filter((s) => s.service === service && s.label === label);
  if (found.length === 0) {
    return [`${source}: "${requester.child.name}" holds no ${service} session labelled "${label}"${outcome?.kind === 'deny' ? ' (a session denied by its route does not stay in the list)' : ''}`];
  }
  return found.map((s) => `${source}: "${requester.child.name}" has its ${service} session "${s.label}" in state ${s.state} (${s.ram} bytes, ${s.caps} caps donated)`);
}

/** The answer as `nido why` prints it. */
export function formatSessionAnswer(answer: SessionAnswer): string {
  const { requester, service } = answer;
  const kind = requester.env ? 'its environment session' : `its own session, label "${requester.label}"`;
  const lines = [`${service} session of "${requester.child.name}" in ${requester.model.label} (${kind})`, ''];
  for (const hop of answer.trace.hops) lines.push(...(hop.kind === 'route' ? routeLines(hop) : forwardLines(hop)));
  lines.push(...destinationLines(answer, answer.trace.destination));
  return lines.join('\n') + '\n';
}
