/*
 * Quotas (spec/init.md §3.1, §3.2): the children's RAM and caps against
 * what this init has, less what it preserves. init starts children in
 * config order and gives a child that asks for more than is left what is
 * left, with a warning: so does the check, at the first child that does
 * not fit.
 */

import { formatNumBytes } from '../../util/num_bytes.js';
import { report, type Level } from './context.js';

function size(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) !== 0) return `${(bytes / (1024 * 1024)).toFixed(1)}M`;
  return formatNumBytes(bytes);
}

export function checkQuotaSum(level: Level, what: { ram: string; caps: string }): void {
  const quota = level.quota;
  if (quota === undefined) return;
  const model = level.model;
  const limitRam = quota.ram - model.preserveRam;
  const limitCaps = quota.caps - model.preserveCaps;
  let ram = 0;
  let caps = 0;
  let ramReported = false;
  let capsReported = false;
  for (const child of model.children.values()) {
    ram += child.ram;
    caps += child.caps;
    if (!ramReported && ram > limitRam) {
      ramReported = true;
      report(level, 'warning', child.node,
        `the children's RAM adds up to ${size(ram)} with "${child.name}", more than the ${size(Math.max(0, limitRam))} ${level.name} can give (${what.ram}, less ${size(model.preserveRam)} preserved): "${child.name}" and the children after it get what is left`,
        `lower the children's ram${level.parent.name === 'core' ? `, or run with --ram ${formatNumBytes(nextPower(ram + model.preserveRam))}` : ''}`, child.node.hasAttribute('ram') ? 'ram' : undefined);
    }
    if (!capsReported && caps > limitCaps) {
      capsReported = true;
      report(level, 'warning', child.node,
        `the children's caps add up to ${caps} with "${child.name}", more than the ${Math.max(0, limitCaps)} ${level.name} can give (${what.caps}, less ${model.preserveCaps} preserved): "${child.name}" and the children after it get what is left`,
        `lower the children's caps${level.parent.name === 'core' ? `, or run with --caps ${caps + model.preserveCaps}` : ''}`, child.node.hasAttribute('caps') ? 'caps' : undefined);
    }
  }
}

/** The next power of two of mebibytes at or above `bytes`, for a --ram suggestion. */
function nextPower(bytes: number): number {
  let size = 1024 * 1024;
  while (size < bytes) size *= 2;
  return size;
}
