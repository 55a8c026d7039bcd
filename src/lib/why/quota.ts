/*
 * `nido why DIR --quota a`: where a child's RAM and caps go. From the
 * config: what it asks for (and where that is written), what init hands it
 * at start after the children before it (quota_balancer.ts's initial
 * transfer, spec/init.md §3.2) and what init pays for its environment
 * sessions. From a state report (§5.1): what it was assigned, its PD's
 * quota, use and rest, and the sessions it holds with their donations.
 */

import { ENV_CAPS, ENV_RAM, formatNumBytes, SESSION_COSTS, type XmlNode } from 'nido';
import { ROM_SESSION_CAPS, ROM_SESSION_RAM } from '../../session/rom/interface.js';
import { configuredQuota } from '../sandbox/config_model.js';
import { initialTransfer, type Configured } from '../sandbox/quota_balancer.js';
import type { RouteDiagnostic } from '../sandbox/route_decision.js';
import type { InitModel, StaticChild } from './init_model.js';
import type { ReportedChild, ReportedSession, StateReport } from './state_report.js';

/* Environment sessions Nido opens for a child: PD, CPU, LOG and the binary ROM (ENV_RAM also counts a linker ROM and ENV_CAPS the parent cap). */
export const ENV_SESSIONS_RAM = ENV_RAM - ROM_SESSION_RAM;
export const ENV_SESSIONS_CAPS = ENV_CAPS - ROM_SESSION_CAPS - 1;

export interface StartQuota {
  readonly child: StaticChild;
  readonly configured: Configured;
  /** The nodes that set the RAM and caps (the start node, `<default>` or an old `<resource>`), undefined when unset. */
  readonly ramFrom: XmlNode | undefined;
  readonly capsFrom: XmlNode | undefined;
  /** What init may hand out when the child starts (its own quota less preservation and what went before). */
  readonly limit: Configured;
  /** What init transfers into the child's PD. */
  readonly transfer: Configured;
  /** What init logs about it (clamping, ambiguous definitions). */
  readonly messages: readonly RouteDiagnostic[];
}

function ramNode(child: StaticChild, model: InitModel): XmlNode | undefined {
  const resource = child.start.children('resource').filter((r) => r.stringAttribute('name', '') === 'RAM').at(-1);
  if (resource !== undefined) return resource;
  if (child.start.hasAttribute('ram')) return child.start;
  return model.config.children('default').at(-1)?.hasAttribute('ram') === true ? model.config.children('default').at(-1) : undefined;
}

function capsNode(child: StaticChild, model: InitModel): XmlNode | undefined {
  const resource = child.start.children('resource').filter((r) => r.stringAttribute('name', '') === 'CAP').at(-1);
  if (resource !== undefined) return resource;
  if (child.start.hasAttribute('caps')) return child.start;
  return model.config.children('default').at(-1)?.hasAttribute('caps') === true ? model.config.children('default').at(-1) : undefined;
}

/**
 * The initial transfers of init's children in creation order, when init
 * itself has `own` (its own use, which the configs do not say, not counted).
 */
export function startQuotas(model: InitModel, own: Configured): StartQuota[] {
  let left = own;
  return model.children.map((child) => {
    const messages: RouteDiagnostic[] = [];
    const out = {
      warning: (text: string) => messages.push({ level: 'warning', text }),
      error: (text: string) => messages.push({ level: 'error', text }),
    };
    const configured = configuredQuota(child.start, model.globals, out);
    const limit = { ram: left.ram - model.globals.preserveRam, caps: left.caps - model.globals.preserveCaps };
    if (limit.ram < 0) out.error('RAM preservation exceeds available memory');
    if (limit.caps < 0) out.error('Capability preservation exceeds available capabilities');
    const clampedLimit = { ram: Math.max(0, limit.ram), caps: Math.max(0, limit.caps) };
    const transfer = initialTransfer(configured, clampedLimit, child.name, out, SESSION_COSTS);
    if (configured.ram - ENV_RAM <= 0) out.warning(`${child.name}: no valid RAM quota defined`);
    if (configured.caps - ENV_CAPS <= 0) out.warning(`${child.name}: no valid capability quota defined`);
    left = {
      ram: Math.max(0, left.ram - transfer.ram - ENV_SESSIONS_RAM),
      caps: Math.max(0, left.caps - transfer.caps - ENV_SESSIONS_CAPS),
    };
    return { child, configured, ramFrom: ramNode(child, model), capsFrom: capsNode(child, model), limit: clampedLimit, transfer, messages };
  });
}

export interface QuotaAnswer {
  readonly model: InitModel;
  readonly child: StaticChild;
  /** init's own quota the simulation started from, and where it comes from. */
  readonly own: Configured;
  readonly ownFrom: string;
  readonly start: StartQuota;
  readonly before: readonly StartQuota[];
  readonly reported: ReportedChild | undefined;
  readonly report: StateReport | undefined;
  readonly reportSource: string | undefined;
}

