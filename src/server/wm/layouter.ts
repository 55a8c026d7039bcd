/*
 * The layouter role (Genode's window_layouter): which windows there are,
 * their stacking order and focus, where a new one goes, and what the
 * user's pointer does to them. A press on a window's decorations raises
 * and focuses it; dragging the title moves it, dragging a sizer asks its
 * client for a new size (only a client that listens for mode changes is
 * resizeable, as in Genode: the others move), releasing the pointer over
 * the closer that was pressed closes it. A click into a window's content
 * (nitpicker gives it to the client's session) raises and focuses it too.
 *
 * Changes reach nitpicker in the order they were made: every operation on
 * nitpicker's sessions goes through one queue, so a window raised twice
 * quickly ends in front, its decorations in front of it.
 */

import { contains, isButton, sameArea, type Area, type Env, type InputEvent, type Point, type Rect } from 'nido';
import { hover, isSizer, outerGeometry, type Element } from './decoration.js';
import type { Decorator } from './decorator.js';
import { FocusTracker, type FocusTarget } from './focus_tracker.js';
import { cascadePlacement, movedPosition, resizedGeometry } from './layout_rules.js';
import { focusReport, windowLayoutReport, windowListReport, type Reporters } from './reports.js';
import { Window, type WindowOwner } from './window.js';

/* Genode's window registry hands out ids below this, 0 meaning none. */
const MAX_WINDOWS = 1024;

interface Drag {
  readonly window: Window;
  readonly element: Element;
  readonly from: Point;
  readonly original: Rect;
  /** Whether the drag resizes (a sizer of a resizeable window). */
  readonly resizing: boolean;
}

export class Layouter {
  readonly #env: Env;
  readonly #decorator: Decorator;
  readonly #reporters: Reporters;
  /** Front first. */
  #windows: Window[] = [];
  #focused: Window | undefined;
  readonly focus = new FocusTracker(() => this.#focused?.owner.session);
  #cascade = 0;
  #nextId = 1;
  #pointer: Point = { x: -1, y: -1 };
  #buttons = 0;
  #drag: Drag | undefined;
  #queue: Promise<void> = Promise.resolve();
  /** Whether the operation queued last is a repaint (a change queues one only behind its own operations). */
  #flushQueuedLast = false;
  readonly #placing = new Set<Window>();

  constructor(env: Env, decorator: Decorator, reporters: Reporters) {
    this.#env = env;
    this.#decorator = decorator;
    this.#reporters = reporters;
    this.#report();
  }

  get screen(): Area {
    return this.#decorator.screen;
  }

  get windows(): readonly Window[] {
    return this.#windows;
  }

  get focused(): Window | undefined {
    return this.#focused;
  }

  /** A client's top-level view got its first size: a new window, placed by the cascade, in front. */
  createWindow(label: string, area: Area, owner: WindowOwner): Window | undefined {
    const id = this.#allocateId();
    if (id === undefined) {
      this.#env.warning(`wm: no window for "${label}": ${MAX_WINDOWS - 1} windows exist`);
      return undefined;
    }
    const placement = cascadePlacement(this.#cascade, area, this.screen);
    this.#cascade = placement.next;
    const window = new Window(id, label, { ...placement.position, ...area }, owner);
    this.#windows.unshift(window);
    this.#enqueue(async () => {
      await owner.place(window.content);
      await this.#decorator.add(window);
      await owner.toFront();
      await this.#decorator.stack(window);
    });
    this.#changed();
    return window;
  }

  /** The client gave its window's view a new size. */
  resized(window: Window, area: Area): void {
    if (window.closed || sameArea(window.content, area)) return;
    window.content = { x: window.content.x, y: window.content.y, ...area };
    this.#moved(window);
  }

  retitled(window: Window, title: string): void {
    if (window.title === title) return;
    window.title = title;
    this.#decorator.restyle(window);
    this.#changed();
  }

  resizeable(window: Window, resizeable: boolean): void {
    if (window.resizeable === resizeable) return;
    window.resizeable = resizeable;
    this.#changed();
  }

