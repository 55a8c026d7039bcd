/*
 * Launchpad: what both faces of the launchpad show and do, as Genode's
 * Launchpad class (demo/include/launchpad/launchpad.h) is to its window:
 * the launchers of the config, the children started through the loader,
 * and the quota figures the talk's window shows (the launchpad's own
 * quota, each launcher's, each child's). The Terminal face
 * (terminal_ui.ts) and the window (launchpad_window.ts) only present it.
 *
 *   const launchpad = await Launchpad.create(env, await env.config());
 *   const started = await launchpad.start('testnit');
 *   if (!started.ok) env.warning(started.message);
 *   const figures = await launchpad.figures();
 */

import { Loader, type AttachedRom, type Connection, type Env, type SignalContextCapability } from 'nido';
import { launchers, type Launcher } from './launcher.js';

const encoder = new TextEncoder();
/* The loader keeps some of each session's donation for its bookkeeping. */
const LOADER_OVERHEAD = 256 * 1024;

export type StartResult =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly message: string };

export interface LauncherFigures {
  readonly name: string;
  /** The quota a start gives the subsystem. */
  readonly ram: number;
}

export interface ChildFigures {
  readonly name: string;
  /** What the launchpad gave the subsystem: its launcher's quota at the start. */
  readonly assigned: number;
  /** What the subsystem has left of it (its PD's available RAM; 0 once it ended). */
  readonly avail: number;
  /** How it ended, if it did (it stays listed, holding its quota, until killed). */
  readonly exit?: { readonly reason: string; readonly code: number };
}

/** One sample of everything the launchpad shows. */
export interface LaunchpadFigures {
  /** What the launchpad has left. */
  readonly avail: number;
  /** What it had before it started anything: the scale of every figure. */
  readonly total: number;
  readonly launchers: readonly LauncherFigures[];
  readonly children: readonly ChildFigures[];
}

/** What changed: the config (launchers), a start, a kill, a child's exit, a launcher's quota. */
export type LaunchpadChange = 'config' | 'start' | 'kill' | 'exit' | 'quota';

interface LaunchpadChild {
  readonly name: string;
  readonly assigned: number;
  readonly session: Connection<Loader>;
  readonly fault: SignalContextCapability;
}

export class Launchpad {
  readonly #env: Env;
  readonly #config: AttachedRom;
  readonly #children = new Map<string, LaunchpadChild>();
  /* Quotas the user set for launchers (the window's launcher bars), over the config's. */
  readonly #quotas = new Map<string, number>();
  readonly #listeners = new Set<(change: LaunchpadChange) => void>();
  #queue: Promise<void> = Promise.resolve();

  private constructor(env: Env, config: AttachedRom, readonly total: number) {
    this.#env = env;
    this.#config = config;
  }

  /** The launchpad of `config`, which it keeps current; its total is what the PD has now. */
  static async create(env: Env, config: AttachedRom): Promise<Launchpad> {
    const launchpad = new Launchpad(env, config, (await env.pd.quota()).ram.quota);
    config.onChange(() => void config.update().then(() => launchpad.#changed('config')));
    return launchpad;
  }

  /** The config's launchers, with the quotas the user set. */
  launchers(): Launcher[] {
    return launchers(this.#config.xml).map((launcher) => {
      const ram = this.#quotas.get(launcher.name);
      return ram === undefined ? launcher : { ...launcher, ram };
    });
  }

  /** Sets the quota the next start of launcher `name` gives (Genode's launcher loadbar). */
  setLauncherQuota(name: string, ram: number): void {
    this.#quotas.set(name, Math.max(0, Math.min(Math.floor(ram), this.total)));
    this.#changed('quota');
  }

  /** The names of the running children, in the order they started. */
  childNames(): string[] {
    return [...this.#children.keys()];
  }

  /** Calls `handler` after each change (a new config, a start, a kill, a child's exit, a launcher's quota); answers a function that stops it. */
  onChange(handler: (change: LaunchpadChange) => void): () => void {
    this.#listeners.add(handler);
    return () => this.#listeners.delete(handler);
  }

  #changed(change: LaunchpadChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  #uniqueName(name: string): string {
    if (!this.#children.has(name)) return name;
    let n = 2;
    while (this.#children.has(`${name}.${n}`)) n++;
    return `${name}.${n}`;
  }

  /* Starts and kills run one after another, in the order asked: a name is unique when the start takes it. */
  #serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.then(() => undefined, () => undefined);
    return result;
  }

  /** Starts launcher `name`'s subsystem through the loader, as child `name` (or `name.2`, ... if that runs). */
  start(name: string): Promise<StartResult> {
    return this.#serialize(() => this.#start(name));
  }

  async #start(name: string): Promise<StartResult> {
    const launcher = this.launchers().find((l) => l.name === name);
    if (launcher === undefined) return { ok: false, message: `no launcher "${name}"` };
    const label = this.#uniqueName(name);
    let session: Connection<Loader>;
    try {
      session = await this.#env.connect(Loader, { label, ram: launcher.ram + LOADER_OVERHEAD, caps: launcher.caps + 50 });
    } catch (error) {
      /* Most likely the launchpad cannot pay for it: the user sees why and may kill something first. */
      return { ok: false, message: `starting "${label}" failed: ${(error as Error).message}` };
    }
    const fault = this.#env.ep.signalHandler(() => this.#changed('exit'));
    try {
      for (const [module, text] of launcher.modules) await session.client.romModule(module, encoder.encode(text));
      await session.client.ramQuota(launcher.ram);
      await session.client.capQuota(launcher.caps);
      await session.client.faultSigh(fault);
      await session.client.start(launcher.binary, label);
    } catch (error) {
      await session.close();
      this.#env.ep.dissolve(fault);
      return { ok: false, message: `starting "${label}" failed: ${(error as Error).message}` };
    }
    this.#children.set(label, { name: label, assigned: launcher.ram, session, fault });
    this.#env.log(`started ${label}`);
    this.#changed('start');
    return { ok: true, name: label };
  }

  /** Kills child `name`: its loader session closes and every byte comes back. Answers false if there is no such child. */
  kill(name: string): Promise<boolean> {
    return this.#serialize(() => this.#kill(name));
  }

  async #kill(name: string): Promise<boolean> {
    const child = this.#children.get(name);
    if (child === undefined) return false;
    this.#children.delete(name);
    await child.session.close();
    this.#env.ep.dissolve(child.fault);
    this.#env.log(`killed ${name}`);
    this.#changed('kill');
    return true;
  }

  /** Samples the figures: the launchpad's quota, the launchers', each running child's. */
  async figures(): Promise<LaunchpadFigures> {
    const own = await this.#env.pd.quota();
    const children: ChildFigures[] = [];
    for (const child of [...this.#children.values()]) {
      /* A child killed while we asked is simply not shown. */
      try {
        const [usage, state] = await Promise.all([child.session.client.usage(), child.session.client.state()]);
        children.push(state.exit === undefined
          ? { name: child.name, assigned: child.assigned, avail: usage.ram.avail }
          : { name: child.name, assigned: child.assigned, avail: usage.ram.avail, exit: { reason: state.exit.reason, code: state.exit.code } });
      } catch (error) {
        if (this.#children.get(child.name) === child) throw error;
      }
    }
    return {
      avail: own.ram.avail,
      total: this.total,
      launchers: this.launchers().map((launcher) => ({ name: launcher.name, ram: launcher.ram })),
      children,
    };
  }
}
