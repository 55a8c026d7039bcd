/*
 * Re-balancing of child quotas on every config update (spec/init.md
 * §3.6): downgrades first, so that what they free is there for upgrades;
 * upgrades wake a child waiting on a resource request (§3.8); what a
 * downgrade cannot take at once is asked back with a yield request (§3.7).
 */

import { ENV_CAPS, ENV_RAM, formatNumBytes, type Env } from 'nido';
import type { InitChild } from './init_child.js';

/* What must stay with a child when quota is withdrawn. */
const RAM_RESERVE = 16 * 1024;
const CAP_RESERVE = 5;
const DOWNGRADE_ATTEMPTS = 4;

export interface Configured {
  readonly ram: number;
  readonly caps: number;
}

export interface BalancerOutput {
  warning(text: string): void;
}

/** Withdraws what `child` holds beyond `configured`; asks for the rest with a yield request. */
export async function downgrade(env: Env, child: InitChild, configured: Configured, out: BalancerOutput): Promise<void> {
  const pd = child.child.pd;
  if (pd === undefined || child.exited !== undefined) return;
  for (const resource of ['ram', 'caps'] as const) {
    const assigned = resource === 'ram' ? child.assignedRam : child.assignedCaps;
    const decrement = assigned - configured[resource];
    if (decrement <= 0) continue;
    const reserve = resource === 'ram' ? RAM_RESERVE : CAP_RESERVE;
    let done = false;
    for (let attempt = 0; attempt < DOWNGRADE_ATTEMPTS && !done; attempt++) {
      const avail = (await pd.quota())[resource].avail;
      if (avail < reserve) break;
      const amount = Math.min(avail - reserve, decrement);
      try {
        if (resource === 'ram') await pd.transferQuota(env.pdCap, amount, 0);
        else await pd.transferQuota(env.pdCap, 0, amount);
      } catch {
        continue;
      }
      if (resource === 'ram') child.assignedRam -= amount;
      else child.assignedCaps -= amount;
      done = true;
    }
    if (!done && (await pd.quota())[resource].avail >= reserve) out.warning(`${child.name}: downgrade failed after ${DOWNGRADE_ATTEMPTS} attempts`);
  }
  const ram = Math.max(0, child.assignedRam - configured.ram);
  const caps = Math.max(0, child.assignedCaps - configured.caps);
  if (ram > 0 || caps > 0) child.child.requestYield(`ram_quota=${formatNumBytes(ram)}, cap_quota=${caps}`);
}

/** Tops `child` up to `configured`, as far as `limit` (init's available quota less preservation) allows. */
export async function upgrade(env: Env, child: InitChild, configured: Configured, limit: Configured, out: BalancerOutput, verbose: boolean): Promise<Configured> {
  const pdCap = child.child.pdCap;
  if (pdCap === undefined || child.child.pd === undefined || child.exited !== undefined) return limit;
  let left = limit;
  let granted = false;
  for (const resource of ['ram', 'caps'] as const) {
    const assigned = resource === 'ram' ? child.assignedRam : child.assignedCaps;
    const increment = configured[resource] - assigned;
    if (increment <= 0) continue;
    if (increment > left[resource] && verbose) {
      out.warning(`specified quota exceeds available quota, proceeding with a quota of ${left[resource]}`);
    }
    const transfer = Math.min(increment, left[resource]);
    if (transfer <= 0) continue;
    if (resource === 'ram') await env.pd.transferQuota(pdCap, transfer, 0);
    else await env.pd.transferQuota(pdCap, 0, transfer);
    if (resource === 'ram') child.assignedRam += transfer;
    else child.assignedCaps += transfer;
    left = { ...left, [resource]: left[resource] - transfer };
    granted = true;
  }
  if (granted && child.grantRequest !== undefined) {
    const grant = child.grantRequest;
    child.grantRequest = undefined;
    child.requestedRam = 0;
    child.requestedCaps = 0;
    grant();
  }
  return left;
}

/** The quota a newly created child receives at first, clamped to `limit` (§3.2). */
export function initialTransfer(configured: Configured, limit: Configured, name: string, out: BalancerOutput, sessionCosts: number): Configured {
  let ram = Math.max(0, configured.ram - ENV_RAM - 16 * sessionCosts);
  let caps = Math.max(0, configured.caps - ENV_CAPS - INIT_CHILD_CAPS);
  const ramLimit = Math.max(0, limit.ram - ENV_RAM);
  const capLimit = Math.max(0, limit.caps - ENV_CAPS);
  if (ram > ramLimit) {
    out.warning(`${name}: configured RAM exceeds available RAM, proceed with ${ramLimit}`);
    ram = ramLimit;
  }
  if (caps > capLimit) {
    out.warning(`${name}: configured caps exceed available caps, proceed with ${capLimit}`);
    caps = capLimit;
  }
  return { ram, caps };
}

/* init's own capability costs per child (§3.2). */
const INIT_CHILD_CAPS = 6;
