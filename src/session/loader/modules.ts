/*
 * The ROM modules a Loader client puts into its session for a subsystem
 * its own config describes (the launchpad's `<launcher>`, plugin_host's
 * `<plugin>`): the `<config>` node as the module "config" (Genode's way),
 * and each `<rom name>` by its text.
 *
 *   <launcher name="clock" binary="init">
 *     <config> ... </config>
 *     <rom name="clock.js"> ... </rom>
 *   </launcher>
 *
 *   for (const [name, text] of subsystemModules(node)) await loader.romModule(name, encoder.encode(text));
 */

import type { XmlNode } from '../../util/xml.js';

/** The modules of the subsystem `node` describes, by name. */
export function subsystemModules(node: XmlNode): Map<string, string> {
  const modules = new Map<string, string>();
  const config = node.child('config');
  if (config !== undefined) modules.set('config', config.raw());
  for (const rom of node.children('rom')) modules.set(rom.stringAttribute('name', ''), rom.text());
  return modules;
}
