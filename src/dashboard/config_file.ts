/*
 * init's config as the dashboard edits it: the boot directory's `config`
 * file. Applying a config writes that file (atomically), which is the same
 * live reconfiguration as editing it by hand: core's ROM service sees the
 * change and init re-reads its config. Nothing is written before the text
 * checks out, every finding with its line and column.
 */

import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeXmlAttribute, parseXml, type XmlNode } from '../util/xml.js';
import { parseRoute, ruleMatches } from '../lib/sandbox/route_model.js';
import type { RouteLines } from './protocol.js';

export { checkConfig } from './config_check.js';

/** Writes `text` as the boot directory's config: to a temporary file, then renamed, so init never reads half of it. */
export async function writeConfig(bootDir: string, text: string): Promise<void> {
  const file = join(bootDir, 'config');
  const temporary = `${file}.dashboard.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/**
 * `text` with the `version` attribute of `<start name>` changed (Genode's
 * way to have init restart a child), or a reason why not.
 */
export function restartedConfig(text: string, name: string): string | { readonly error: string } {
  const root = parseXml(text, { source: 'config' });
  const start = root.children('start').find((node) => node.attribute('name') === name);
  if (start === undefined) return { error: `init's config has no <start name="${name}">` };
  const { start: at } = start.range;
  const tagEnd = text.indexOf('>', at);
  const tag = text.slice(at, tagEnd);
  const previous = start.attribute('version');
  const version = escapeXmlAttribute(nextVersion(previous));
  const changed = previous === undefined
    ? tag.replace(/^<start\b/, `<start version="${version}"`)
    : tag.replace(/\bversion\s*=\s*("[^"]*"|'[^']*')/, `version="${version}"`);
  return text.slice(0, at) + changed + text.slice(tagEnd);
}

/* "" → "1", "3" → "4", anything else gets a "+1" so it differs. */
function nextVersion(previous: string | undefined): string {
  if (previous === undefined || previous === '') return '1';
  return /^\d+$/.test(previous) ? String(Number(previous) + 1) : `${previous}+1`;
}

/** The last line of `node` in its document. */
function lastLine(node: XmlNode): number {
  return node.line + (node.raw().match(/\n/g)?.length ?? 0);
}

/** init's config parsed, or undefined if it does not parse (then nothing is shown as routed). */
export function parseConfig(text: string): XmlNode | undefined {
  try {
    return parseXml(text, { source: 'config' });
  } catch {
    return undefined;
  }
}

/**
 * The lines of init's config (`root`, parsed once for all children) that
 * decided where the sessions of the child `name` go: per service asked
 * for, the first rule of its `<route>` (or, without one, of
 * `<default-route>`) that matches (spec/init.md §2.4).
 */
export function routeLines(root: XmlNode | undefined, name: string, sessions: readonly { service: string; label: string }[]): RouteLines[] {
  const start = root?.children('start').find((node) => node.attribute('name') === name);
  const table = start?.child('route') ?? root?.child('default-route');
  if (table === undefined) return [];
  const ruleNodes = table.children().filter((node) => node.type === 'service' || node.type === 'any-service');
  const rules = parseRoute(table);
  const found: RouteLines[] = [];
  for (const { service, label } of sessions) {
    const index = rules.findIndex((rule) => ruleMatches(rule, name, service, label));
    const node = ruleNodes[index];
    if (node === undefined || found.some((lines) => lines.service === service && lines.first === node.line)) continue;
    found.push({ component: name, service, first: node.line, last: lastLine(node) });
  }
  return found;
}
