/*
 * Env: everything a component starts with, and its only authority.
 *
 * Built by the protection domain's runtime from the parent capability
 * alone: the PD and LOG sessions are environment sessions that the parent
 * opened on the component's behalf (spec/init.md §2.2). Everything else is
 * a session the component requests with `connect`, routed by its parent.
 *
 *   export async function construct(env) {
 *     env.log('Hello world');
 *   }
 */

import { AttachedRom } from './attached_rom.js';
import type { Capability, SignalContextCapability } from './capability.js';
import { Connection, connect, connectSync, type ConnectOptions } from './connection.js';
import type { Client, Implementation, Interface, SyncClient } from './interface.js';
import type { Ipc } from './ipc.js';
import { LogWriter, formatLogArguments } from './log_writer.js';
import { RootComponent, type RootOptions, type SessionFactory } from './root_component.js';
import { ENV_LOG, ENV_PD, Parent } from '../session/parent/interface.js';
import { Log } from '../session/log/interface.js';
import { Pd } from '../session/pd/interface.js';
import { Rom, ROM_SESSION_CAPS, ROM_SESSION_RAM } from '../session/rom/interface.js';
import { Root } from '../session/root/interface.js';

/** Signal handlers and RPC objects of the component's entrypoint. */
export interface Entrypoint {
  manage<T>(iface: Interface<T>, impl: Implementation<T>): Capability<T>;
  dissolve(cap: Capability): void;
  /** A signal context whose submissions call `handler` (coalesced: `count` signals since the last call). */
  signalHandler(handler: (count: number) => void): SignalContextCapability;
  submit(cap: SignalContextCapability): void;
}

export interface Env {
  readonly parent: Client<Parent>;
  readonly pd: Client<Pd>;
  readonly pdCap: Capability<Pd>;
  readonly ep: Entrypoint;
  /** Writes a line to the component's LOG session. */
  log(...parts: unknown[]): void;
  /** Writes a Genode-style warning (`Warning: ...` in blue). */
  warning(...parts: unknown[]): void;
  /** Writes a Genode-style error (`Error: ...` in red). */
  error(...parts: unknown[]): void;
  /** Resolves when everything logged so far has been written. */
  flushLog(): Promise<void>;
  /** Opens a session at the parent. */
  connect<T>(iface: Interface<T>, options?: ConnectOptions): Promise<Connection<T>>;
  /** Opens a session at the parent and blocks until it is answered (for code that cannot await). */
  connectSync<T>(iface: Interface<T>, options?: ConnectOptions): Connection<T>;
  /** Opens the ROM module `name` (its session label) and reads it. */
  rom(name: string): Promise<AttachedRom>;
  /** The component's `config` ROM. */
  config(): Promise<AttachedRom>;
  /** Offers a service to the parent; `factory` creates one session object per request. */
  announce<T>(iface: Interface<T>, factory: SessionFactory<T>, options?: RootOptions & { service?: string }): void;
  client<T>(iface: Interface<T>, cap: Capability<T>): Client<T>;
  /** A client whose calls block until answered (for code that cannot await). */
  syncClient<T>(iface: Interface<T>, cap: Capability<T>): SyncClient<T>;
  /** Drops this component's copy of a capability. */
  release(cap: Capability): void;
  /** Ends the component with an exit value. */
  exit(code?: number): void;
  /**
   * Blocks the component for good, like Genode's `sleep_forever()`: nothing
   * it serves is answered any more and it misses its heartbeats. Its parent
   * can still kill it. Everything logged before is written first.
   */
  sleepForever(): Promise<never>;
  /**
   * Calls `handler` when the PD's RAM meter, settling a quiet component,
   * moved its account by 64 KiB or more (memory it freed came back, or it
   * holds more than last measured), so that a component reporting its
   * own RAM (init's state report) can report it anew. One handler; a new
   * one replaces it.
   */
  ramSettled(handler: () => void): void;
}

