/*
 * init's config, checked as a whole (spec/init.md §1–§3): the grammar,
 * the settings, every child (child_check.ts), the routing tables
 * (route_check.ts), the quotas (quota_check.ts) and the shipped servers'
 * policies (policy_check.ts). A child whose binary is init is checked the
 * same way, with the routes of this init as its parent.
 */

import { formatNumBytes, parseNumBytes } from '../../util/num_bytes.js';
import type { XmlNode } from '../../util/xml.js';
import { checkChildren } from './child_check.js';
import { checkComponentConfig, schemaOfModule } from './component_check.js';
import { report, type CheckContext, type Level, type ParentContext } from './context.js';
import { didYouMean } from './edit_distance.js';
import { DemotedFindings } from './finding.js';
import { initModel, startQuota, type ChildModel } from './init_model.js';
import { ANY_LABEL } from './label_pattern.js';
import { childParent, unknownParent } from './parent.js';
import { checkPolicies } from './policy_check.js';
import { checkQuotaSum } from './quota_check.js';
import { checkRoutes } from './route_check.js';
import type { NestedConfig } from './schema.js';
import { initConfigSchema } from './schemas/init.js';
import { childNamed } from './static_route.js';
import { validateElement } from './validate.js';

/* Nested inits deeper than this are not followed (a config cannot nest itself, but a ROM module could). */
const MAX_DEPTH = 16;

function checkSettings(level: Level): void {
  const { config } = level.model;
  const prio = config.attribute('prio_levels');
  if (prio !== undefined && /^\s*\d+\s*$/.test(prio)) {
    const levels = Number(prio);
    if (levels !== 0 && (levels & (levels - 1)) !== 0) {
      report(level, 'warning', config, `prio_levels="${prio}" is not a power of two: init disables priorities`, `write prio_levels="${2 ** Math.ceil(Math.log2(levels))}"`, 'prio_levels');
    }
  }
  for (const resource of config.children('resource')) {
    const name = resource.attribute('name');
    const preserve = resource.attribute('preserve');
    if (preserve === undefined) continue;
    if (name === 'RAM' && parseNumBytes(preserve) === undefined) {
      report(level, 'warning', resource, `preserve="${preserve}" is not a size: init preserves the default 320K`, 'write a size such as "2M"', 'preserve');
    } else if (name === 'CAP' && !/^\s*\d+\s*$/.test(preserve)) {
      report(level, 'warning', resource, `preserve="${preserve}" is not a number: init preserves the default 20 caps`, 'write a number such as "50"', 'preserve');
    }
  }
  const starts = new Map<string, XmlNode>();
  for (const start of config.children('start')) {
    const name = start.attribute('name');
    if (name === undefined || name === '') {
      if (name === '') report(level, 'error', start, '<start name=""> has an empty name: init skips it ("child creation failed")', 'give the child a name', 'name');
      continue;
    }
    const key = `${name}\0${start.stringAttribute('version', '')}`;
    const earlier = starts.get(key);
    if (earlier !== undefined) {
      report(level, 'warning', earlier, `a second <start name="${name}"> (line ${start.line}) makes these one child: the later node wins`, 'give each child its own name');
    }
    starts.set(key, start);
    checkStart(level, start);
  }
  for (const [name, alias] of level.model.aliases) {
    if (level.model.children.has(alias.child)) continue;
    report(level, 'warning', alias.node, `<alias name="${name}"> stands for child "${alias.child}", which is not in this config: routes to "${name}" lead nowhere`,
      didYouMean(alias.child, level.model.children.keys()), 'child');
  }
  for (const start of config.children('start')) {
    const name = start.stringAttribute('name', '');
    if (level.model.aliases.has(name)) report(level, 'warning', start, `<start name="${name}"> has the name of an <alias>: init starts no child for it`, 'rename the child or the alias', 'name');
  }
}

function checkStart(level: Level, start: XmlNode): void {
  const { config } = level.model;
  const name = start.stringAttribute('name', '');
  const priority = start.attribute('priority');
  if (priority !== undefined && /^\s*\+?\d+\s*$/.test(priority) && Number(priority) > 0) {
    report(level, 'warning', start, `priority="${priority}": a child's priority is 0 or negative`, `write priority="-${Number(priority)}"`, 'priority');
  }
  for (const resource of start.children('resource')) {
    const kind = resource.attribute('name');
    const quantum = resource.attribute('quantum');
    if (quantum === undefined) continue;
    if (kind === 'RAM' && parseNumBytes(quantum) === undefined) {
      report(level, 'warning', resource, `quantum="${quantum}" is not a size: init keeps the RAM quota of ram or <default>`, 'write a size such as "4M"', 'quantum');
    } else if (kind === 'CAP' && !/^\s*\d+\s*$/.test(quantum)) {
      report(level, 'warning', resource, `quantum="${quantum}" is not a number of capabilities: init keeps the caps of caps or <default>`, 'write a number such as "100"', 'quantum');
    }
  }
  const quota = startQuota(start, config.children('default').at(-1));
  const ramGiven = start.hasAttribute('ram') || (config.children('default').at(-1)?.numBytesAttribute('ram', 0) ?? 0) !== 0;
  if (quota.ramResource !== undefined && ramGiven) {
    report(level, 'warning', quota.ramResource, `"${name}" has a RAM quota from ram (or <default>) and from <resource name="RAM">: the <resource> counts, and init warns "ambigious RAM-quota definition"`,
      'keep one of them: ram="..." on <start>');
  }
  const heartbeat = start.child('heartbeat');
  if (heartbeat !== undefined && !config.hasChild('heartbeat')) {
    report(level, 'warning', heartbeat, `<heartbeat> of "${name}" without a global <heartbeat rate_ms="..."/>: init does not monitor it`, 'add <heartbeat rate_ms="1000"/> to the config');
  }
  const affinity = start.child('affinity');
  if (affinity !== undefined && !config.hasChild('affinity-space')) {
    report(level, 'warning', affinity, `affinity-space configuration missing, but affinity defined for child ${name} (init warns so and uses the whole space)`,
      'add <affinity-space width="..." height="..."/> to the config');
  }
}

