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
import { hostConfig, type PluginConfig } from './plugin_config.js';

export async function construct(env: Env): Promise<void> {
  const rom = await env.config();
  const config = hostConfig(rom.xml);
  const window = await HostWindow.open(env, config);
  env.log(`window open, ${config.plugins.length} plugin${config.plugins.length === 1 ? '' : 's'}`);
  /* What the host has with no plugin running: every plugin closed must bring it back, to the byte and the cap. */
  const idle = await env.pd.quota();
  const plugins = new Map<string, Plugin>();

  const start = async (plugin: PluginConfig) => {
    try {
      plugins.set(plugin.name, await Plugin.start(env, window, plugin));
    } catch (error) {
      env.error(`plugin ${plugin.name}: ${(error as Error).message}`);
    }
  };

  /*
   * A new config closes the plugins it no longer has and starts those it
   * has anew (a plugin whose node changed keeps running as it is). One
   * after another: each takes its quota from ours, and a failing one must
   * not stop the others.
   */
  const apply = async (next: readonly PluginConfig[]) => {
    const names = new Set(next.map((plugin) => plugin.name));
    for (const [name, plugin] of [...plugins]) {
      if (names.has(name)) continue;
      plugins.delete(name);
      await plugin.close();
    }
    if (plugins.size === 0) {
      /* The account's quota, not what is available: that moves with the heap the RAM meter sees. */
      const now = await env.pd.quota();
      const back = now.ram.quota === idle.ram.quota && now.caps.quota === idle.caps.quota && now.caps.used === idle.caps.used;
      env.log(`no plugin runs, quota back: ${back}`);
    }
    for (const plugin of next) {
      if (plugins.has(plugin.name)) continue;
      window.newSlot(plugin.slot, `${plugin.name}: starting`);
      await start(plugin);
    }
  };

  let queue: Promise<void> = Promise.resolve();
  rom.onChange(() => {
    queue = queue.then(async () => {
      await rom.update();
      await apply(hostConfig(rom.xml).plugins);
    }).catch((error: unknown) => env.error(`config: ${(error as Error).message}`));
  });
  for (const plugin of config.plugins) await start(plugin);
}
