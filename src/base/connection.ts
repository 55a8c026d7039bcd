/*
 * Connection: an open session as its client holds it.
 *
 * Opening follows Genode's client runtime: a server asking for more session
 * quota (InsufficientRamQuota / InsufficientCapQuota) gets the request
 * again with 4096 bytes / 4 caps more; a client whose own account cannot
 * pay (OutOfRam / OutOfCaps) asks its parent for resources and retries.
 */

import type { Capability } from './capability.js';
import { InsufficientCapQuota, InsufficientRamQuota, OutOfCaps, OutOfRam } from './errors.js';
import type { Client, Interface, SyncClient } from './interface.js';
import type { Ipc } from './ipc.js';
import { SessionArgs } from '../util/session_args.js';
import type { Client as ParentClient } from './interface.js';
import type { Parent } from '../session/parent/interface.js';

export interface ConnectOptions {
  /** Label the client gives the session; the parent prefixes its name. */
  readonly label?: string;
  /** Service name; defaults to the interface's name. */
  readonly service?: string;
  /** RAM (bytes) donated to the server. */
  readonly ram?: number;
  /** Caps donated to the server. */
  readonly caps?: number;
  /** Further session arguments. */
  readonly args?: Readonly<Record<string, string | number>>;
}

const DEFAULT_RAM = 8 * 1024;
const DEFAULT_CAPS = 2;
/* Genode's client runtime gives up eventually, too. */
const MAX_ATTEMPTS = 64;

export class Connection<T> {
  readonly #parent: ParentClient<Parent>;
  readonly #parentSync: SyncClient<Parent>;
  readonly #ipc: Ipc;
  #closed = false;

  constructor(
    parent: ParentClient<Parent>,
    parentSync: SyncClient<Parent>,
    ipc: Ipc,
    readonly service: string,
    readonly id: number,
    readonly cap: Capability<T>,
    readonly client: Client<T>,
  ) {
    this.#parent = parent;
    this.#parentSync = parentSync;
    this.#ipc = ipc;
  }

  /** Donates more quota to the server. */
  async upgrade(ram: number, caps = 0): Promise<void> {
    await this.#parent.upgrade(this.id, SessionArgs.from({ ram_quota: ram, cap_quota: caps }).toString());
  }

  /**
   * The same, for code that cannot await (a VFS plugin serving a blocked
   * program): the caller's thread waits until the parent has passed the
   * donation on. Throws the parent's error (OutOfRam when the client's
   * account cannot pay).
   */
  upgradeSync(ram: number, caps = 0): void {
    this.#parentSync.upgrade(this.id, SessionArgs.from({ ram_quota: ram, cap_quota: caps }).toString());
  }

  /** Closes the session; its quota returns. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#ipc.release(this.cap);
    await this.#parent.close(this.id);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/* The session arguments of one attempt. */
function sessionArgs(options: ConnectOptions, quota: { ram: number; caps: number }): string {
  return SessionArgs.from({ label: options.label ?? '', ram_quota: quota.ram, cap_quota: quota.caps, ...options.args }).toString();
}

/*
 * What Genode's client runtime does after a failed attempt: more session
 * quota (in `quota`), a resource request to the parent (returned), or
 * giving up (the error is thrown).
 */
function retry(error: unknown, attempt: number, quota: { ram: number; caps: number }): string | undefined {
  if (attempt >= MAX_ATTEMPTS) throw error;
  if (error instanceof InsufficientRamQuota) quota.ram += 4096;
  else if (error instanceof InsufficientCapQuota) quota.caps += 4;
  else if (error instanceof OutOfRam) return `ram_quota=${quota.ram + 4096}`;
  else if (error instanceof OutOfCaps) return `cap_quota=${quota.caps}`;
  else throw error;
  return undefined;
}

/** Opens a session at the parent, with Genode's quota-retry behaviour. */
export async function connect<T>(
  parent: ParentClient<Parent>, parentSync: SyncClient<Parent>, ipc: Ipc, iface: Interface<T>, options: ConnectOptions = {},
): Promise<Connection<T>> {
  const service = options.service ?? iface.name;
  const quota = { ram: options.ram ?? DEFAULT_RAM, caps: options.caps ?? DEFAULT_CAPS };
  for (let attempt = 1; ; attempt++) {
    try {
      const grant = await parent.session(service, sessionArgs(options, quota));
      const cap = grant.cap as Capability<T>;
      return new Connection(parent, parentSync, ipc, service, grant.id, cap, ipc.client(iface, cap));
    } catch (error) {
      const request = retry(error, attempt, quota);
      if (request !== undefined) await parent.resourceRequest(request);
    }
  }
}

/** connect() for code that cannot await: blocks until the parent answered (workers only). */
export function connectSync<T>(
  parent: ParentClient<Parent>, parentSync: SyncClient<Parent>, ipc: Ipc, iface: Interface<T>, options: ConnectOptions = {},
): Connection<T> {
  const service = options.service ?? iface.name;
  const quota = { ram: options.ram ?? DEFAULT_RAM, caps: options.caps ?? DEFAULT_CAPS };
  for (let attempt = 1; ; attempt++) {
    try {
      const grant = parentSync.session(service, sessionArgs(options, quota));
      const cap = grant.cap as Capability<T>;
      return new Connection(parent, parentSync, ipc, service, grant.id, cap, ipc.client(iface, cap));
    } catch (error) {
      const request = retry(error, attempt, quota);
      if (request !== undefined) parentSync.resourceRequest(request);
    }
  }
}
