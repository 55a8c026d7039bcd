/*
 * What lies beyond an init: core for the init `nido run` starts, the init
 * around it for a nested one (its requests are routed there as a child's,
 * prefixed with its name), or nothing known for a config that runs
 * elsewhere (test-init's `<init_config>`, a plugin's subsystem).
 */

import { lastElement, LABEL_SEPARATOR } from '../../util/label.js';
import type { Level, ParentContext, ParentOutcome } from './context.js';
import { didYouMean } from './edit_distance.js';
import type { CheckEnvironment } from './environment.js';
import type { ChildModel } from './init_model.js';
import { prefixLabel, exactLabel, type LabelPattern } from './label_pattern.js';
import { resolveStatic } from './static_route.js';

/** Services of Genode's 2012 core that are no services any more. */
const RETIRED_SERVICES: Readonly<Record<string, string>> = {
  RAM: 'RAM is accounted by the PD service since Genode 17.02',
  RM: 'region maps belong to the PD service since Genode 17.02',
  CAP: 'capabilities are accounted by the PD service since Genode 17.02',
  SIGNAL: 'signals belong to the PD service since Genode 17.02',
};

export function coreParent(env: CheckEnvironment): ParentContext {
  return {
    name: 'core',
    known: true,
    request(service: string, label: LabelPattern): ParentOutcome {
      if (!env.coreServices.includes(service)) {
        const retired = RETIRED_SERVICES[service];
        return {
          kind: 'denied',
          reason: `core provides no "${service}"${retired === undefined ? '' : ` (${retired})`}`,
          hint: didYouMean(service, env.coreServices) ?? `core provides ${env.coreServices.join(', ')}; another service comes from a child that provides it`,
        };
      }
      if (service !== 'ROM') return { kind: 'served' };
      if (label.kind !== 'exact') return { kind: 'unknown' };
      const name = lastElement(label.label);
      const module = env.rom(name);
      if (module !== undefined) return { kind: 'served', module };
      const missing = env.missingRom(name);
      return { kind: 'denied', reason: `ROM module "${name}" resolves nowhere: ${missing.looked}`, hint: missing.hint };
    },
  };
}

/** The parent of a config that runs where the check cannot see: ROM modules are guessed from core's to pick schemas, nothing is decided. */
export function unknownParent(env: CheckEnvironment): ParentContext {
  return {
    name: 'its parent',
    known: false,
    request(service: string, label: LabelPattern): ParentOutcome {
      const module = service === 'ROM' && label.kind === 'exact' ? env.rom(lastElement(label.label)) : undefined;
      return module === undefined ? { kind: 'unknown' } : { kind: 'unknown', module };
    },
  };
}

function within(child: ChildModel, label: LabelPattern): LabelPattern {
  switch (label.kind) {
    case 'exact': return exactLabel(child.name + LABEL_SEPARATOR + label.label);
    case 'prefix': return prefixLabel(child.name + LABEL_SEPARATOR + label.prefix);
    case 'any': return prefixLabel(child.name + LABEL_SEPARATOR);
  }
}

/** The parent of the init that runs as `child` of `level`: its requests are `child`'s dynamic sessions there. */
export function childParent(level: Level, child: ChildModel): ParentContext {
  return {
    name: level.name,
    known: level.parent.known,
    request(service: string, label: LabelPattern): ParentOutcome {
      const route = resolveStatic(level.model, child, { service, label: within(child, label), env: false });
      switch (route.kind) {
        case 'parent': return level.parent.request(service, route.label);
        case 'child':
        case 'config': return { kind: 'served' };
        case 'unknown': return unknownParent(level.ctx.env).request(service, label);
        case 'denied': {
          const reasons = route.failures.map((failure) => failure.reason);
          return {
            kind: 'denied',
            reason: `${level.name} routes no "${service}" for its child "${child.name}": ${reasons.length > 0 ? reasons.join('; ') : 'no rule of its routing table matches'}`,
            hint: `route "${service}" for <start name="${child.name}"> (${level.file}:${child.node.line})`,
          };
        }
      }
    },
  };
}
