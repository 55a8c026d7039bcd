/*
 * The checks of one child: can it start (its environment sessions PD, CPU,
 * LOG and the binary's ROM have a route, the binary resolves to a module,
 * it has quota), is its config right for its binary, and do the sessions
 * its config asks for (a `<fs label>`, a `<tar name>`) have a route and,
 * at a shipped server, a policy.
 */

import { selectPolicy } from '../../util/policy.js';
import { parseXml, XmlParseError, type XmlNode } from '../../util/xml.js';
import { formatNumBytes } from '../../util/num_bytes.js';
import { checkComponentConfig, schemaOfModule } from './component_check.js';
import { report, type Level, type ParentOutcome } from './context.js';
import { didYouMean } from './edit_distance.js';
import type { RomModule } from './environment.js';
import type { ChildModel } from './init_model.js';
import { clientLabel, describeLabel, exactLabel } from './label_pattern.js';
import type { ComponentSchema, NestedConfig, SessionNeed } from './schema.js';
import { resolveStatic, type RouteFailure, type StaticRoute } from './static_route.js';

/** What the other checks need to know of a child after its own checks. */
export interface CheckedChild {
  readonly child: ChildModel;
  /** The schema of its binary, where it is a shipped component or a program. */
  readonly schema: ComponentSchema | undefined;
  /** Its config: the inline `<config>` or the ROM module its config request reaches. */
  readonly config: XmlNode | undefined;
  readonly configFile: string;
}

export interface ChildCheckHooks {
  /** A nested config within a component's config (a plugin's). */
  nested(nested: NestedConfig, file: string): void;
  /** The config of a child whose binary is init: checked as an init below `level`. */
  init(child: ChildModel, config: XmlNode, file: string): void;
  /** A request of an environment session denied only because `<parent-provides>` lacks the service. */
  parentLacks(service: string, child: ChildModel): void;
}

const ENV_SERVICES = ['PD', 'CPU', 'LOG'] as const;

/* Denied where a <parent/> target failed for want of the service in <parent-provides>: adding it there is the remedy. */
function parentProvidesMissing(route: StaticRoute): boolean {
  return route.kind === 'denied' && route.failures.some((failure) => failure.reason.startsWith('the parent provides no'));
}

function reasons(failures: readonly RouteFailure[]): string {
  return failures.map((failure) => failure.reason).join('; ');
}

/** A denied route as a reason: the failed targets, or that no rule matched. */
function denial(level: Level, child: ChildModel, service: string, route: StaticRoute & { kind: 'denied' }): { reason: string; hint: string | undefined } {
  if (route.failures.length > 0) return { reason: reasons(route.failures), hint: route.failures.find((failure) => failure.hint !== undefined)?.hint };
  const table = child.routes?.node;
  return {
    reason: `no rule of its routing table${table === undefined ? '' : ` (<${table.type}> at line ${table.line})`} matches "${service}"`,
    hint: `add <service name="${service}"> <parent/> </service> or an <any-service> rule`,
  };
}

/** Follows a route out of this init: what the parent does with it. */
function beyond(level: Level, route: StaticRoute, service: string): ParentOutcome | undefined {
  return route.kind === 'parent' ? level.parent.request(service, route.label) : undefined;
}

function checkEnvironment(level: Level, child: ChildModel, hooks: ChildCheckHooks): RomModule | undefined {
  const problems: { service: string; session: string; reason: string }[] = [];
  let hint: string | undefined;
  let module: RomModule | undefined;
  for (const service of [...ENV_SERVICES, 'ROM']) {
    const route = resolveStatic(level.model, child, { service, label: exactLabel(child.name), env: true });
    const session = service === 'ROM' ? `its binary's ROM session ("${child.binary}")` : `its ${service} session`;
    if (route.kind === 'denied') {
      if (parentProvidesMissing(route)) hooks.parentLacks(service, child);
      /* An explicit rule whose targets all fail is reported at the rule (route_check.ts). */
      else if (route.rule === undefined) {
        const { reason, hint: first } = denial(level, child, service, route);
        problems.push({ service, session, reason });
        hint ??= first;
      }
      if (service === 'ROM') module = level.ctx.env.rom(child.binary);
      continue;
    }
    const outcome = beyond(level, route, service);
    if (service === 'ROM') {
      if (outcome?.kind === 'denied') {
        report(level, 'error', child.binaryNode, `binary "${child.binary}" of child "${child.name}": ${outcome.reason}`,
          outcome.hint ?? didYouMean(child.binary, level.ctx.env.romNames()), 'name');
      } else {
        module = outcome?.module;
      }
    } else if (outcome?.kind === 'denied') {
      problems.push({ service, session, reason: `it goes to the parent: ${outcome.reason}` });
      hint ??= outcome.hint;
    }
  }
  if (problems.length > 0) {
    /* The same reason for every session is said once. */
    const first = problems[0]?.reason;
    const message = problems.length > 1 && problems.every((problem) => problem.reason === first)
      ? `its environment sessions (${problems.map((problem) => problem.service).join(', ')}): ${first}`
      : problems.map((problem) => `${problem.session}: ${problem.reason}`).join('; ');
    report(level, 'error', child.node, `child "${child.name}" cannot start: ${message}`, hint);
  }
  return module;
}

