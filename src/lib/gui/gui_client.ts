/*
 * GuiClient: the client side of a Gui session for components that draw,
 * as Genode's Gui::Connection with its framebuffer and input. It opens the
 * session, allocates the buffer (upgrading the session when the server
 * says the donation cannot pay for it: the client pays for its pixels),
 * hands out a Surface on the buffer, and delivers input and mode changes.
 *
 *   const gui = await GuiClient.open(env, { label: 'clock' });
 *   const surface = await gui.buffer({ width: 200, height: 40 });
 *   const view = await gui.gui.createView({ title: 'clock', rect: { x: 10, y: 10, width: 200, height: 40 } });
 *   surface.text(4, 12, 'hello', 0xffffff);
 *   await gui.refresh();
 */

import {
  Framebuffer, Gui, GUI_SESSION_CAPS, GUI_SESSION_RAM, Input, OutOfRam, bufferBytes, receiveInput, sameArea,
  type Capability, type Client, type Connection, type Env, type FramebufferMode as Mode, type InputEvent, type Rect, type SignalContextCapability,
} from 'nido';
import { Surface } from './surface.js';

export interface GuiClientOptions {
  /** The session's label (default: none, the component's name alone). */
  readonly label?: string;
  /** RAM donated at the start besides the session's own costs (say, a first buffer's bytes). */
  readonly ram?: number;
}

/* Each parent on a session's way keeps a little of the donation (init: 512 bytes); an upgrade covers a few of them. */
const UPGRADE_MARGIN = 8 * 1024;
const MAX_UPGRADES = 3;

/**
 * What a client donates besides a first buffer's bytes, so that the buffer
 * fits at once: what the parents on the way keep of the donation.
 *
 *   const gui = await GuiClient.open(env, { ram: bufferBytes(mode) + ROUTE_SLACK });
 */
export const ROUTE_SLACK = 4096;

export class GuiClient {
  #surface: Surface | undefined;
  /* The signal handlers of onInput and onModeChange: dissolved at close. */
  readonly #handlers: SignalContextCapability[] = [];
  /** RAM donated to the session so far. */
  #donated: number;

  private constructor(
    readonly connection: Connection<Gui>,
    readonly gui: Client<Gui>,
    readonly framebuffer: Client<Framebuffer>,
    readonly input: Client<Input>,
    private readonly env: Env,
    donated: number,
  ) {
    this.#donated = donated;
  }

  static async open(env: Env, options: GuiClientOptions = {}): Promise<GuiClient> {
    const ram = GUI_SESSION_RAM + (options.ram ?? 0);
    const connection = await env.connect(Gui, {
      ...(options.label === undefined ? {} : { label: options.label }),
      ram,
      caps: GUI_SESSION_CAPS,
    });
    const gui = connection.client;
    const [framebufferCap, inputCap] = await Promise.all([gui.framebuffer(), gui.input()]);
    return new GuiClient(connection, gui,
      env.client(Framebuffer, framebufferCap as Capability<Framebuffer>),
      env.client(Input, inputCap as Capability<Input>), env, ram);
  }

  /** The surface on the current buffer (undefined before `buffer`). */
  get surface(): Surface | undefined {
    return this.#surface;
  }

  /**
   * Allocates a buffer of `mode` and answers a surface on it. If the
   * session's donation cannot pay, upgrades the session by what the buffer
   * needs beyond what was donated so far (plus a margin for what parents
   * on the way keep), and asks again, a few times with a growing margin.
   */
  async buffer(mode: Mode): Promise<Surface> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.gui.buffer(mode);
        break;
      } catch (error) {
        if (!(error instanceof OutOfRam) || attempt >= MAX_UPGRADES) throw error;
        const margin = UPGRADE_MARGIN << attempt;
        const shortfall = GUI_SESSION_RAM + bufferBytes(mode) + margin - this.#donated;
        const upgrade = Math.max(margin, shortfall);
        await this.connection.upgrade(upgrade);
        this.#donated += upgrade;
      }
    }
    const dataspace = await this.framebuffer.dataspace();
    if (dataspace === null) throw new Error('Gui server answered no buffer');
    this.#surface = new Surface(new Uint32Array(dataspace.buffer, 0, mode.width * mode.height), mode.width, mode.height);
    return this.#surface;
  }

  /** Tells the server that `area` (default: the whole buffer) changed. */
  async refresh(area?: Rect): Promise<void> {
    const r = area ?? this.#surface?.bounds;
    if (r === undefined) return;
    await this.framebuffer.refresh(r.x, r.y, r.width, r.height);
  }

  /** Calls `handler` with each batch of input events that arrives. */
  async onInput(handler: (events: InputEvent[]) => void): Promise<void> {
    this.#handlers.push(await receiveInput(this.env.ep, this.input, handler, () => undefined));
  }

  /**
   * Calls `handler` with the suggested mode whenever it changes (one
   * handler: the server keeps the last one registered). With
   * `since` (the mode the caller last read), also once right after the
   * handler is in place if the mode is another by then: a change between
   * the caller's read and the registration signals nobody (a window
   * manager started before the screen driver waited for ever so).
   */
  async onModeChange(handler: (mode: Mode) => void, since?: Mode): Promise<void> {
    const signal = this.env.ep.signalHandler(() => {
      void this.gui.mode().then(handler, () => undefined);
    });
    this.#handlers.push(signal);
    await this.gui.modeSigh(signal);
    if (since === undefined) return;
    const now = await this.gui.mode();
    if (!sameArea(now, since)) handler(now);
  }

  async close(): Promise<void> {
    await this.connection.close();
    for (const handler of this.#handlers.splice(0)) this.env.ep.dissolve(handler);
  }
}
