/*
 * One Gui session of a subsystem, as the loader serves it (Genode's
 * loader: gui.h). Behind it is a session of the loader's own parent
 * (nitpicker) under the subsystem's label, paid from the subsystem's
 * donation. Buffer, refresh, input and mode pass through; views pass
 * through the nesting rules of session_views.ts: the subsystem's
 * top-level views are children of the client's view, and the client's
 * view is not the subsystem's to touch.
 */

import {
  guiCommand, viewAttributes, type Capability, type Framebuffer, type Input, type Client, type Env, type FramebufferMode as Mode, type Gui, type GuiCommand,
  type Implementation, type SessionHooks, type SignalContextCapability, type View, type ViewAttributes,
} from 'nido';
import { SessionViews, type Placement } from './session_views.js';

export interface GuiSessionOwner {
  /** The largest mode the subsystem is told (the client's constrainGeometry). */
  readonly maxSize: Mode | undefined;
  /** A top-level view of `session` got its geometry from the subsystem. */
  viewGeometry(session: NestedGuiSession, view: number): void;
  /** The session closed. */
  closed(session: NestedGuiSession): void;
  warning(text: string): void;
}

export class NestedGuiSession implements Implementation<Gui>, SessionHooks {
  readonly #env: Env;
  readonly #gui: Client<Gui>;
  readonly #owner: GuiSessionOwner;
  readonly views: SessionViews;
  readonly label: string;
  #framebuffer: Capability<Framebuffer> | undefined;
  #input: Capability<Input> | undefined;
  #warnedBackground = false;

  constructor(env: Env, gui: Client<Gui>, parent: number | undefined, label: string, owner: GuiSessionOwner) {
    this.#env = env;
    this.#gui = gui;
    this.#owner = owner;
    this.label = label;
    this.views = new SessionViews({ parent, geometry: (view) => owner.viewGeometry(this, view) });
  }

  async framebuffer(): Promise<Capability<Framebuffer>> {
    this.#framebuffer ??= await this.#gui.framebuffer();
    return this.#framebuffer;
  }

  async input(): Promise<Capability<Input>> {
    this.#input ??= await this.#gui.input();
    return this.#input;
  }

  async mode(): Promise<Mode> {
    const mode = await this.#gui.mode();
    const max = this.#owner.maxSize;
    if (max === undefined) return mode;
    return { width: Math.min(mode.width, max.width), height: Math.min(mode.height, max.height) };
  }

  async modeSigh(handler: SignalContextCapability): Promise<void> {
    await this.#gui.modeSigh(handler);
  }

  async buffer(mode: Mode): Promise<void> {
    await this.#gui.buffer(mode);
  }

  async createView(attributes: ViewAttributes): Promise<number> {
    const checked = viewAttributes(attributes);
    const nested = this.views.nested(checked);
    const view = await this.#gui.createView(nested.attributes);
    this.views.created(view, nested.topLevel, checked.rect);
    return view;
  }

  async destroyView(view: number): Promise<void> {
    this.views.destroy(view);
    await this.#gui.destroyView(view);
  }

  async viewCapability(view: number): Promise<Capability<View>> {
    this.views.capability(view);
    return this.#gui.viewCapability(view);
  }

  async associate(view: Capability<View>): Promise<number> {
    return this.#gui.associate(view);
  }

  /*
   * Commands before a refused one take effect, as nitpicker's own
   * execute has it: they go out first, then the refusal is thrown.
   */
  async execute(commands: readonly GuiCommand[]): Promise<void> {
    if (!Array.isArray(commands)) throw new TypeError('execute: expected an array of commands');
    const forward: GuiCommand[] = [];
    let refusal: unknown;
    for (const [index, value] of (commands as unknown[]).entries()) {
      try {
        const command = guiCommand(value, `execute: command ${index}`);
        if (command.op === 'background' && !this.#warnedBackground) {
          this.#warnedBackground = true;
          this.#owner.warning(`${this.label}: a loaded subsystem cannot make a view the background (ignored)`);
        }
        forward.push(...this.views.translate(command));
      } catch (error) {
        refusal = error;
        break;
      }
    }
    if (forward.length > 0) await this.#gui.execute(forward);
    if (refusal !== undefined) throw refusal;
  }

  /** The client places the subsystem's view `view` (Loader.viewGeometry). */
  async place(view: number, placement: Placement): Promise<void> {
    const commands = this.views.place(view, placement);
    if (commands.length > 0) await this.#gui.execute(commands);
  }

  close(): void {
    if (this.#framebuffer !== undefined) this.#env.release(this.#framebuffer);
    if (this.#input !== undefined) this.#env.release(this.#input);
    this.#owner.closed(this);
  }
}
