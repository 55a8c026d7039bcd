/*
 * Which client has the keyboard, and telling clients when that changes.
 *
 * nitpicker focuses a session by click: a click into a window's content
 * focuses the client's own session there, a click on decorations wm's
 * decorator session. In the second case the keys arrive at wm, which
 * gives them to the window it focused (the layouter's focus), so that
 * client has the keyboard as well. The client with the keyboard is
 * therefore nitpicker's focused session if that is a client's, or the
 * layouter's focused window's client if it is the decorator's. Each
 * change of it is told as Genode tells it: `focus_leave` to the one that
 * lost it, `focus_enter` to the one that got it (nitpicker's own focus
 * events of the clients' sessions are taken here, not passed on twice).
 */

import type { InputEvent } from 'nido';

/** A client that hears of focus changes (a Gui session of wm). */
export interface FocusTarget {
  submit(event: InputEvent): void;
}

export class FocusTracker {
  readonly #layouterFocus: () => FocusTarget | undefined;
  #nitpickerFocus: FocusTarget | 'decorator' | undefined;
  #told: FocusTarget | undefined;

  constructor(layouterFocus: () => FocusTarget | undefined) {
    this.#layouterFocus = layouterFocus;
  }

  /** The client with the keyboard now. */
  get current(): FocusTarget | undefined {
    return this.#nitpickerFocus === 'decorator' ? this.#layouterFocus() : this.#nitpickerFocus;
  }

  /** nitpicker focused `target` (it sent focus_enter to that session). */
  nitpickerFocused(target: FocusTarget | 'decorator'): void {
    this.#nitpickerFocus = target;
    this.update();
  }

  /** nitpicker took the focus from `target` (focus_leave). */
  nitpickerUnfocused(target: FocusTarget | 'decorator'): void {
    if (this.#nitpickerFocus === target) this.#nitpickerFocus = undefined;
    this.update();
  }

  /** A client went away: it is told nothing more. */
  forget(target: FocusTarget): void {
    if (this.#nitpickerFocus === target) this.#nitpickerFocus = undefined;
    if (this.#told === target) this.#told = undefined;
    this.update();
  }

  /** Tells the clients whose keyboard focus changed since the last time. */
  update(): void {
    const current = this.current;
    if (current === this.#told) return;
    this.#told?.submit({ type: 'focus_leave' });
    this.#told = current;
    current?.submit({ type: 'focus_enter' });
  }
}
