/*
 * `nido why DIR --child a`: why a child is not running, or what it does.
 * From the config alone: where each environment session init opens for it
 * goes (spec/init.md §4.3: PD, then CPU, LOG and the binary ROM), whether
 * its binary resolves, whether its quota fits in what init has left, and
 * whether the services its routing table names lead anywhere. From init's
 * state report (§5.1): whether it runs, is incomplete (and waiting for
 * which session) or exited, and with what value.
 */

import { formatNumBytes } from 'nido';
import { denialSummary, openingTag } from '../sandbox/route_decision.js';
import type { RouteRule } from '../sandbox/route_model.js';
import type { InitModel, StaticChild } from './init_model.js';
import { initOwnQuota, startQuotas } from './quota.js';
import { ENV_SERVICES } from './session.js';
import type { ReportedChild, ReportedSession, StateReport } from './state_report.js';
import type { Destination, SystemModel, Trace } from './system_model.js';

export interface Finding {
  readonly level: 'ok' | 'problem' | 'note';
  readonly text: string;
  readonly detail?: readonly string[];
}

export interface ChildAnswer {
  readonly model: InitModel;
  readonly child: StaticChild;
  readonly config: readonly Finding[];
  /** From the state report, when one was read. */
  readonly report: { readonly source: string; readonly findings: readonly Finding[] } | undefined;
}

/* How deep "waits for a server that waits for ..." is followed. */
const MAX_DEPTH = 8;

function destinationText(destination: Destination): string {
  switch (destination.kind) {
    case 'core': return destination.provided ? 'core' : `core, which has no ${destination.service} service`;
    case 'config': return `the inline <config> of "${destination.child.name}"`;
    case 'server': return `child "${destination.child.name}" of ${destination.model.label} (${destination.model.place(destination.child.start)})`;
    case 'denied': return 'denied';
    case 'pending': return `pending: ${destination.reason}`;
    case 'unknown': return `unknown: ${destination.reason}`;
  }
}

/* Why a denied request was denied, in init's words plus the deciding line. */
function denialDetail(trace: Trace): string[] {
  const last = trace.hops.at(-1);
  if (last?.kind === 'route') {
    return [
      ...last.decision.diagnostics.map((d) => `[${last.model.label}] ${d.level === 'warning' ? 'Warning' : 'Error'}: ${d.text}`),
      `[${last.model.label}] ${denialSummary(last.decision)}`,
    ];
  }
  if (last?.kind === 'forward') return [`${last.model.label} has no policy for ${last.service} session "${last.label}"`];
  return [];
}

/* A label a rule matches, for asking where its service goes. */
function labelFor(rule: RouteRule, child: string): string {
  if (rule.unscopedLabel !== undefined) return rule.unscopedLabel;
  const own = rule.labelLast ?? rule.label ?? rule.labelPrefix ?? rule.labelSuffix ?? '';
  return `${child} -> ${own.trim()}`;
}

export class ChildExplainer {
  readonly #system: SystemModel;
  readonly #problems = new Map<StaticChild, Promise<string | undefined>>();

  constructor(system: SystemModel) {
    this.#system = system;
  }

  /**
   * The first thing that keeps `child` from starting, from the config alone
   * (undefined: nothing). `path` holds the clients waiting for it, to see a
   * circle of servers waiting for each other.
   */
  firstProblem(model: InitModel, child: StaticChild, path: readonly StaticChild[] = []): Promise<string | undefined> {
    if (path.includes(child)) return Promise.resolve(`"${child.name}" waits for a server that waits for "${child.name}"`);
    if (path.length > MAX_DEPTH) return Promise.resolve(undefined);
    let known = this.#problems.get(child);
    if (known === undefined) {
      known = this.#configFindings(model, child, [...path, child]).then((findings) => findings.find((f) => f.level === 'problem')?.text);
      this.#problems.set(child, known);
    }
    return known;
  }

