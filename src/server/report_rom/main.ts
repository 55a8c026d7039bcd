/*
 * report_rom: turns reports into ROM modules (spec/init.md §8.1,
 * repos/os/src/server/report_rom).
 *
 * A Report session writes the module named by its label; a ROM session
 * reads the module that the policy selected by its label names:
 *
 *   <config verbose="no">
 *     <policy label="viewer -> status" report="producer -> status"/>
 *     <policy label_prefix="monitor"   report="init -> state"/>
 *   </config>
 *
 * The config is re-read at each ROM-session creation, so a policy change
 * affects new sessions only.
 */

import { Report, Rom, ServiceDenied, selectPolicy, type Env } from 'nido';
import { ModuleRegistry } from './module.js';
import { reportSession } from './report_session.js';
import { romSession } from './rom_session.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const verbose = config.xml.boolAttribute('verbose', false);
  const registry = new ModuleRegistry();

  env.announce(Report, (args) => reportSession(env, registry, args, verbose));

  env.announce(Rom, async (args) => {
    await config.update();
    const policy = selectPolicy(config.xml, args.label);
    if (policy === undefined) {
      env.warning(`no valid policy for ROM request '${args.label}'`);
      throw new ServiceDenied(`no valid policy for ROM request '${args.label}'`);
    }
    return romSession(env, registry, registry.lookup(policy.stringAttribute('report', '')));
  });
}
