/*
 * For the unit tests of nido why: a system from a config text, with the
 * ROM modules core would find given as a map instead of a boot directory.
 */

import { parseXml } from '../../util/xml.js';
import { InitModel } from './init_model.js';
import { SystemModel, type WhyHost } from './system_model.js';

export function testHost(modules: Record<string, string>): WhyHost {
  return {
    coreServices: new Set(['ROM', 'LOG', 'PD', 'CPU', 'Timer', 'Report']),
    initQuota: { ram: 64 * 1024 * 1024, caps: 2000 },
    rom: (name) => Promise.resolve(modules[name] === undefined ? undefined : { where: `boot/${name}`, text: modules[name] as string }),
  };
}

/** The system of `config` (read from "boot/config"); `dummy` and `init` exist as ROM modules unless `modules` says otherwise. */
export function testSystem(config: string, modules: Record<string, string> = { dummy: '', init: '' }): SystemModel {
  return new SystemModel(new InitModel(parseXml(config, { source: 'boot/config' }), { source: 'boot/config', label: 'init' }), testHost(modules));
}

export const PARENT_PROVIDES = '<parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/> </parent-provides>';
