/*
 * Root interface: how a parent opens, upgrades and closes sessions at a
 * server. A server announces one root per service to its parent.
 */

import type { Capability } from '../../base/capability.js';
import { defineInterface } from '../../base/interface.js';

export interface RootSession {
  /** The server's id of the session, for upgrade and close. */
  readonly id: number;
  readonly cap: Capability;
}

export interface Root {
  /** Creates a session; args carry the server-side label and the donated quota. */
  session(args: string): RootSession;
  upgrade(id: number, args: string): void;
  close(id: number): void;
}

export const Root = defineInterface<Root>('Root', ['session', 'upgrade', 'close']);