export interface EnvHooks {
  /** Called after the parent was told about the exit: the runtime stops the component. */
  exited(code: number): void;
  /** Blocks the protection domain's thread forever. */
  block(): never;
  /** Capabilities this protection domain holds now (core hears of changes a moment later). */
  capsUsed?(): number;
  /** Registers the handler of ramSettled (see Env). */
  ramSettled?(handler: () => void): void;
}

const WARNING = '\x1b[34mWarning: ';
const ERROR = '\x1b[31mError: ';
const RESET = '\x1b[0m';

/*
 * The component's own PD client: its cap use is exact in its own view
 * (core learns of each RPC object a moment later, which is fine for its
 * parent's reports but not for a component comparing before and after).
 */
function ownPd(pd: Client<Pd>, hooks: EnvHooks): Client<Pd> {
  const capsUsed = hooks.capsUsed;
  if (capsUsed === undefined) return pd;
  return Object.freeze({
    ...pd,
    quota: async () => {
      const quota = await pd.quota();
      const used = capsUsed();
      return { ...quota, caps: { quota: quota.caps.quota, used, avail: quota.caps.quota - used } };
    },
  });
}

/** Builds the env of a component from its parent capability. */
export async function createEnv(ipc: Ipc, parentCap: Capability<Parent>, hooks: EnvHooks): Promise<Env> {
  const parent = ipc.client(Parent, parentCap);
  const [pdCap, logCap] = await Promise.all([parent.sessionCap(ENV_PD), parent.sessionCap(ENV_LOG)]);
  const logWriter = new LogWriter(ipc.client(Log, logCap as Capability<Log>));
  /* Heartbeats are answered while the entrypoint is responsive: a blocked component misses them (spec/init.md §4.8). */
  void parent.heartbeatSigh(ipc.signalContext(() => void parent.heartbeatResponse().catch(() => undefined)));
  let exited = false;

  const ep: Entrypoint = Object.freeze({
    manage: <T>(iface: Interface<T>, impl: Implementation<T>) => ipc.manage(iface, impl),
    dissolve: (cap: Capability) => ipc.dissolve(cap),
    signalHandler: (handler: (count: number) => void) => ipc.signalContext(handler),
    submit: (cap: SignalContextCapability) => ipc.submit(cap),
  });

  /* For a session upgrade by code that cannot await (Connection.upgradeSync); the channel opens on first use. */
  const parentSync = ipc.syncClient(Parent, parentCap);
  const connectTo = <T>(iface: Interface<T>, options?: ConnectOptions) => connect(parent, parentSync, ipc, iface, options);
  const rom = async (name: string) => AttachedRom.attach(ipc,
    await connectTo(Rom, { label: name, ram: ROM_SESSION_RAM, caps: ROM_SESSION_CAPS }), name);

  const env: Env = {
    parent,
    pd: ownPd(ipc.client(Pd, pdCap as Capability<Pd>), hooks),
    pdCap: pdCap as Capability<Pd>,
    ep,
    log: (...parts) => logWriter.write(formatLogArguments(parts)),
    warning: (...parts) => logWriter.write(WARNING + formatLogArguments(parts) + RESET),
    error: (...parts) => logWriter.write(ERROR + formatLogArguments(parts) + RESET),
    flushLog: () => logWriter.flush(),
    ramSettled: (handler) => hooks.ramSettled?.(handler),
    connect: connectTo,
    connectSync: (iface, options) => connectSync(parent, parentSync, ipc, iface, options),
    rom,
    config: () => rom('config'),
    announce: (iface, factory, options = {}) => {
      const root = new RootComponent(ipc, iface, factory, options);
      const rootCap = ipc.manage(Root, root);
      void parent.announce(options.service ?? iface.name, rootCap);
    },
    client: (iface, cap) => ipc.client(iface, cap),
    syncClient: (iface, cap) => ipc.syncClient(iface, cap),
    release: (cap) => ipc.release(cap),
    sleepForever: async () => {
      await logWriter.flush();
      return hooks.block();
    },
    exit: (code = 0) => {
      if (exited) return;
      exited = true;
      void logWriter.flush()
        .then(() => parent.exit(code))
        .catch(() => undefined)
        .finally(() => hooks.exited(code));
    },
  };
  return Object.freeze(env);
}