const bytes = formatNumBytes;

/* A list of names, shortened for configs with many children. */
function names(list: readonly string[]): string {
  return list.length <= 6 ? list.join(', ') : `${list.slice(0, 5).join(', ')} and ${list.length - 5} more`;
}

function place(model: InitModel, node: XmlNode | undefined, what: string): string {
  if (node === undefined) return `${what} not set: 0`;
  return `${what} from ${node.type === 'start' ? `<start name="${node.stringAttribute('name', '')}">` : `<${node.type}>`} at ${model.place(node)}`;
}

function sessionLine(session: ReportedSession): string {
  return `    ${session.service.padEnd(12)} ${`"${session.label}"`.padEnd(28)} ${session.state.padEnd(16)} ${bytes(session.ram).padStart(6)} ${String(session.caps).padStart(4)} caps`;
}

const ENV_SERVICES = ['PD', 'CPU', 'LOG', 'ROM'];

/* The env sessions are the first ones in the list (ids 1 to 4), labelled with the child's name. */
function splitSessions(child: StaticChild, sessions: readonly ReportedSession[]): { env: ReportedSession[]; own: ReportedSession[] } {
  const env: ReportedSession[] = [];
  let at = 0;
  for (const service of ENV_SERVICES) {
    const session = sessions[at];
    if (session === undefined || session.service !== service) continue;
    const binaryLabel = service === 'ROM' && session.label === child.binary;
    if (session.label !== child.name && !binaryLabel && !session.label.endsWith(` -> ${child.name}`)) continue;
    env.push(session);
    at++;
  }
  return { env, own: sessions.slice(at) };
}

/* Its PD's quota as its start transfer, less what it donated, plus what it received; what else moved is re-balancing. */
function balance(what: string, transfer: number, donated: number, received: number, quota: number, format: (n: number) => string): string {
  const expected = transfer - donated + received;
  const sum = `start ${format(transfer)} − donated ${format(donated)} + received ${format(received)} = ${format(expected)}`;
  if (expected === quota) return `  ${what} quota: ${sum}, as the report says`;
  const delta = quota - expected;
  return `  ${what} quota: ${sum}; the report says ${format(quota)}: ${format(Math.abs(delta))} ${delta > 0 ? 'more' : 'less'} from re-balancing, a granted resource request or a yield (spec/init.md §3.6–§3.8)`;
}

