/*
 * A child of init as the sandbox sees it: its identity (name, version, id),
 * the start node it follows, its routing table, the services it declared,
 * its life-cycle state (spec/init.md §4.3), its quota bookkeeping (§3) and
 * heartbeat counters (§4.8). The base Child runs it.
 */

import type { Child, XmlNode } from 'nido';
import type { LocalRom } from 'nido';
import type { RoutingTable } from './route_decision.js';

export type { RoutingTable } from './route_decision.js';

/** INITIAL → RAM_INITIALIZED → ALIVE, or STUCK when a session became unroutable. */
export type ChildState = 'initial' | 'ram_initialized' | 'alive' | 'stuck';

/** A service declared in `<provides>`: routable from the moment of declaration (§2.5). */
export class ChildService {
  abandoned = false;
  constructor(readonly name: string, readonly child: InitChild) {}
}

export class InitChild {
  state: ChildState = 'initial';
  abandoned = false;
  restartScheduled = false;
  /** Set when env sessions were not at once available or a route may have changed; cleared by an evaluation (§4.3, §4.5). */
  uncertainDependencies = false;
  /** Exit value, once the child exited. */
  exited: number | undefined;
  /** What init considers the child entitled to (§3.1). */
  assignedRam = 0;
  assignedCaps = 0;
  /** An outstanding resource request (§3.8). */
  requestedRam = 0;
  requestedCaps = 0;
  grantRequest: (() => void) | undefined;
  /** startPd was tried (once per child: a failed PD session is not retried). */
  pdAttempted = false;
  /** startProgram finished, successfully or not: missing env sessions now mean STUCK (§4.4). */
  programSettled = false;
  /** Heartbeats sent and not answered (§4.8). */
  outstandingHeartbeats = 0;
  configRom: LocalRom | undefined;
  readonly services: ChildService[] = [];
  child!: Child;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly version: string,
    public startNode: XmlNode,
    public routes: RoutingTable | undefined,
  ) {}

  get binary(): string {
    return binaryOf(this.startNode);
  }

  get key(): string {
    return childKey(this.name, this.version);
  }

  /** Heartbeats missed (spec §4.8: one outstanding heartbeat is not yet a miss). */
  get skippedHeartbeats(): number {
    return this.outstandingHeartbeats > 1 ? this.outstandingHeartbeats - 1 : 0;
  }

  /** The state report's `state="incomplete"`. */
  get incomplete(): boolean {
    return this.state !== 'alive' && this.exited === undefined;
  }

  /** The non-abandoned declared service named `name`. */
  service(name: string): ChildService | undefined {
    return this.services.find((service) => service.name === name && !service.abandoned);
  }
}

export function binaryOf(start: XmlNode): string {
  return start.child('binary')?.stringAttribute('name', '') || start.stringAttribute('name', '');
}

/** Services declared in a start node's `<provides>`. */
export function providedServices(start: XmlNode): Set<string> {
  const services = new Set<string>();
  for (const service of start.child('provides')?.children('service') ?? []) {
    const name = service.stringAttribute('name', '');
    if (name !== '') services.add(name);
  }
  return services;
}

export function childKey(name: string, version: string): string {
  return `${name}\u0000${version}`;
}
