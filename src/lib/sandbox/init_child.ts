/*
 * A child of init: the start node it was created from, its identity
 * (name, version, id), its routing table and provided services, its quota
 * bookkeeping, and the base Child that runs it.
 */

import type { Child, XmlNode } from 'nido';
import type { ConfigRom } from './config_rom.js';
import type { RouteRule } from './route_model.js';

export type InitChildState = 'initial' | 'incomplete' | 'alive';

export class InitChild {
  state: InitChildState = 'initial';
  abandoned = false;
  /** Exit value, once the child exited. */
  exited: number | undefined;
  /** RAM and caps init assigned (its bookkeeping of what the child is entitled to). */
  assignedRam = 0;
  assignedCaps = 0;
  configRom: ConfigRom | undefined;
  child!: Child;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly version: string,
    public startNode: XmlNode,
    /** The routing table the child was created with (its `<route>` or a copy of `<default-route>`). */
    public routes: readonly RouteRule[] | undefined,
  ) {}

  get binary(): string {
    return binaryOf(this.startNode);
  }

  /** Services the child declared in `<provides>`. */
  get provides(): ReadonlySet<string> {
    return providedServices(this.startNode);
  }

  get key(): string {
    return childKey(this.name, this.version);
  }
}

export function binaryOf(start: XmlNode): string {
  return start.child('binary')?.stringAttribute('name', '') || start.stringAttribute('name', '');
}

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
