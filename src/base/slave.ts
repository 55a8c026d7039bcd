/*
 * Slave: a server that a component runs as its own child, "enslaved"
 * (the talk's part 2; spec/runtime.md §5, Genode's os/slave.h). The
 * component names the binary, gives its config, pays its RAM and cap
 * quota, and decides which of the slave's session requests go out to its
 * own parent: the permitted services; everything else is denied. It uses
 * the services the slave announces itself (`connect`) or hands their
 * capabilities on. The slave cannot tell its parent is not init.
 * Killing the slave closes its sessions and reverts every donation.
 *
 *   const fs = await Slave.start(env, {
 *     name: 'ram_fs', ram: 4 * 1024 * 1024, caps: 200,
 *     config: '<config><default-policy root="/" writeable="yes"/></config>',
 *     permittedServices: ['ROM', 'LOG', 'PD', 'CPU'],
 *   });
 *   const session = await fs.connect(FileSystem, { label: 'media', ram: 256 * 1024 });
 */

import type { Capability } from './capability.js';
import { Child, ENV_CAPS, ENV_RAM, SESSION_COSTS, type Route } from './child.js';
import type { Env } from './env.js';
import type { Client, Interface } from './interface.js';
import { LocalRom } from './local_rom.js';
import { ServiceSession } from './service_session.js';
import type { ExitInfo } from '../session/pd/interface.js';
import { lastElement } from '../util/label.js';
import { SessionArgs } from '../util/session_args.js';

export interface SlaveOptions {
  /** The slave's name: its label prefix (`media_player -> ram_fs -> ...` as its parent's parent sees it). */
  readonly name: string;
  /** Binary ROM module; the name by default. */
  readonly binary?: string;
  /** Content of the slave's `config` ROM (XML text); without it, the config request goes to the parent if permitted. */
  readonly config?: string;
  /** RAM (bytes) and caps the slave is assigned, its environment sessions included (as init's `ram`/`caps`). */
  readonly ram: number;
  readonly caps: number;
  /** Services whose requests are forwarded to our parent; all others are denied. */
  readonly permittedServices: readonly string[];
  /** Called for each service the slave announces. */
  readonly announced?: (service: string) => void;
  /** Called when the slave exits or crashes. */
  readonly exited?: (info: ExitInfo) => void;
}

export interface SlaveConnectOptions {
  readonly label?: string;
  readonly service?: string;
  readonly ram?: number;
  readonly caps?: number;
  readonly args?: Readonly<Record<string, string | number>>;
}

/** A session at the slave's service, opened and paid for by the slave's parent. */
export interface SlaveConnection<T> {
  readonly cap: Capability<T>;
  readonly client: Client<T>;
  upgrade(ram: number, caps?: number): Promise<void>;
  close(): Promise<void>;
}

export class Slave {
  readonly #env: Env;
  readonly child: Child;
  readonly #config: LocalRom | undefined;
  #ids = 0;

  private constructor(env: Env, options: SlaveOptions) {
    this.#env = env;
    this.#config = options.config === undefined ? undefined : new LocalRom(env, options.config);
    const binary = options.binary ?? options.name;
    const permitted = new Set(options.permittedServices);
    this.child = new Child(env, {
      resolve: (_child, request): Route => {
        if (request.service === 'ROM' && lastElement(request.label) === 'config' && this.#config !== undefined) {
          return { kind: 'local', root: this.#config, label: request.label };
        }
        if (!permitted.has(request.service)) {
          return { kind: 'deny', reason: `${options.name}: ${request.service} session not permitted (label="${request.label}")` };
        }
        /* The binary request is asked for under the binary's name. */
        const label = request.env && request.service === 'ROM' && request.label === options.name ? binary : request.label;
        return { kind: 'parent', label };
      },
      announce: (_child, service) => {
        options.announced?.(service);
        return true;
      },
      exited: (_child, info) => options.exited?.(info),
      warning: (text) => env.warning(text),
    }, { name: options.name, binary, ram: 0, caps: 0 });
  }

  /** Starts the slave; resolves once its program runs. */
  static async start(env: Env, options: SlaveOptions): Promise<Slave> {
    const slave = new Slave(env, options);
    await slave.child.startPd({
      ram: Math.max(0, options.ram - ENV_RAM - 16 * SESSION_COSTS),
      caps: Math.max(0, options.caps - ENV_CAPS),
    });
    await slave.child.startProgram();
    return slave;
  }

  /** Opens a session at a service of the slave (waits for its announcement); the quota comes from our account. */
  async connect<T>(iface: Interface<T>, options: SlaveConnectOptions = {}): Promise<SlaveConnection<T>> {
    const service = options.service ?? iface.name;
    const args = SessionArgs.from({ label: options.label ?? '', ram_quota: options.ram ?? 8 * 1024, cap_quota: options.caps ?? 2, ...options.args });
    const session = await ServiceSession.open(this.#env, this.child, ++this.#ids, service, args);
    const cap = session.cap as Capability<T>;
    return {
      cap,
      client: this.#env.client(iface, cap),
      upgrade: (ram, caps = 0) => session.upgrade(ram, caps, SessionArgs.from({ ram_quota: ram, cap_quota: caps }).toString()),
      close: () => session.close(),
    };
  }

  /** Gives the slave a new config (it is told, and re-reads it). */
  configure(config: string): void {
    this.#config?.set(config);
  }

  /** Kills the slave: its sessions close newest first; resolves when every donation is back. */
  async kill(): Promise<void> {
    await this.child.kill();
    await this.child.closed;
  }
}
