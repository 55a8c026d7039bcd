/*
 * The views of one Gui session of a subsystem, as the loader sees them on
 * their way to nitpicker (Genode's loader: gui.h). The subsystem's
 * top-level views become children of the client's view (associated in the
 * session as `parent`), so nitpicker positions them relative to it and
 * clips them to it. The loader guards that view: the subsystem can neither
 * move, restack, destroy nor hand it on; and it cannot make a view the
 * desktop's background. Where the client placed the subsystem's view
 * (`Loader.viewGeometry`), the subsystem's own geometry of it only tells
 * the size it wants.
 *
 * Plain data and no RPC, so that the rules are tested on their own
 * (session_views.test.ts); gui_session.ts carries them out.
 */

import { ServiceDenied, type GuiCommand, type Point, type Rect, type ViewAttributes } from 'nido';

/** Where the loader's client put the subsystem's view: `rect` relative to the parent view, the buffer shown from `offset`. */
export interface Placement {
  readonly rect: Rect;
  readonly offset: Point;
}

interface TopLevelView {
  /** The geometry the subsystem gave the view (relative to the parent view). */
  rect: Rect | undefined;
  /** The buffer offset the subsystem gave the view. */
  offset: Point;
}

const ORIGIN: Point = Object.freeze({ x: 0, y: 0 });

export interface SessionViewsOptions {
  /** The client's view, associated in this session (undefined: the client gave none, views are not nested). */
  readonly parent: number | undefined;
  /** Told when a top-level view got a geometry from the subsystem. */
  readonly geometry?: (view: number, rect: Rect) => void;
}

export class SessionViews {
  readonly parent: number | undefined;
  readonly #topLevel = new Map<number, TopLevelView>();
  readonly #geometry: ((view: number, rect: Rect) => void) | undefined;
  /** The client's placement of one of these views (the subsystem's first), if it gave one. */
  #placement: { readonly view: number; readonly placement: Placement } | undefined;

  constructor(options: SessionViewsOptions) {
    this.parent = options.parent;
    this.#geometry = options.geometry;
  }

  #guard(view: number | undefined, what: string): void {
    if (view !== undefined && view === this.parent) {
      throw new ServiceDenied(`${what}: view ${view} is the loader client's view, not the subsystem's`);
    }
  }

  /**
   * The attributes nitpicker gets for a view the subsystem creates: a
   * view without a parent (or naming the client's view) becomes a child
   * of the client's view.
   */
  nested(attributes: ViewAttributes): { readonly attributes: ViewAttributes; readonly topLevel: boolean } {
    const topLevel = attributes.parent === undefined || attributes.parent === this.parent;
    if (!topLevel || this.parent === undefined) return { attributes, topLevel };
    return { attributes: { ...attributes, parent: this.parent }, topLevel };
  }

  /** Nitpicker created the view: a top-level view is tracked (its geometry tells the client's viewSize). */
  created(view: number, topLevel: boolean, rect: Rect | undefined): void {
    if (!topLevel) return;
    this.#topLevel.set(view, { rect: undefined, offset: ORIGIN });
    if (rect !== undefined) this.#setGeometry(view, rect);
  }

  /** The subsystem destroys `view` (never the client's). */
  destroy(view: number): void {
    this.#guard(view, 'destroyView');
    this.#topLevel.delete(view);
    if (this.#placement?.view === view) this.#placement = undefined;
  }

  /** The subsystem asks for a view's capability (never the client's: it would hand on the client's view). */
  capability(view: number): void {
    this.#guard(view, 'viewCapability');
  }

  #setGeometry(view: number, rect: Rect): void {
    const known = this.#topLevel.get(view);
    if (known === undefined) return;
    known.rect = rect;
    this.#geometry?.(view, rect);
  }

  /** The geometry the subsystem gave a top-level view (undefined before it gave one). */
  geometry(view: number): Rect | undefined {
    return this.#topLevel.get(view)?.rect;
  }

  /** Whether `view` is one of the subsystem's top-level views here. */
  topLevel(view: number): boolean {
    return this.#topLevel.has(view);
  }

  /** The client places `view`: answers the commands that put it there. */
  place(view: number, placement: Placement): GuiCommand[] {
    const known = this.#topLevel.get(view);
    if (known === undefined) return [];
    this.#placement = { view, placement };
    return [
      { op: 'geometry', view, rect: placement.rect },
      { op: 'offset', view, x: placement.offset.x + known.offset.x, y: placement.offset.y + known.offset.y },
    ];
  }

  /**
   * What nitpicker gets for one command of the subsystem: the command
   * itself, a changed one (a placed view's geometry is the client's, its
   * offset adds to the client's), or nothing (a background view is not
   * the subsystem's to make). A command naming the client's view is
   * ServiceDenied.
   */
  translate(command: GuiCommand): GuiCommand[] {
    this.#guard(command.view, command.op);
    if ((command.op === 'front' || command.op === 'back') && command.neighbor !== undefined) this.#guard(command.neighbor, command.op);
    const placed = this.#placement?.view === command.view ? this.#placement.placement : undefined;
    switch (command.op) {
      case 'background':
        return [];
      case 'geometry':
        this.#setGeometry(command.view, command.rect);
        return placed === undefined ? [command] : [];
      case 'offset': {
        const known = this.#topLevel.get(command.view);
        if (known !== undefined) known.offset = { x: command.x, y: command.y };
        if (placed === undefined) return [command];
        return [{ op: 'offset', view: command.view, x: placed.offset.x + command.x, y: placed.offset.y + command.y }];
      }
      default:
        return [command];
    }
  }
}
