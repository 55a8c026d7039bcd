/*
 * loader: runs subsystems for its clients (spec/runtime.md §6, the talk's
 * "Loader service"). Each Loader session is one subsystem, paid for by the
 * client's session quota. The loader's config says which services of its
 * own parent a client's subsystem may use:
 *
 *   <config>
 *     <policy label_prefix="launchpad"> <parent-service name="LOG"/> <parent-service name="Timer"/> </policy>
 *     <default-policy> <parent-service name="LOG"/> </default-policy>
 *   </config>
 *
 * PD and CPU sessions are always permitted; ROM modules come from the
 * session first, from the parent only if ROM is permitted. A permitted
 * Gui goes through the loader (gui_service.ts): each Gui session of the
 * subsystem is opened at the loader's parent (nitpicker) under the
 * subsystem's label, and its top-level views nest in the view the client
 * gave (Loader.parentView), clipped to it.
 */

import { Loader, LOADER_SESSION_COSTS, ServiceDenied, selectPolicy, type Env } from 'nido';
import { LoaderSubsystem } from './subsystem.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  config.onChange(() => void config.update());
  env.announce(Loader, (args) => {
    const policy = selectPolicy(config.xml, args.label);
    if (policy === undefined) {
      env.warning(`no policy for loader session "${args.label}"`);
      throw new ServiceDenied(`loader: no policy for "${args.label}"`);
    }
    const permitted = new Set(policy.children('parent-service').map((node) => node.stringAttribute('name', '')));
    return new LoaderSubsystem(env, args.label, permitted, args.ramQuota, args.capQuota);
  }, { ram: LOADER_SESSION_COSTS, caps: 8 });
}
