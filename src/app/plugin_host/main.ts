/*
 * plugin_host: the talk's web browser that runs subsystems as plugins.
 * A Gui window of its own with a slot per plugin; each plugin is a
 * subsystem started through a Loader session, whose windows the loader
 * nests in the slot's view: nitpicker shows them there, labelled with the
 * subsystem's label (`loader -> init -> ...`), and clips them to the slot,
 * so a plugin cannot draw outside the place the host gave it. The host
 * pays for each plugin (its Loader session's donation) and can end it,
 * nothing else. Config: plugin_config.ts and README.md.
 */

import type { Env } from 'nido';
import { HostWindow } from './host_window.js';
import { Plugin } from './plugin.js';
import { hostConfig } from './plugin_config.js';

export async function construct(env: Env): Promise<void> {
  const config = hostConfig((await env.config()).xml);
  const window = await HostWindow.open(env, config);
  env.log(`window open, ${config.plugins.length} plugin${config.plugins.length === 1 ? '' : 's'}`);
  /* One after another: each takes its quota from ours, and a failing one must not stop the others. */
  const plugins: Plugin[] = [];
  for (const plugin of config.plugins) {
    try {
      plugins.push(await Plugin.start(env, window, plugin));
    } catch (error) {
      env.error(`plugin ${plugin.name}: ${(error as Error).message}`);
    }
  }
}