  /** The client's view is gone (destroyed, or its session closed). */
  destroyWindow(window: Window): void {
    if (!this.#windows.includes(window)) return;
    this.#windows = this.#windows.filter((w) => w !== window);
    if (this.#drag?.window === window) this.#drag = undefined;
    if (this.#focused === window) this.#setFocus(undefined);
    this.#enqueue(() => this.#decorator.remove(window));
    this.#changed();
  }

  /** A click into a window's content (Genode's click handler): raise and focus it. */
  clickedInto(window: Window): void {
    if (!window.closed) this.#raiseAndFocus(window);
  }

  /** The screen changed its size: the decorator's buffer follows. */
  screenChanged(screen: Area): void {
    this.#enqueue(() => this.#decorator.resizeScreen(screen));
    this.#changed();
  }

  /** The input of the decorations: the pointer on them, and keys while nitpicker's focus is on them. */
  handleDecoratorInput(events: readonly InputEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'absolute_motion':
          this.#pointer = { x: event.x, y: event.y };
          this.#dragTo(this.#pointer);
          break;
        case 'press':
          if (isButton(event.key)) {
            this.#buttons++;
            if (this.#buttons === 1 && event.key === 'BTN_LEFT') this.#press();
          } else {
            this.#focused?.owner.session.submit(event);
          }
          break;
        case 'release':
          if (isButton(event.key)) {
            this.#buttons = Math.max(0, this.#buttons - 1);
            if (this.#buttons === 0) this.#release();
          } else {
            this.#focused?.owner.session.submit(event);
          }
          break;
        case 'focus_enter':
          this.focus.nitpickerFocused('decorator');
          break;
        case 'focus_leave':
          this.focus.nitpickerUnfocused('decorator');
          break;
        case 'hover_leave':
          break;
        default:
          break;
      }
    }
  }

  /** The window in front under `point` and its element there, if the point is on decorations. */
  elementAt(point: Point): { window: Window; element: Element | undefined } | undefined {
    for (const window of this.#windows) {
      if (window.closed) continue;
      if (!contains(outerGeometry(window.content), point)) continue;
      return { window, element: hover(window.content, point) };
    }
    return undefined;
  }

  #press(): void {
    const hit = this.elementAt(this.#pointer);
    if (hit === undefined) return;
    this.#raiseAndFocus(hit.window);
    if (hit.element === undefined) return;
    this.#drag = {
      window: hit.window,
      element: hit.element,
      from: this.#pointer,
      original: hit.window.content,
      resizing: isSizer(hit.element) && hit.window.resizeable,
    };
  }

  #release(): void {
    const drag = this.#drag;
    this.#drag = undefined;
    if (drag === undefined || drag.element !== 'closer') return;
    const hit = this.elementAt(this.#pointer);
    if (hit?.window === drag.window && hit.element === 'closer') this.#close(drag.window);
  }

  #dragTo(pointer: Point): void {
    const drag = this.#drag;
    if (drag === undefined || drag.element === 'closer' || drag.window.closed) return;
    const offset = { x: pointer.x - drag.from.x, y: pointer.y - drag.from.y };
    const window = drag.window;
    if (drag.resizing) {
      const wanted = resizedGeometry(drag.element, drag.original, offset, this.screen);
      window.content = { x: wanted.x, y: wanted.y, width: window.content.width, height: window.content.height };
      window.owner.requestResize({ width: wanted.width, height: wanted.height });
    } else {
      window.content = { ...movedPosition(drag.original, offset, this.screen), width: window.content.width, height: window.content.height };
    }
    this.#moved(window);
  }

  #close(window: Window): void {
    window.closed = true;
    this.#windows = this.#windows.filter((w) => w !== window);
    if (this.#focused === window) this.#setFocus(undefined);
    this.#enqueue(async () => {
      await this.#decorator.remove(window);
      await window.owner.close();
    });
    this.#changed();
  }

  #raiseAndFocus(window: Window): void {
    if (this.#windows[0] !== window) {
      this.#windows = [window, ...this.#windows.filter((w) => w !== window)];
      this.#enqueue(async () => {
        await window.owner.toFront();
        await this.#decorator.stack(window);
      });
      this.#decorator.restyle(window);
    }
    this.#setFocus(window);
    this.#changed();
  }

  #setFocus(window: Window | undefined): void {
    if (this.#focused === window) return;
    if (this.#focused !== undefined) this.#decorator.restyle(this.#focused);
    this.#focused = window;
    if (window !== undefined) this.#decorator.restyle(window);
    this.focus.update();
  }

  /* While a window is dragged, its placements pile up: one queued placement takes the newest place. */
  #moved(window: Window): void {
    if (!this.#placing.has(window)) {
      this.#placing.add(window);
      this.#enqueue(async () => {
        this.#placing.delete(window);
        if (window.closed) return;
        await window.owner.place(window.content);
        await this.#decorator.place(window);
      });
    }
    this.#changed();
  }

  #allocateId(): number | undefined {
    for (let tries = 0; tries < MAX_WINDOWS; tries++) {
      const id = this.#nextId;
      this.#nextId = (this.#nextId % (MAX_WINDOWS - 1)) + 1;
      if (!this.#windows.some((w) => w.id === id)) return id;
    }
    return undefined;
  }

  /* Reports now, paints the damage once the operations queued before are done. */
  #changed(): void {
    this.#report();
    if (this.#flushQueuedLast) return;
    this.#enqueue(() => this.#decorator.flush({ backToFront: () => [...this.#windows].reverse(), focused: () => this.#focused }));
    this.#flushQueuedLast = true;
  }

  #report(): void {
    this.#reporters.submit('window_list', windowListReport(this.#windows));
    this.#reporters.submit('focus', focusReport(this.#focused));
    this.#reporters.submit('window_layout', windowLayoutReport(this.#windows, this.#focused));
  }

  #enqueue(operation: () => Promise<void>): void {
    this.#flushQueuedLast = false;
    this.#queue = this.#queue.then(operation).catch((error: unknown) => {
      this.#env.warning(`wm: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

export type { FocusTarget };