/** The answer as `nido why` prints it. */
export function formatQuotaAnswer(answer: QuotaAnswer): string {
  const { model, child, start, reported } = answer;
  const lines = [`RAM and caps of "${child.name}" in ${model.label} (${model.place(child.start)})`, ''];
  lines.push('From the config:');
  lines.push(`  asks for ${bytes(start.configured.ram)} RAM (${place(model, start.ramFrom, 'ram')}) and ${start.configured.caps} caps (${place(model, start.capsFrom, 'caps')})`);
  lines.push(`  ${model.label} pays its environment sessions (PD, CPU, LOG, binary ROM: ${bytes(ENV_SESSIONS_RAM)}, ${ENV_SESSIONS_CAPS} caps) and keeps ${bytes(16 * SESSION_COSTS)} and 6 caps for its own bookkeeping (spec/init.md §3.2)`);
  const given = answer.before.reduce((sum, q) => ({ ram: sum.ram + q.transfer.ram + ENV_SESSIONS_RAM, caps: sum.caps + q.transfer.caps + ENV_SESSIONS_CAPS }), { ram: 0, caps: 0 });
  const earlier = answer.before.length === 0 ? `"${child.name}" is the first child it starts`
    : `the ${answer.before.length === 1 ? 'child' : `${answer.before.length} children`} started before "${child.name}" (${names(answer.before.map((q) => q.child.name))}) ${answer.before.length === 1 ? 'takes' : 'take'} ${bytes(given.ram)} and ${given.caps} caps with ${answer.before.length === 1 ? 'its' : 'their'} environment sessions`;
  lines.push(`  ${model.label} has ${bytes(answer.own.ram)} and ${answer.own.caps} caps (${answer.ownFrom}); it keeps ${bytes(model.globals.preserveRam)} and ${model.globals.preserveCaps} caps (<resource preserve>); ${earlier}`);
  lines.push(`  so at its start "${child.name}" gets ${bytes(start.transfer.ram)} RAM and ${start.transfer.caps} caps in its PD (of ${bytes(start.limit.ram)} and ${start.limit.caps} caps it could still hand out; its own use is not counted)`);
  for (const message of start.messages) lines.push(`  [${model.label}] ${message.level === 'warning' ? 'Warning' : 'Error'}: ${message.text}`);
  if (answer.report === undefined) {
    lines.push('', 'No state report read (--report-dir): add <report child_ram="yes" child_caps="yes" requested="yes" provided="yes"/> to the config and run with --report-dir to see where they went.');
    return lines.join('\n') + '\n';
  }
  lines.push('', `From the state report${answer.reportSource === undefined ? '' : ` (${answer.reportSource})`}:`);
  if (reported === undefined) {
    lines.push(`  the report lists no child "${child.name}"`);
    return lines.join('\n') + '\n';
  }
  if (reported.exited !== undefined) lines.push(`  "${child.name}" exited with exit value ${reported.exited}: its PD and quota are gone`);
  const ram = reported.ram;
  const caps = reported.caps;
  if (ram === undefined || caps === undefined) {
    lines.push(`  no ${ram === undefined ? 'child_ram' : ''}${ram === undefined && caps === undefined ? ' and ' : ''}${caps === undefined ? 'child_caps' : ''} in the report${reported.exited === undefined ? ' (<report child_ram="yes" child_caps="yes"/>)' : ''}`);
  }
  if (ram !== undefined) {
    lines.push(`  RAM:  assigned ${bytes(ram.assigned ?? 0)}${ram.quota === undefined ? '' : `, quota ${bytes(ram.quota)}, used ${bytes(ram.used ?? 0)}, avail ${bytes(ram.avail ?? 0)}`}${ram.requested === undefined ? '' : `, asks for ${bytes(ram.requested)} more (a resource request init has not granted)`}`);
  }
  if (caps !== undefined) {
    lines.push(`  caps: assigned ${caps.assigned ?? 0}${caps.quota === undefined ? '' : `, quota ${caps.quota}, used ${caps.used ?? 0}, avail ${caps.avail ?? 0}`}${caps.requested === undefined ? '' : `, asks for ${caps.requested} more`}`);
  }
  if (reported.requested === undefined) {
    lines.push('  no sessions in the report (<report requested="yes" provided="yes"/>)');
  } else {
    const { env, own } = splitSessions(child, reported.requested);
    lines.push(`  environment sessions (paid by init, not from "${child.name}"'s quota):`);
    for (const session of env) lines.push(sessionLine(session));
    if (env.length === 0) lines.push('    none');
    const donated = own.reduce((sum, s) => ({ ram: sum.ram + s.ram + SESSION_COSTS, caps: sum.caps + s.caps }), { ram: 0, caps: 0 });
    lines.push(`  its own sessions (donated from its quota; init keeps ${SESSION_COSTS} bytes of each):`);
    for (const session of own) lines.push(sessionLine(session));
    lines.push(own.length === 0 ? '    none' : `    together ${bytes(donated.ram)} and ${donated.caps} caps`);
    if (reported.provided !== undefined) {
      const received = reported.provided.reduce((sum, s) => ({ ram: sum.ram + s.ram, caps: sum.caps + s.caps }), { ram: 0, caps: 0 });
      lines.push('  sessions it serves (their clients\' donations went into its quota):');
      for (const session of reported.provided) lines.push(sessionLine(session));
      lines.push(reported.provided.length === 0 ? '    none' : `    together ${bytes(received.ram)} and ${received.caps} caps`);
      if (ram?.quota !== undefined) lines.push(balance('RAM', start.transfer.ram, donated.ram, received.ram, ram.quota, bytes));
      if (caps?.quota !== undefined) lines.push(balance('caps', start.transfer.caps, donated.caps, received.caps, caps.quota, String));
    }
  }
  return lines.join('\n') + '\n';
}

/** What `model`'s init has: core's grant for the top-level init, a nested init's initial transfer from its parent. */
export function initOwnQuota(model: InitModel, initQuota: Configured): { readonly own: Configured; readonly from: string } {
  const parent = model.parent;
  if (parent === undefined) return { own: initQuota, from: 'what core gives init: nido run --ram and --caps' };
  const outer = initOwnQuota(parent.model, initQuota);
  const transfer = (startQuotas(parent.model, outer.own)[parent.child.index] as StartQuota).transfer;
  return { own: transfer, from: `what ${parent.model.label} transfers to "${parent.child.name}" at its start` };
}

/** Where `child`'s quota goes (see the header); `own` is what its init has. */
export function explainQuota(
  model: InitModel, child: StaticChild, own: Configured, ownFrom: string, report: StateReport | undefined, reportSource?: string,
): QuotaAnswer {
  const quotas = startQuotas(model, own);
  const start = quotas[child.index] as StartQuota;
  return {
    model, child, own, ownFrom, start,
    before: quotas.slice(0, child.index),
    reported: report?.children.find((c) => c.name === child.name && (c.version ?? '') === child.version),
    report,
    reportSource,
  };
}
