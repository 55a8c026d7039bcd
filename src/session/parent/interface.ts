/*
 * Parent interface: the one capability a component starts with.
 *
 * Every further right is a session the component asks its parent for by
 * service name and argument string (label, ram_quota, cap_quota, ...). The
 * parent routes the request, moves the donated quota from the client to
 * the server, and answers with the session capability (spec/init.md §0).
 */

import type { Capability, SignalContextCapability } from '../../base/capability.js';
import { defineInterface } from '../../base/interface.js';
import type { Root } from '../root/interface.js';

/** A session granted by the parent: its id in the client's id space and its capability. */
export interface SessionGrant {
  readonly id: number;
  readonly cap: Capability;
}

/* Ids of the environment sessions, as in Genode's Parent::Env. */
export const ENV_PD = 1;
export const ENV_CPU = 2;
export const ENV_LOG = 3;
export const ENV_BINARY = 4;
export const ENV_LINKER = 5;
export const FIRST_DYNAMIC_ID = 6;

export interface Parent {
  /** Requests a session; args is a Genode argument string. Throws ServiceDenied, InsufficientRamQuota, InsufficientCapQuota, OutOfRam, OutOfCaps. */
  session(service: string, args: string): SessionGrant;
  /** Donates more quota to an open session (args: ram_quota, cap_quota). */
  upgrade(id: number, args: string): void;
  /** Closes a session; its quota returns to the client. */
  close(id: number): void;
  /** The capability of an environment session (ENV_PD, ENV_CPU, ENV_LOG). */
  sessionCap(id: number): Capability;
  /** Offers a service, implemented by `root`, to the parent. */
  announce(service: string, root: Capability<Root>): void;
  /** Ends the component with an exit value. */
  exit(code: number): void;
  /** Asks for more quota (args: ram_quota, cap_quota); answers when the parent has granted it. */
  resourceRequest(args: string): void;
  /** Installs the handler the parent signals to ask for quota back. */
  yieldSigh(handler: SignalContextCapability): void;
  /** What the parent wants back (args: ram_quota, cap_quota). */
  yieldRequest(): string;
  /** Tells the parent that quota was freed in answer to a yield request. */
  yieldResponse(): void;
  /** Installs the handler of heartbeat signals. */
  heartbeatSigh(handler: SignalContextCapability): void;
  /** Answers a heartbeat. */
  heartbeatResponse(): void;
}

export const Parent = defineInterface<Parent>('Parent', [
  'session', 'upgrade', 'close', 'sessionCap', 'announce', 'exit', 'resourceRequest',
  'yieldSigh', 'yieldRequest', 'yieldResponse', 'heartbeatSigh', 'heartbeatResponse',
]);
