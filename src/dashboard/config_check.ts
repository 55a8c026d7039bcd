/*
 * What the dashboard checks in init's config before it applies it, in the
 * page as the user types and again in core: that it is XML, that its root
 * is <config>, and that every <start> has a name of its own. Every finding
 * has its line and column. Routes and quotas init checks as it applies
 * the config, and says what it refused in the log.
 */

import { parseXml, XmlParseError, type XmlNode } from '../util/xml.js';
import type { ConfigError } from './protocol.js';

/** What is wrong with `text` as init's config (empty: nothing found). */
export function checkConfig(text: string): ConfigError[] {
  let root: XmlNode;
  try {
    root = parseXml(text, { source: 'config' });
  } catch (error) {
    if (error instanceof XmlParseError) return [{ line: error.line, column: error.column, message: error.reason }];
    throw error;
  }
  if (root.type !== 'config') return [{ line: root.line, column: root.column, message: `the root node is <${root.type}>, init's config is <config>` }];
  const errors: ConfigError[] = [];
  const names = new Map<string, XmlNode>();
  for (const start of root.children('start')) {
    const name = start.attribute('name');
    if (name === undefined || name.trim() === '') {
      errors.push({ line: start.line, column: start.column, message: '<start> without a name' });
      continue;
    }
    const first = names.get(name);
    if (first !== undefined) errors.push({ line: start.line, column: start.column, message: `a second <start name="${name}"> (the first is on line ${first.line})` });
    else names.set(name, start);
  }
  return errors;
}