/** `<parent-provides>` against the parent, and against what the children need. */
function checkParentProvides(level: Level, lacking: ReadonlyMap<string, ChildModel[]>): void {
  const { parentProvides, parentProvidesNode, config } = level.model;
  for (const [service, node] of parentProvides ?? []) {
    const outcome = level.parent.request(service, ANY_LABEL);
    if (outcome.kind === 'denied') {
      report(level, 'warning', node, `<parent-provides> lists "${service}", which the parent does not give: ${outcome.reason}`, outcome.hint, 'name');
    }
  }
  if (lacking.size === 0) return;
  const services = [...lacking.keys()];
  const children = [...new Set([...lacking.values()].flat().map((child) => `"${child.name}"`))];
  const list = services.map((service) => `<service name="${service}"/>`).join(' ');
  const message = `${parentProvidesNode === undefined ? `there is no <parent-provides>, so the parent gives no ${orList(services)}` : `<parent-provides> lacks ${orList(services)}`}, which ${children.length === 1 ? 'child' : 'children'} ${children.join(', ')} need${children.length === 1 ? 's' : ''} to start (PD, CPU, LOG and the binary's ROM are every child's environment)`;
  report(level, 'error', parentProvidesNode ?? config, message,
    parentProvidesNode === undefined ? `add <parent-provides> ${list} </parent-provides>` : `add ${list}`);
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** `<service>`: init as a server for its parent, forwarding to a child (§1.8). */
function checkForwarding(level: Level): void {
  for (const service of level.model.config.children('service')) {
    const name = service.stringAttribute('name', '');
    for (const policy of [...service.children('policy'), ...service.children('default-policy')]) {
      for (const target of policy.children('child')) {
        const child = childNamed(level.model, target.stringAttribute('name', ''));
        const targetName = target.stringAttribute('name', '');
        if (child === undefined) {
          report(level, 'warning', target, `<service name="${name}"> forwards to child "${targetName}", which is not in this config: the sessions stay pending`,
            didYouMean(targetName, level.model.children.keys()), 'name');
        } else if (!child.provides.has(name)) {
          report(level, 'warning', target, `<service name="${name}"> forwards to child "${child.name}", which does not provide "${name}": the sessions stay pending`,
            `add <service name="${name}"/> to the <provides> of "${child.name}"`);
        }
      }
    }
  }
}

/** Checks one init's config as a child of `parent`, with `quota`. */
export function checkInitLevel(ctx: CheckContext, file: string, config: XmlNode, parent: ParentContext,
  quota: { ram: number; caps: number } | undefined, name: string, depth: number, quotaSource: { ram: string; caps: string }): void {
  const nested = (found: NestedConfig, nestedFile: string) => checkNestedConfig(ctx, nestedFile, found, depth + 1);
  validateElement(config, initConfigSchema, { file, findings: ctx.findings, reader: 'init', nested: (found) => nested(found, file) });
  const level: Level = { ctx, file, model: initModel(config), parent, quota, name };
  checkSettings(level);
  const lacking = new Map<string, ChildModel[]>();
  const children = checkChildren(level, {
    nested,
    init: (child, childConfig, childFile) => {
      if (depth >= MAX_DEPTH) return;
      const ram = Math.max(0, child.ram - ctx.env.childEnvRam);
      const caps = Math.max(0, child.caps - ctx.env.childEnvCaps);
      checkInitLevel(ctx, childFile, childConfig, childParent(level, child), { ram, caps }, `init "${child.name}"`, depth + 1,
        { ram: `its ram of ${formatNumBytes(child.ram)} less its environment`, caps: `its ${child.caps} caps less its environment` });
    },
    parentLacks: (service, child) => {
      const list = lacking.get(service);
      if (list === undefined) lacking.set(service, [child]);
      else list.push(child);
    },
  });
  checkParentProvides(level, lacking);
  checkForwarding(level);
  checkRoutes(level);
  checkQuotaSum(level, quotaSource);
  checkPolicies(level, children);
}

/** A config within a config (test-init's `<init_config>`, a plugin's subsystem): where it runs is not known here. */
export function checkNestedConfig(outer: CheckContext, file: string, nested: NestedConfig, depth: number): void {
  if (depth >= MAX_DEPTH) return;
  const ctx = nested.demoted === undefined ? outer : { ...outer, findings: new DemotedFindings(outer.findings, nested.demoted) };
  if (nested.component === 'init') {
    const quota = nested.ram === undefined || nested.caps === undefined ? undefined
      : { ram: Math.max(0, nested.ram - ctx.env.childEnvRam), caps: Math.max(0, nested.caps - ctx.env.childEnvCaps) };
    checkInitLevel(ctx, file, nested.node, unknownParent(ctx.env), quota, 'this init', depth,
      { ram: `the subsystem's ram of ${formatNumBytes(nested.ram ?? 0)}`, caps: `the subsystem's ${nested.caps ?? 0} caps` });
    return;
  }
  const schema = schemaOfModule(ctx.env.rom(nested.component));
  if (schema === undefined) return;
  if (schema.name === 'init') {
    checkNestedConfig(ctx, file, { ...nested, component: 'init' }, depth);
    return;
  }
  checkComponentConfig(ctx, file, nested.node, schema, (_ctx, nestedFile, found) => checkNestedConfig(ctx, nestedFile, found, depth + 1));
}
