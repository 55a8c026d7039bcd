/*
 * The decorator role (Genode's decorator): wm's own Gui session at
 * nitpicker, labelled "decorator", with a buffer of the screen's size. Each
 * window has four views of this session around its content (top with the
 * title bar, left, right, bottom), each showing the part of the buffer
 * beneath itself, stacked in front of the window's content view when the
 * window is raised. A change
 * of a window damages the rectangles it left and took; `flush` repaints
 * the damage, every window that reaches into it back to front, and tells
 * nitpicker which pixels changed.
 *
 * The buffer is wm's own cost (its RAM quota pays for the screen's bytes),
 * not a client's.
 */

import { DirtyRegion, intersect, isEmpty, sameArea, sameRect, selectPolicy, type Area, type Env, type GuiCommand, type InputEvent, type Rect, type XmlNode } from 'nido';
import { GuiClient } from '../../lib/gui/gui_client.js';
import { parseColor } from '../../lib/gui/surface.js';
import { borderRects, outerGeometry, type BorderRects } from './decoration.js';
import { DEFAULT_BASE_COLOR, paintDecoration } from './painter.js';
import type { Window } from './window.js';

type Side = keyof BorderRects;
const SIDES: readonly Side[] = ['top', 'left', 'right', 'bottom'];

interface Decoration {
  readonly views: Record<Side, number>;
  /** Where the content was when the views were placed last. */
  placed: Rect;
}

/** What the decorator needs to know to paint: the windows back to front and which one is focused. */
export interface PaintOrder {
  backToFront(): readonly Window[];
  focused(): Window | undefined;
}

export class Decorator {
  readonly #gui: GuiClient;
  readonly #decorations = new Map<Window, Decoration>();
  #screen: Area;
  readonly #damage = new DirtyRegion();
  #policies: XmlNode | undefined;

  private constructor(gui: GuiClient, screen: Area) {
    this.#gui = gui;
    this.#screen = screen;
  }

  /** Opens the decorator's session at nitpicker and allocates its buffer of the screen's size. */
  static async open(env: Env): Promise<Decorator> {
    const gui = await GuiClient.open(env, { label: 'decorator' });
    const screen = await gui.gui.mode();
    const decorator = new Decorator(gui, screen);
    /* Before a screen driver captures, nitpicker's screen has no size: the buffer comes with the screen. */
    if (!isEmpty({ x: 0, y: 0, ...screen })) await gui.buffer(screen);
    return decorator;
  }

  get screen(): Area {
    return this.#screen;
  }

  /** Calls `handler` with the input events of the decorations (pointer on them, keys while wm has nitpicker's focus). */
  onInput(handler: (events: InputEvent[]) => void): Promise<void> {
    return this.#gui.onInput(handler);
  }

  /** Calls `handler` when nitpicker's screen changed its size. */
  onScreenChange(handler: (mode: Area) => void): Promise<void> {
    return this.#gui.onModeChange(handler, this.#screen);
  }

  /** The config's `<decorator>` node: `<policy label… color="#rrggbb"/>` colours windows by label. */
  configure(node: XmlNode | undefined): void {
    this.#policies = node;
    this.damage({ x: 0, y: 0, ...this.#screen });
  }

  baseColor(label: string): number {
    const policy = this.#policies === undefined ? undefined : selectPolicy(this.#policies, label);
    const color = policy?.attribute('color');
    return (color === undefined ? undefined : parseColor(color)) ?? DEFAULT_BASE_COLOR;
  }

  /** A buffer of the new screen's size; the views are placed anew and everything is repainted. */
  async resizeScreen(screen: Area): Promise<void> {
    this.#screen = screen;
    if (isEmpty({ x: 0, y: 0, ...screen })) return;
    await this.#gui.buffer(screen);
    for (const [window, decoration] of this.#decorations) await this.#placeViews(window, decoration);
    this.damage({ x: 0, y: 0, ...screen });
  }

  async add(window: Window): Promise<void> {
    if (this.#decorations.has(window)) return;
    const views = {} as Record<Side, number>;
    for (const side of SIDES) views[side] = await this.#gui.gui.createView({ title: `${window.id}`, front: false });
    const decoration: Decoration = { views, placed: window.content };
    this.#decorations.set(window, decoration);
    await this.#placeViews(window, decoration);
    this.damage(outerGeometry(window.content));
  }

  async remove(window: Window): Promise<void> {
    const decoration = this.#decorations.get(window);
    if (decoration === undefined) return;
    this.#decorations.delete(window);
    for (const side of SIDES) await this.#gui.gui.destroyView(decoration.views[side]);
    this.damage(outerGeometry(decoration.placed));
  }

  /** Moves the window's decorations to where its content is now. */
  async place(window: Window): Promise<void> {
    const decoration = this.#decorations.get(window);
    if (decoration === undefined) return;
    const before = decoration.placed;
    if (sameRect(before, window.content)) return;
    decoration.placed = window.content;
    await this.#placeViews(window, decoration);
    this.damage(outerGeometry(before));
    this.damage(outerGeometry(window.content));
  }

  /**
   * Stacks the decorations in front of everything, after the owner put the
   * window's content there: they do not overlap it, so the window with its
   * decorations is in front. (nitpicker stacks a view only next to views
   * of its own session, so the content view is no neighbour here.)
   */
  async stack(window: Window): Promise<void> {
    const decoration = this.#decorations.get(window);
    if (decoration === undefined) return;
    await this.#gui.gui.execute(SIDES.map((side) => ({ op: 'front', view: decoration.views[side] })));
  }

  /** The window's look changed (focus, title): its decorations are repainted. */
  restyle(window: Window): void {
    this.damage(outerGeometry(window.content));
  }

  damage(rect: Rect): void {
    this.#damage.add(intersect(rect, { x: 0, y: 0, ...this.#screen }));
  }

  /** Repaints the damaged rectangles and tells nitpicker. */
  async flush(order: PaintOrder): Promise<void> {
    const surface = this.#gui.surface;
    if (surface === undefined || !sameArea(surface, this.#screen)) return;
    if (this.#damage.empty) return;
    const regions = this.#damage.take();
    const focused = order.focused();
    for (const region of regions) {
      const canvas = surface.clipped(region);
      for (const window of order.backToFront()) {
        if (!this.#decorations.has(window) || isEmpty(intersect(outerGeometry(window.content), region))) continue;
        paintDecoration(canvas, {
          content: window.content, title: window.displayedTitle, focused: window === focused, baseColor: this.baseColor(window.label),
        });
      }
      await this.#gui.refresh(region);
    }
  }

  async close(): Promise<void> {
    await this.#gui.close();
  }

  /* Each view shows the buffer beneath itself: the buffer's origin lies at the screen's. */
  async #placeViews(window: Window, decoration: Decoration): Promise<void> {
    const rects = borderRects(window.content);
    const screen = { x: 0, y: 0, ...this.#screen };
    const commands: GuiCommand[] = [];
    for (const side of SIDES) {
      const shown = intersect(rects[side], screen);
      const rect = isEmpty(shown) ? { x: 0, y: 0, width: 0, height: 0 } : shown;
      commands.push({ op: 'geometry', view: decoration.views[side], rect });
      commands.push({ op: 'offset', view: decoration.views[side], x: -rect.x, y: -rect.y });
    }
    await this.#gui.gui.execute(commands);
  }
}
