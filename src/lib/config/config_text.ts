/*
 * What a config program exports, as the text of init's config ROM: the
 * default export of a boot directory's config.ts is `init({...})` or the
 * XML as a string (core/config_program.ts runs the program).
 */

import { InvalidConfig } from './invalid_config.js';
import { describe, XmlElement } from './xml_element.js';

/**
 * The XML of a config program's default export: a `<config>` node from
 * init() (written as Genode writes it, with a final newline) or a string,
 * taken as it is. Throws InvalidConfig for anything else.
 *
 *   configText(init({ parentProvides: ['LOG'] }))
 *   // '<config>\n\t<parent-provides>\n\t\t<service name="LOG"/>\n\t</parent-provides>\n</config>\n'
 */
export function configText(exported: unknown): string {
  if (typeof exported === 'string') return exported;
  if (exported instanceof XmlElement && exported.type === 'config') return `${exported.toString()}\n`;
  const what = exported instanceof XmlElement ? `a <${exported.type}> node` : describe(exported);
  throw new InvalidConfig(`the default export must be init({...}) from 'nido/config' (or init's config as XML text), not ${what}`);
}
