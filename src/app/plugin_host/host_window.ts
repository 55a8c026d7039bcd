/*
 * The plugin host's window: one top-level view of its own buffer, the
 * window's title row, and for each plugin a caption bar and a frame
 * around its slot. Each slot is a child view of the window showing the
 * window's own buffer there (a dark field until the plugin draws): the
 * view whose capability the loader gets, so that the plugin's views nest
 * in it and nitpicker clips them to it.
 */

import { OutOfCaps, bufferBytes, type Capability, type Env, type Rect, type View } from 'nido';
import { GuiClient, ROUTE_SLACK } from '../../lib/gui/gui_client.js';
import type { Surface } from '../../lib/gui/surface.js';
import { CAPTION_HEIGHT, FRAME, TITLE_HEIGHT, type HostConfig } from './plugin_config.js';

const BACKGROUND = 0x2b2f36;
const TITLE_COLOR = 0xe8e8e8;
const CAPTION_BACKGROUND = 0x3d5a80;
const CAPTION_TEXT = 0xffffff;
const FRAME_COLOR = 0x98c1d9;
const SLOT_BACKGROUND = 0x101418;
const SLOT_TEXT = 0x808890;

export class HostWindow {
  readonly #gui: GuiClient;
  readonly #surface: Surface;
  readonly #view: number;

  private constructor(gui: GuiClient, surface: Surface, view: number) {
    this.#gui = gui;
    this.#surface = surface;
    this.#view = view;
  }

  static async open(env: Env, config: HostConfig): Promise<HostWindow> {
    const { window } = config;
    const mode = { width: window.width, height: window.height };
    /* The buffer's bytes and what the parents on the way keep of a donation (512 bytes a hop), so that the first buffer fits. */
    const gui = await GuiClient.open(env, { ram: bufferBytes(mode) + ROUTE_SLACK });
    const surface = await gui.buffer(mode);
    surface.fill(surface.bounds, BACKGROUND);
    surface.text(8, (TITLE_HEIGHT - 16) / 2, config.title, TITLE_COLOR);
    const view = await gui.gui.createView({ title: config.title, rect: window });
    /* Each slot view's capability costs the session a cap: paid now, so that the caps of plugins started later come back. */
    if (config.plugins.length > 0) await gui.connection.upgrade(0, config.plugins.length);
    const host = new HostWindow(gui, surface, view);
    for (const plugin of config.plugins) {
      host.#paintSlot(plugin.slot, 'starting ...');
      host.caption(plugin.slot, `${plugin.name}: starting`);
    }
    await gui.refresh();
    return host;
  }

  #paintSlot(slot: Rect, text: string): void {
    this.#surface.fill(slot, SLOT_BACKGROUND);
    this.#surface.text(slot.x + 8, slot.y + 8, text, SLOT_TEXT);
    this.#surface.frame({ x: slot.x - FRAME, y: slot.y - FRAME, width: slot.width + 2 * FRAME, height: slot.height + 2 * FRAME }, FRAME_COLOR, FRAME);
  }

  /** Writes `text` into the caption bar above `slot` (refreshed). */
  caption(slot: Rect, text: string): Rect {
    const bar = { x: slot.x - FRAME, y: slot.y - FRAME - CAPTION_HEIGHT, width: slot.width + 2 * FRAME, height: CAPTION_HEIGHT };
    this.#surface.fill(bar, CAPTION_BACKGROUND);
    this.#surface.text(bar.x + 6, bar.y + (CAPTION_HEIGHT - 16) / 2, text, CAPTION_TEXT);
    void this.#gui.refresh(bar).catch(() => undefined);
    return bar;
  }

  /** Paints a slot empty again after its plugin went (its view is gone: the window's buffer shows). */
  closedSlot(slot: Rect, caption: string): void {
    this.#paintSlot(slot, '');
    this.caption(slot, caption);
    void this.#gui.refresh({ x: slot.x - FRAME, y: slot.y - FRAME, width: slot.width + 2 * FRAME, height: slot.height + 2 * FRAME })
      .catch(() => undefined);
  }

  /** Paints the slot and caption of a plugin that comes with a new config. */
  newSlot(slot: Rect, caption: string): void {
    this.#paintSlot(slot, 'starting ...');
    this.caption(slot, caption);
    void this.#gui.refresh({ x: slot.x - FRAME, y: slot.y - FRAME, width: slot.width + 2 * FRAME, height: slot.height + 2 * FRAME })
      .catch(() => undefined);
  }

  async destroyView(view: number): Promise<void> {
    await this.#gui.gui.destroyView(view);
  }

  /**
   * A child view of the window at `slot` (window coordinates) showing the
   * window's buffer there, and its capability for the loader. The
   * capability costs the session a cap: if its donation has none left,
   * it is upgraded by one.
   */
  async slotView(slot: Rect, title: string): Promise<{ readonly view: number; readonly cap: Capability<View> }> {
    const gui = this.#gui.gui;
    const view = await gui.createView({ title, rect: slot, parent: this.#view });
    await gui.execute([{ op: 'offset', view, x: -slot.x, y: -slot.y }]);
    try {
      return { view, cap: await gui.viewCapability(view) };
    } catch (error) {
      if (!(error instanceof OutOfCaps)) throw error;
      await this.#gui.connection.upgrade(0, 1);
      return { view, cap: await gui.viewCapability(view) };
    }
  }
}