  async #envFinding(model: InitModel, child: StaticChild, service: string, path: readonly StaticChild[]): Promise<Finding> {
    const system = this.#system;
    const trace = await system.trace(model, child, { service, label: child.name, env: true }, { policies: false });
    const destination = trace.destination;
    const what = service === 'ROM' ? `ROM (its binary "${child.binary}")` : service;
    switch (destination.kind) {
      case 'core': {
        if (!destination.provided) return { level: 'problem', text: `${what} → core, which has no ${service} service: denied` };
        if (service !== 'ROM') return { level: 'ok', text: `${what} → core` };
        const name = destination.label.slice(destination.label.lastIndexOf(' -> ') + 4);
        if (destination.module === undefined) {
          return {
            level: 'problem',
            text: `its binary resolves nowhere: core has no ROM module "${name}" (not in the boot directory as ${name}, ${name}.js, ${name}.mjs, ${name}.ts or ${name}.wasm, and not shipped with Nido)`,
          };
        }
        return { level: 'ok', text: `${what} → core: ${destination.module.where}` };
      }
      case 'server': {
        const waits = await this.firstProblem(destination.model, destination.child, path);
        if (waits !== undefined) {
          return { level: 'problem', text: `${what} → ${destinationText(destination)}, which cannot start itself: ${waits}` };
        }
        return { level: 'ok', text: `${what} → ${destinationText(destination)}; it waits until that child serves it` };
      }
      case 'denied':
        return { level: 'problem', text: `${what}: no route, the environment session is denied`, detail: denialDetail(trace) };
      case 'pending':
      case 'unknown':
      case 'config':
        return { level: 'problem', text: `${what} → ${destinationText(destination)}` };
    }
  }

  async #configFindings(model: InitModel, child: StaticChild, path: readonly StaticChild[]): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const service of ENV_SERVICES) findings.push(await this.#envFinding(model, child, service, path));
    const own = initOwnQuota(model, this.#system.host.initQuota);
    const quota = startQuotas(model, own.own)[child.index];
    if (quota !== undefined) {
      const clamped = quota.messages.filter((m) => /exceed|no valid/.test(m.text));
      if (clamped.length > 0) {
        findings.push({
          level: 'problem',
          text: `its quota does not fit: it asks for ${formatNumBytes(quota.configured.ram)} and ${quota.configured.caps} caps; when it starts, init can hand out ${formatNumBytes(quota.limit.ram)} and ${quota.limit.caps} caps`,
          detail: clamped.map((m) => `[${model.label}] ${m.level === 'warning' ? 'Warning' : 'Error'}: ${m.text}`),
        });
      } else {
        findings.push({ level: 'ok', text: `quota: ${formatNumBytes(quota.transfer.ram)} and ${quota.transfer.caps} caps in its PD at its start (--quota says more)` });
      }
    }
    /* The services its routing table names explicitly: does each lead somewhere? */
    const seen = new Set<string>();
    for (const rule of child.routes?.rules ?? []) {
      if (rule.any) continue;
      const label = labelFor(rule, child.name);
      const key = `${rule.service}\u0000${label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const env = ENV_SERVICES.includes(rule.service) && label === child.name;
      if (env) continue;
      const trace = await this.#system.trace(model, child, { service: rule.service, label, env: false }, { policies: true });
      const destination = trace.destination;
      const where = `${openingTag(rule.node)} (${model.place(rule.node)})`;
      if (destination.kind === 'denied') {
        findings.push({ level: 'problem', text: `its ${rule.service} sessions matching ${where} are denied`, detail: denialDetail(trace) });
      } else if (destination.kind === 'server' && destination.policy?.kind === 'none') {
        findings.push({ level: 'problem', text: `its ${rule.service} sessions matching ${where} go to child "${destination.child.name}", whose config has no policy for label "${destination.label}"` });
      } else if (destination.kind === 'core' && !destination.provided) {
        findings.push({ level: 'problem', text: `its ${rule.service} sessions matching ${where} go to core, which has no ${rule.service} service` });
      } else {
        findings.push({ level: 'ok', text: `${rule.service} sessions matching ${where} → ${destinationText(destination)}` });
      }
    }
    if (child.binary === 'init') findings.push({ level: 'note', text: `it is an init: ask about its children with --child "${child.name} -> NAME"` });
    return findings;
  }

  /** Everything the config and, if given, the state report say about `child`. */
  async explain(model: InitModel, child: StaticChild, report: { readonly source: string; readonly state: StateReport } | undefined): Promise<ChildAnswer> {
    const config = await this.#configFindings(model, child, [child]);
    return {
      model, child, config,
      report: report === undefined ? undefined : { source: report.source, findings: await this.#reportFindings(model, child, report.state) },
    };
  }

  async #reportFindings(model: InitModel, child: StaticChild, state: StateReport): Promise<Finding[]> {
    if (state.error !== undefined) return [{ level: 'problem', text: `the report says: ${state.error} (raise <report buffer>)` }];
    const reported = state.children.find((c) => c.name === child.name && (c.version ?? '') === child.version);
    if (reported === undefined) {
      return [{ level: 'problem', text: `the report lists no child "${child.name}"${state.version === undefined ? '' : ` (report of config version "${state.version}")`}: init has not created it (yet), or the report is older than the config` }];
    }
    const findings: Finding[] = [];
    if (reported.exited !== undefined) {
      findings.push({
        level: reported.exited === 0 ? 'note' : 'problem',
        text: `"${child.name}" exited with exit value ${reported.exited}; init keeps it as an exited child until its start node changes`,
      });
      return findings;
    }
    if (!reported.incomplete) findings.push({ level: 'ok', text: `"${child.name}" is running` });
    else findings.push(...await this.#incomplete(model, child, reported));
    if (reported.skippedHeartbeats !== undefined) findings.push({ level: 'problem', text: `it missed ${reported.skippedHeartbeats} heartbeats` });
    if (reported.ram?.requested !== undefined) findings.push({ level: 'problem', text: `it asked for ${formatNumBytes(reported.ram.requested)} more RAM (a resource request) and waits for it` });
    if (reported.caps?.requested !== undefined) findings.push({ level: 'problem', text: `it asked for ${reported.caps.requested} caps more (a resource request) and waits for them` });
    for (const session of reported.requested ?? []) {
      if (session.state === 'CAP_HANDED_OUT' || session.state === 'UPGRADE_REQUESTED' || ENV_SERVICES.includes(session.service) && reported.incomplete) continue;
      findings.push(await this.#sessionFinding(model, child, session));
    }
    return findings;
  }

  async #incomplete(model: InitModel, child: StaticChild, reported: ReportedChild): Promise<Finding[]> {
    const head = `"${child.name}" is incomplete: init has not started its program`;
    if (reported.requested === undefined) {
      const problem = await this.firstProblem(model, child);
      return [{
        level: 'problem',
        text: problem === undefined ? `${head}; the config shows nothing that keeps it (the report has no <requested>: <report requested="yes"/> shows which session it waits for)` : `${head}: from the config, ${problem}`,
      }];
    }
    /* Env sessions are opened in this order; a denied one vanishes from the list, a pending one waits there. */
    for (const service of ENV_SERVICES) {
      const session = reported.requested.find((s) => s.service === service);
      if (session?.state === 'CAP_HANDED_OUT') continue;
      const trace = await this.#system.trace(model, child, { service, label: child.name, env: true }, { policies: false });
      const where = destinationText(trace.destination);
      if (session === undefined) {
        if (trace.destination.kind === 'denied') {
          return [{ level: 'problem', text: `${head}: its ${service} environment session was denied (no route)`, detail: denialDetail(trace) }];
        }
        const problem = trace.destination.kind === 'server' ? await this.firstProblem(trace.destination.model, trace.destination.child, [child]) : undefined;
        return [{ level: 'problem', text: `${head}: its ${service} environment session (→ ${where}) is not there${problem === undefined ? '' : `; that server cannot start: ${problem}`}` }];
      }
      if (session.state === 'CREATE_REQUESTED') {
        const problem = trace.destination.kind === 'server' ? await this.firstProblem(trace.destination.model, trace.destination.child, [child]) : undefined;
        return [{ level: 'problem', text: `${head}: it waits for its ${service} session at ${where}${problem === undefined ? '' : `, which cannot start: ${problem}`}` }];
      }
      return [{ level: 'problem', text: `${head}: its ${service} environment session is ${session.state} at ${where}${service === 'ROM' ? ` (does its binary "${child.binary}" exist?)` : ''}` }];
    }
    return [{ level: 'problem', text: `${head}, though its environment sessions are there (a child whose env sessions went to a child server is reported incomplete until the next config update, spec/init.md §4.3)` }];
  }

  async #sessionFinding(model: InitModel, child: StaticChild, session: ReportedSession): Promise<Finding> {
    const label = session.args === undefined ? session.label : (/label="([^"]*)"/.exec(session.args)?.[1] ?? session.label);
    const text = `its ${session.service} session "${session.label}" is ${session.state}`;
    if (!label.startsWith(`${child.name} -> `)) return { level: 'problem', text };
    const trace = await this.#system.trace(model, child, { service: session.service, label, env: false }, { policies: true });
    const destination = trace.destination;
    if (session.state === 'CREATE_REQUESTED' && destination.kind === 'server') {
      const problem = await this.firstProblem(destination.model, destination.child, [child]);
      return { level: 'problem', text: `${text}: it waits for ${destinationText(destination)}${problem === undefined ? '' : `, which cannot start: ${problem}`}` };
    }
    if (destination.kind === 'server' && destination.policy?.kind === 'none') {
      return { level: 'problem', text: `${text}: ${destinationText(destination)} has no policy for label "${destination.label}"` };
    }
    return { level: 'problem', text: `${text} (→ ${destinationText(destination)})`, detail: destination.kind === 'denied' ? denialDetail(trace) : undefined };
  }
}

const MARK = { ok: '✓', problem: '✗', note: '·' } as const;

function findingLines(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [`  ${MARK[f.level]} ${f.text}`, ...(f.detail ?? []).map((d) => `      ${d}`)]);
}

/** The answer as `nido why` prints it. */
export function formatChildAnswer(answer: ChildAnswer): string {
  const { model, child } = answer;
  const lines = [`Child "${child.name}" of ${model.label} (${model.place(child.start)}), binary ${child.binary}`, ''];
  const problem = answer.config.find((f) => f.level === 'problem');
  lines.push(problem === undefined ? 'From the config: nothing keeps it from starting.' : 'From the config: it cannot start as configured.');
  lines.push(...findingLines(answer.config));
  if (answer.report === undefined) {
    lines.push('', 'No state report read: with --report-dir R (nido run --report-dir R, a config with <report requested="yes"/>) it says what the running system does.');
  } else {
    lines.push('', `From the state report (${answer.report.source}):`, ...findingLines(answer.report.findings));
  }
  return lines.join('\n') + '\n';
}