function checkQuota(level: Level, child: ChildModel): void {
  const env = level.ctx.env;
  if (child.ram <= env.childEnvRam) {
    const why = child.ram === 0 ? 'it has no RAM quota (no ram attribute, no <default ram>, no <resource name="RAM">)' : `its ram of ${formatNumBytes(child.ram)} leaves it nothing once init has paid its environment sessions (${formatNumBytes(env.childEnvRam)})`;
    report(level, 'error', child.node, `child "${child.name}" cannot start: ${why}`, 'give it ram="1M" or more (or <default ram="1M"/>)');
  }
  if (child.caps <= env.childEnvCaps) {
    const why = child.caps === 0 ? 'it has no capability quota (no caps attribute, no <default caps>)' : `its caps of ${child.caps} leave it none once init has paid its environment sessions and its own costs (${env.childEnvCaps})`;
    report(level, 'error', child.node, `child "${child.name}" cannot start: ${why}`, 'give it caps="100" or more (or <default caps="100"/>)');
  }
}

/** The child's config: its inline `<config>`, or the boot directory's ROM module its config request is routed to. */
function findConfig(level: Level, child: ChildModel): { node: XmlNode; file: string } | undefined {
  if (child.config !== undefined) return { node: child.config, file: level.file };
  const route = resolveStatic(level.model, child, { service: 'ROM', label: clientLabel(child.name, 'config'), env: false });
  const outcome = beyond(level, route, 'ROM');
  const module = outcome?.kind === 'served' ? outcome.module : undefined;
  /* "config" itself is init's own config (a child without a config ROM route of its own would read it: not its config). */
  if (module === undefined || module.origin !== 'boot' || module.file === 'config') return undefined;
  const file = level.ctx.env.romFile(module.file);
  if (level.ctx.checkedFiles.has(file)) return undefined;
  level.ctx.checkedFiles.add(file);
  const text = module.text();
  if (text === undefined) return undefined;
  try {
    return { node: parseXml(text, { source: file }), file };
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    level.ctx.findings.error({ file, line: error.line, column: error.column }, `${error.reason} (the config ROM of child "${child.name}")`);
    return undefined;
  }
}

/** A session the child's config asks for: its route, the parent's answer, a shipped server's policy. */
function checkNeed(level: Level, child: ChildModel, need: SessionNeed, configFile: string, entryConfig: XmlNode, servers: ReadonlyMap<string, CheckedChild>): void {
  const label = clientLabel(child.name, need.label);
  const who = need.node === entryConfig ? `child "${child.name}"` : `<${need.node.type}> of child "${child.name}"`;
  const what = `${who} asks for a ${need.service} session${need.label === '' ? '' : ` "${need.label}"`}`;
  const at = (severity: 'error' | 'warning', message: string, hint: string | undefined) => report({ ctx: level.ctx, file: configFile }, severity, need.node, message, hint);
  const route = resolveStatic(level.model, child, { service: need.service, label, env: false });
  if (route.kind === 'denied') {
    const { reason, hint } = denial(level, child, need.service, route);
    at('error', `${what}, which init denies: ${reason}`, hint);
    return;
  }
  if (route.kind === 'parent') {
    const outcome = level.parent.request(need.service, route.label);
    if (outcome.kind === 'denied') at('error', `${what}, which goes to the parent: ${outcome.reason}`, outcome.hint);
    return;
  }
  if (route.kind !== 'child') return;
  const server = servers.get(route.server.name);
  if (server?.schema?.policies === undefined || server.config === undefined || route.label.kind !== 'exact') return;
  for (const container of server.schema.policies(server.config)) {
    if (container.service !== need.service || !container.denies) continue;
    if (selectPolicy(container.node, route.label.label) !== undefined) continue;
    const labels = container.node.children('policy').flatMap((p) => [p.attribute('label'), p.attribute('label_prefix')]).filter((l): l is string => l !== undefined);
    at('error', `${what}, labelled ${describeLabel(route.label)} at ${server.child.name}, where no <policy> matches it: ${server.child.name} denies it`,
      didYouMean(route.label.label, labels) ?? `add <policy label="${route.label.label}" .../> to the config of "${server.child.name}" (${server.configFile}:${container.node.line})`);
  }
}

/** Checks every child of `level`; answers what the policy check needs. */
export function checkChildren(level: Level, hooks: ChildCheckHooks): Map<string, CheckedChild> {
  const checked = new Map<string, CheckedChild>();
  for (const child of level.model.children.values()) {
    checkQuota(level, child);
    const module = checkEnvironment(level, child, hooks);
    const schema = schemaOfModule(module);
    const config = schema === undefined ? undefined : findConfig(level, child);
    checked.set(child.name, { child, schema, config: config?.node, configFile: config?.file ?? level.file });
    if (schema === undefined || config === undefined) continue;
    if (schema.name === 'init') hooks.init(child, config.node, config.file);
    else checkComponentConfig(level.ctx, config.file, config.node, schema, (_ctx, file, nested) => hooks.nested(nested, file));
  }
  for (const entry of checked.values()) {
    if (entry.schema?.sessions === undefined || entry.config === undefined) continue;
    for (const need of entry.schema.sessions(entry.config)) checkNeed(level, entry.child, need, entry.configFile, entry.config, checked);
  }
  return checked;
}

