/*
 * One plugin: a subsystem started through a Loader session, shown in a
 * slot of the host's window. The host pays for all of it with the
 * session's donation; the loader runs it, nests its views in the slot's
 * view and tells when its view is ready and when it ended. The host can do
 * nothing else to it but end it (close the session).
 */

import { LOADER_SESSION_COSTS, Loader, type Connection, type Env, type SignalContextCapability } from 'nido';
import type { HostWindow } from './host_window.js';
import type { PluginConfig } from './plugin_config.js';

const encoder = new TextEncoder();

/* What reaches the loader of the donation: init keeps its share of each session on the way. */
const ROUTE_COSTS = 16 * 1024;
/* Caps the loader's bookkeeping of the session and its subsystem's environment takes besides the subsystem's own. */
const LOADER_CAPS = 50;

export class Plugin {
  readonly #env: Env;
  readonly #window: HostWindow;
  readonly config: PluginConfig;
  readonly #session: Connection<Loader>;
  /* What the plugin holds besides the session: the slot's view and its two signal handlers. */
  #slotView: number | undefined;
  readonly #handlers: SignalContextCapability[] = [];
  #closed = false;

  private constructor(env: Env, window: HostWindow, config: PluginConfig, session: Connection<Loader>) {
    this.#env = env;
    this.#window = window;
    this.config = config;
    this.#session = session;
  }

  /** Opens the plugin's Loader session, fills it, gives it the slot's view and starts the subsystem. */
  static async start(env: Env, window: HostWindow, config: PluginConfig): Promise<Plugin> {
    const modules = [...config.modules].map(([name, text]) => [name, encoder.encode(text)] as const);
    const moduleBytes = modules.reduce((sum, [, bytes]) => sum + bytes.length, 0);
    const session = await env.connect(Loader, {
      label: config.name,
      ram: config.ram + LOADER_SESSION_COSTS + moduleBytes + ROUTE_COSTS,
      caps: config.caps + LOADER_CAPS,
    });
    const plugin = new Plugin(env, window, config, session);
    try {
      await plugin.#setUp(modules);
    } catch (error) {
      await plugin.#release();
      window.caption(config.slot, `${config.name}: failed`);
      throw error;
    }
    return plugin;
  }

  async #setUp(modules: readonly (readonly [string, Uint8Array])[]): Promise<void> {
    const { config } = this;
    const loader = this.#session.client;
    for (const [name, bytes] of modules) await loader.romModule(name, bytes);
    await loader.ramQuota(config.ram);
    await loader.capQuota(config.caps);
    await loader.constrainGeometry({ width: config.slot.width, height: config.slot.height });
    const slot = await this.#window.slotView(config.slot, config.name);
    this.#slotView = slot.view;
    /* The loader holds its own copy of the view's capability; ours is not needed any more. */
    await loader.parentView(slot.cap);
    this.#env.release(slot.cap);
    const viewReady = this.#env.ep.signalHandler(() => void this.#viewReady());
    const ended = this.#env.ep.signalHandler(() => void this.#ended());
    this.#handlers.push(viewReady, ended);
    await loader.viewReadySigh(viewReady);
    await loader.faultSigh(ended);
    await loader.start(config.binary, config.label);
    this.#window.caption(config.slot, `${config.name}: ${config.binary} started`);
    this.#env.log(`plugin ${config.name}: started ${config.binary} as "${config.label}"`);
  }

  async #viewReady(): Promise<void> {
    if (this.#closed) return;
    try {
      const size = await this.#session.client.viewSize();
      this.#window.caption(this.config.slot, `${this.config.name}: ${this.config.label} ${size.width}x${size.height}`);
      this.#env.log(`plugin ${this.config.name}: view ready, ${size.width}x${size.height}`);
      if (this.config.place) {
        /* As Genode's browser places its plugin: at the slot's top left, in the size the plugin asked for (at most the slot's). */
        await this.#session.client.viewGeometry({ x: 0, y: 0, ...size }, { x: 0, y: 0 });
        this.#env.log(`plugin ${this.config.name}: view placed at the slot's top left`);
      }
    } catch (error) {
      /* The view went again before we asked (ViewDoesNotExist): the next one signals anew. */
      this.#env.warning(`plugin ${this.config.name}: ${(error as Error).message}`);
    }
  }

  async #ended(): Promise<void> {
    if (this.#closed) return;
    const state = await this.#session.client.state();
    if (state.exit === undefined) return;
    this.#window.caption(this.config.slot, `${this.config.name}: ${state.exit.message}`);
    this.#env.log(`plugin ${this.config.name}: ended, ${state.exit.message}`);
  }

  /** Ends the plugin: the loader kills the subsystem and the donation comes back; the slot's view goes. */
  async close(): Promise<void> {
    await this.#release();
    this.#window.closedSlot(this.config.slot, `${this.config.name}: closed`);
    this.#env.log(`plugin ${this.config.name}: closed`);
  }

  async #release(): Promise<void> {
    this.#closed = true;
    await this.#session.close();
    for (const handler of this.#handlers.splice(0)) this.#env.ep.dissolve(handler);
    if (this.#slotView !== undefined) await this.#window.destroyView(this.#slotView);
    this.#slotView = undefined;
  }
}
