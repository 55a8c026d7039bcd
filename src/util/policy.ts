/*
 * Server-side policy selection by label (spec/init.md §2.8): among the
 * `<policy>` sub nodes of a container, the strongest one whose `label`,
 * `label_prefix` and `label_suffix` all hold for the session label, else the
 * first `<default-policy>`. Every server that picks a policy uses this.
 *
 *   const policy = selectPolicy(config, 'noux -> home'); // undefined: deny
 */

import type { XmlNode } from './xml.js';

interface Candidate {
  readonly node: XmlNode;
  readonly label: boolean;
  readonly prefix: number | undefined;
  readonly suffix: number | undefined;
}

function candidate(node: XmlNode, label: string): Candidate | undefined {
  const exact = node.attribute('label')?.trim();
  const prefix = node.attribute('label_prefix')?.trim();
  const suffix = node.attribute('label_suffix')?.trim();
  if (exact === undefined && prefix === undefined && suffix === undefined) return undefined;
  if (exact !== undefined && exact !== label) return undefined;
  if (prefix !== undefined && !label.startsWith(prefix)) return undefined;
  if (suffix !== undefined && !label.endsWith(suffix)) return undefined;
  return { node, label: exact !== undefined, prefix: prefix?.length, suffix: suffix?.length };
}

/* Compares one optional length attribute; undefined when equal. */
function lengthStronger(a: number | undefined, b: number | undefined): boolean | undefined {
  if (a !== undefined && b === undefined) return true;
  if (a === undefined && b !== undefined) return false;
  if (a !== undefined && b !== undefined && a !== b) return a > b;
  return undefined;
}

function stronger(a: Candidate, b: Candidate): boolean {
  if (a.label && !b.label) return true;
  if (b.label) return false;
  return lengthStronger(a.prefix, b.prefix) ?? lengthStronger(a.suffix, b.suffix) ?? false;
}

/** Whether a `<policy>` node matches `label` (all its label attributes hold). */
export function policyMatches(policy: XmlNode, label: string): boolean {
  return candidate(policy, label.trim()) !== undefined;
}

/** The policy for `label` among `container`'s sub nodes, or undefined when none applies. */
export function selectPolicy(container: XmlNode, label: string): XmlNode | undefined {
  const trimmed = label.trim();
  let best: Candidate | undefined;
  for (const node of container.children('policy')) {
    const next = candidate(node, trimmed);
    if (next !== undefined && (best === undefined || stronger(next, best))) best = next;
  }
  return best?.node ?? container.child('default-policy');
}
