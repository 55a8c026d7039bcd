/*
 * A window: one top-level view of a client's Gui session, as the
 * layouter and the decorator see it (Genode's Window_registry::Window and
 * the layouter's Window in one). Its content rectangle is where the
 * client's view lies on the screen; its size is the client's, its place
 * the layouter's. The session that owns it does what only it can (the
 * `WindowOwner`): move its view at nitpicker, tell its client of a new
 * size or of the close.
 */

import { lastElement, type Area, type Rect } from 'nido';
import type { FocusTarget } from './focus_tracker.js';

/** What the layouter asks of the session whose view a window is. */
export interface WindowOwner {
  /** Puts the content view at `content` (screen coordinates) at nitpicker. */
  place(content: Rect): Promise<void>;
  /** Stacks the content view in front of everything at nitpicker. */
  toFront(): Promise<void>;
  /** Tells the client that the window should be of `area` now (a mode change). */
  requestResize(area: Area): void;
  /** Hides the content and tells the client that its window was closed (mode 0x0). */
  close(): Promise<void>;
  /** The client's session: it gets the keys wm passes to the focused window, and focus changes. */
  readonly session: FocusTarget;
}

export class Window {
  /** The client's title (the view's); the title bar shows the label before it. */
  title = '';
  /** Whether the client listens for mode changes (Genode's `resizeable`). */
  resizeable = false;
  closed = false;

  constructor(
    readonly id: number,
    readonly label: string,
    /** The content on the screen. */
    public content: Rect,
    readonly owner: WindowOwner,
  ) {}

  /**
   * What the title bar shows: the label, which the client cannot change,
   * then its title (Genode's layouter), unless that only repeats the
   * label's last element.
   */
  get displayedTitle(): string {
    return this.title === '' || this.title === lastElement(this.label) ? this.label : `${this.label} ${this.title}`;
  }
}
