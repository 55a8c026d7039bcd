/*
 * The user's state: pointer position, pressed keys, the hovered and the
 * focused client, and who receives a key sequence (Genode's nitpicker
 * user_state.cc). The rules that make the desktop trustworthy live here:
 *
 * - a click (a button pressed with no other key held) on a client of a
 *   focusable domain focuses it (`focus="click"`), or only while the
 *   button is held (`focus="transient"`); a domain with `focus="none"`
 *   never takes focus;
 * - keys go only to the focused client, or to the client a global key
 *   names, for the whole sequence (until no key is held);
 * - motion goes to the hovered client only if it has the focus (its
 *   domain has) or its domain says `hover="always"`; while a key is held
 *   everything goes to the sequence's receiver (dragging).
 */

import { isButton, type InputEvent, type KeyName, type Point } from 'nido';
import { globalReceiver, type GlobalKey } from './global_keys.js';
import type { View, ViewOwner } from './view.js';

export interface UserStateOwner extends ViewOwner {
  /** Whether the session still exists (a closed one is forgotten). */
  readonly alive: boolean;
}

export interface UserStateChanges {
  readonly focus: boolean;
  readonly hover: boolean;
  readonly pointer: boolean;
  readonly keys: boolean;
  readonly clicked: boolean;
}

export class UserState {
  pointer: Point = { x: 0, y: 0 };
  focused: UserStateOwner | undefined;
  hovered: UserStateOwner | undefined;
  lastClicked: UserStateOwner | undefined;
  clickedCount = 0;
  readonly pressed = new Set<KeyName>();
  #receiver: UserStateOwner | undefined;
  #globalSequence = false;
  #drag = false;
  #transientFrom: UserStateOwner | undefined;
  #transient = false;

  constructor(
    private readonly viewAt: (point: Point) => View | undefined,
    private readonly screenSize: () => { width: number; height: number },
    private readonly owners: () => Iterable<UserStateOwner>,
    private readonly globalKeys: () => readonly GlobalKey[],
  ) {}

