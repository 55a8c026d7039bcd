/*
 * The launchpad in a window, as in the talk: a Gui session (GuiClient)
 * with one view titled "Launchpad", showing the figures of the launchpad
 * (launchpad.ts) laid out by window_layout.ts and painted by
 * window_painter.ts. Live: the figures are sampled every half second (as
 * the talk's window did, Genode's Avail_quota_update) and at once after
 * each start, kill or exit; only the rows that look different are
 * repainted and refreshed. Clicks start and kill (window_input.ts).
 */

import { Timer, bufferBytes, type Area, type Connection, type Env, type InputEvent, type Point } from 'nido';
import { GuiClient } from '../../lib/gui/gui_client.js';
import type { Surface } from '../../lib/gui/surface.js';
import type { Launchpad, LaunchpadFigures } from './launchpad.js';
import { WindowInput, type WindowAction } from './window_input.js';
import { changedRows, layoutWindow, quotaAt, refreshAreas, TITLE, type Row } from './window_layout.js';
import { paintRows } from './window_painter.js';

/** Where the window is and how large (Genode's launchpad: xpos, ypos, width, height). */
export interface WindowGeometry extends Point, Area {}

/* The talk's window sampled its quota twice a second. */
const SAMPLE_PERIOD_US = 500_000;

export class LaunchpadWindow {
  readonly #env: Env;
  readonly #launchpad: Launchpad;
  readonly #gui: GuiClient;
  readonly #surface: Surface;
  readonly #view: number;
  readonly #area: Area;
  readonly #input: WindowInput;
  readonly #timer: Connection<Timer>;
  #figures: LaunchpadFigures;
  #rows: Row[] = [];
  /* Updates run one at a time; a request while one runs makes one more run after it. */
  #running: Promise<void> | undefined;
  #again = false;
  #sampleAgain = false;

  private constructor(env: Env, launchpad: Launchpad, gui: GuiClient, surface: Surface, view: number,
    geometry: WindowGeometry, timer: Connection<Timer>, figures: LaunchpadFigures) {
    this.#env = env;
    this.#launchpad = launchpad;
    this.#gui = gui;
    this.#surface = surface;
    this.#view = view;
    this.#area = { width: geometry.width, height: geometry.height };
    this.#input = new WindowInput({ x: geometry.x, y: geometry.y });
    this.#timer = timer;
    this.#figures = figures;
  }

  /** Opens the Gui session, shows the window at `geometry` and keeps it live. */
  static async open(env: Env, launchpad: Launchpad, geometry: WindowGeometry): Promise<LaunchpadWindow> {
    const area = { width: geometry.width, height: geometry.height };
    /* The buffer is paid from the session's donation: the launchpad pays for its pixels. */
    const gui = await GuiClient.open(env, { ram: bufferBytes(area) });
    const surface = await gui.buffer(area);
    const timer = await env.connect(Timer);
    const figures = await launchpad.figures();
    const rows = layoutWindow(area, figures);
    paintRows(surface, rows);
    await gui.refresh();
    const view = await gui.gui.createView({ title: TITLE, rect: { x: geometry.x, y: geometry.y, ...area } });
    const window = new LaunchpadWindow(env, launchpad, gui, surface, view, geometry, timer, figures);
    window.#rows = rows;
    await gui.onInput((events) => window.#handleInput(events));
    launchpad.onChange(() => window.#update(true));
    await timer.client.sigh(env.ep.signalHandler(() => window.#update(true)));
    await timer.client.triggerPeriodic(SAMPLE_PERIOD_US);
    return window;
  }

  #handleInput(events: InputEvent[]): void {
    for (const event of events) {
      for (const action of this.#input.handle(event, this.#rows)) void this.#apply(action).catch((error: unknown) => {
        this.#env.error(`launchpad: ${(error as Error).message}`);
      });
    }
  }

  async #apply(action: WindowAction): Promise<void> {
    switch (action.kind) {
      case 'hover':
        this.#update(false);
        return;
      case 'move':
        await this.#gui.gui.execute([{ op: 'geometry', view: this.#view, rect: { x: action.x, y: action.y, ...this.#area } }]);
        return;
      case 'launcher_quota': {
        const ram = quotaAt(this.#rows, action.name, action.x);
        if (ram !== undefined) this.#launchpad.setLauncherQuota(action.name, ram);
        return;
      }
      case 'launch': {
        const started = await this.#launchpad.start(action.name);
        if (!started.ok) this.#env.warning(started.message);
        return;
      }
      case 'kill':
        await this.#launchpad.kill(action.name);
        return;
    }
  }

  /** Lays out anew (sampling the figures first if `sample`) and repaints what changed. */
  #update(sample: boolean): void {
    this.#sampleAgain ||= sample;
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        const sampleNow = this.#sampleAgain;
        this.#sampleAgain = false;
        if (sampleNow) this.#figures = await this.#launchpad.figures();
        await this.#repaint();
      } while (this.#again);
    })().catch((error: unknown) => {
      this.#env.error(`launchpad: updating the window failed: ${(error as Error).message}`);
    }).finally(() => {
      this.#running = undefined;
    });
  }

  async #repaint(): Promise<void> {
    const rows = layoutWindow(this.#area, this.#figures, this.#input.hover);
    const changed = changedRows(this.#rows, rows);
    this.#rows = rows;
    if (changed.length === 0) return;
    paintRows(this.#surface, changed);
    for (const area of refreshAreas(changed)) await this.#gui.refresh(area);
  }
}
