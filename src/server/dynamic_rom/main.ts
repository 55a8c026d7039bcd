/*
 * dynamic_rom: a ROM server whose modules change over time, each by its
 * own script (spec/init.md §8.2, repos/os/src/server/dynamic_rom); a test
 * helper for components that react to ROM changes.
 *
 *   <config verbose="yes">
 *     <rom name="config">
 *       <inline description="first"> <config> <a/> </config> </inline>
 *       <sleep milliseconds="1000"/>
 *       <empty/>
 *       <sleep milliseconds="500"/>
 *     </rom>
 *   </config>
 *
 * A session's module is the last element of its label. The config is read
 * once, at start.
 */

import { Rom, ServiceDenied, lastElement, type Env } from 'nido';
import { romSession } from './rom_session.js';

export async function construct(env: Env): Promise<void> {
  const config = (await env.config()).xml;
  const verbose = config.boolAttribute('verbose', false);
  env.announce(Rom, (args) => {
    const name = lastElement(args.label);
    const rom = config.children('rom').find((node) => node.stringAttribute('name', '') === name);
    if (rom === undefined) {
      env.error(`ROM module lookup of '${args.label}' failed`);
      throw new ServiceDenied(`ROM module lookup of '${args.label}' failed`);
    }
    return romSession(env, rom, verbose);
  });
}