  /** Handles a batch of events from the Event session; answers what changed for reports and repaint. */
  handle(events: readonly InputEvent[]): UserStateChanges {
    const before = { focused: this.focused, hovered: this.hovered, pointer: this.pointer, clicked: this.clickedCount, receiver: this.#receiver };
    let keys = false;
    for (const event of events) {
      if (event.type === 'press' || event.type === 'release') keys = true;
      this.#handle(event);
    }
    return {
      focus: this.focused !== before.focused || this.#receiver !== before.receiver,
      hover: this.hovered !== before.hovered,
      pointer: this.pointer.x !== before.pointer.x || this.pointer.y !== before.pointer.y,
      keys,
      clicked: this.clickedCount !== before.clicked,
    };
  }

  /** The hover may change without input: views moved or vanished. */
  updateHover(): boolean {
    if (this.pressed.size > 0) return false;
    const old = this.hovered;
    const view = this.viewAt(this.pointer);
    this.hovered = view === undefined ? undefined : (view.owner as UserStateOwner);
    if (old !== this.hovered) {
      old?.submit({ type: 'hover_leave' });
      this.hovered?.submit({ type: 'absolute_motion', x: this.pointer.x, y: this.pointer.y });
      return true;
    }
    return false;
  }

  /** A session closed: it is neither focused nor hovered nor anyone's receiver any more. */
  forget(owner: UserStateOwner): { focus: boolean; hover: boolean } {
    const focus = this.focused === owner;
    const hover = this.hovered === owner;
    if (this.focused === owner) this.focused = undefined;
    if (this.lastClicked === owner) this.lastClicked = undefined;
    if (this.hovered === owner) this.hovered = undefined;
    if (this.#transientFrom === owner) this.#transientFrom = undefined;
    if (this.#receiver === owner) this.#receiver = undefined;
    return { focus, hover: this.updateHover() || hover };
  }

  #focusable(owner: UserStateOwner): boolean {
    return owner.domain.focus !== 'none';
  }

  #sameDomain(a: UserStateOwner | undefined, b: UserStateOwner | undefined): boolean {
    return a !== undefined && b !== undefined && a.domain === b.domain;
  }

  #handle(event: InputEvent): void {
    let ev = event;
    if (ev.type === 'relative_motion') {
      const size = this.screenSize();
      ev = {
        type: 'absolute_motion',
        x: Math.max(0, Math.min(size.width - 1, this.pointer.x + ev.x)),
        y: Math.max(0, Math.min(size.height - 1, this.pointer.y + ev.y)),
      };
    }
    if (ev.type === 'absolute_motion') this.pointer = { x: ev.x, y: ev.y };

    if (ev.type === 'press') {
      if (this.pressed.has(ev.key)) return; /* a double press (a repeat) starts nothing new */
      this.pressed.add(ev.key);
    }
    if (ev.type === 'release') {
      if (!this.pressed.has(ev.key)) return;
      this.pressed.delete(ev.key);
    }

    if (ev.type === 'absolute_motion') {
      this.updateHover();
      if (this.pressed.size > 0) {
        this.#drag = true;
        if (this.hovered !== undefined && this.#receiver !== this.hovered) {
          this.hovered.submit({ type: 'hover_leave' });
          this.hovered = undefined;
        }
      }
    }

    if (ev.type === 'press' && this.pressed.size === 1) this.#startSequence(ev.key);

    if (ev.type === 'absolute_motion' || ev.type === 'wheel' || ev.type === 'touch' || ev.type === 'touch_release') {
      if (this.pressed.size === 0) {
        const hovered = this.hovered;
        /* Motion only to the focused client, or to any hovered one of a hover="always" domain (the README's rule). */
        if (hovered !== undefined && (hovered.domain.hoverAlways || hovered === this.focused)) hovered.submit(ev);
      } else {
        this.#receiver?.submit(ev);
      }
    }

    if (ev.type === 'press' && this.#receiver !== undefined) {
      const hovered = this.hovered;
      if (!isButton(ev.key) || this.#globalSequence
        || (hovered !== undefined && (this.#focusable(hovered) || this.#sameDomain(hovered, this.focused)))) {
        this.#receiver.submit(ev);
      } else {
        this.#receiver = undefined;
      }
    }

    if (ev.type === 'release') {
      this.#receiver?.submit(ev);
      if (this.pressed.size === 0) this.#endSequence();
    }
  }

  #startSequence(key: KeyName): void {
    let globalReceiverOwner: UserStateOwner | undefined;
    const hovered = this.hovered;
    if (isButton(key)) this.clickedCount++;
    if (isButton(key) && hovered !== undefined && hovered !== this.focused
      && (this.#focusable(hovered) || this.#sameDomain(hovered, this.focused))) {
      this.lastClicked = hovered;
      const focus = hovered.domain.focus;
      if (focus === 'transient') {
        /* Only while the button is held: the sequence is the hovered client's, and the focus goes back at its end. */
        this.#transientFrom = this.focused;
        this.#transient = true;
        globalReceiverOwner = hovered;
      }
      if (focus === 'transient' || focus === 'click') {
        this.focused?.submit({ type: 'focus_leave' });
        hovered.submit({ type: 'absolute_motion', x: this.pointer.x, y: this.pointer.y });
        hovered.submit({ type: 'focus_enter' });
        this.focused = hovered;
      }
    }
    globalReceiverOwner ??= globalReceiver(this.globalKeys(), key, [...this.owners()].filter((owner) => owner.alive));
    if (globalReceiverOwner !== undefined) {
      this.#globalSequence = true;
      this.#receiver = globalReceiverOwner;
    } else {
      this.#receiver = this.focused;
    }
  }

  #endSequence(): void {
    this.updateHover();
    if (this.#drag && this.#receiver !== undefined && this.#receiver !== this.hovered) this.#receiver.submit({ type: 'hover_leave' });
    this.#drag = false;
    if (this.#transient) {
      /* A transient focus returns to whoever had it before the click. */
      this.#transient = false;
      this.focused?.submit({ type: 'focus_leave' });
      this.focused = this.#transientFrom?.alive === true ? this.#transientFrom : undefined;
      this.focused?.submit({ type: 'focus_enter' });
      this.#transientFrom = undefined;
    }
    if (this.#globalSequence) this.#globalSequence = false;
    this.#receiver = this.focused;
  }
}
