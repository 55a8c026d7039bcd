/*
 * A launcher entry of the launchpad's config:
 *
 *   <launcher name="testnit" ram_quota="512K" caps="200" binary="init">
 *     <config> ... the subsystem's config ROM ... </config>
 *     <rom name="hello.js"> ... an extra ROM module, as text ... </rom>
 *   </launcher>
 */

import { subsystemModules, type XmlNode } from 'nido';

export interface Launcher {
  readonly name: string;
  readonly binary: string;
  readonly ram: number;
  readonly caps: number;
  /** ROM modules put into the loader session: the config and any `<rom>`. */
  readonly modules: ReadonlyMap<string, string>;
}

export function launchers(config: XmlNode): Launcher[] {
  return config.children('launcher').map((node) => {
    const name = node.stringAttribute('name', '');
    return {
      name,
      binary: node.stringAttribute('binary', name),
      ram: node.numBytesAttribute('ram_quota', 1024 * 1024),
      caps: node.naturalAttribute('caps', 200),
      modules: subsystemModules(node),
    };
  }).filter((launcher) => launcher.name !== '');
}
