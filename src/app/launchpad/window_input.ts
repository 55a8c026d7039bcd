/*
 * What the pointer does in the launchpad window: input events of the Gui
 * session in, actions out (hover, launch, kill, move the window, set a
 * launcher's quota). Pointer positions arrive in the session's
 * coordinates, the ones view geometry is given in, as Genode's nitpicker
 * delivers them; a client subtracts where its view is (Genode's launchpad
 * does the same with its view position).
 *
 * A click acts on release over the thing it pressed (a press that slides
 * off does nothing, as Genode's kill icon); a press on the title bar drags
 * the window; a press on a launcher's bar sets its quota and dragging
 * changes it (Genode's red launcher loadbar).
 *
 *   const input = new WindowInput({ x: 550, y: 150 });
 *   for (const action of input.handle(event, rows)) apply(action);
 */

import type { InputEvent, Point } from 'nido';
import { targetAt, type Row, type Target } from './window_layout.js';

export type WindowAction =
  | { readonly kind: 'hover'; readonly target: Target | undefined }
  | { readonly kind: 'launch'; readonly name: string }
  | { readonly kind: 'kill'; readonly name: string }
  /** The view's new position (session coordinates). */
  | { readonly kind: 'move'; readonly x: number; readonly y: number }
  /** A launcher's quota as its bar shows at window x. */
  | { readonly kind: 'launcher_quota'; readonly name: string; readonly x: number };

type Drag =
  | { readonly kind: 'click'; readonly target: Target }
  | { readonly kind: 'move'; readonly grab: Point }
  | { readonly kind: 'quota'; readonly name: string };

function same(a: Target | undefined, b: Target | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.kind === b.kind && ('name' in a ? a.name : '') === ('name' in b ? b.name : '');
}

export class WindowInput {
  #position: Point;
  #pointer: Point | undefined;
  #hover: Target | undefined;
  #drag: Drag | undefined;

  constructor(position: Point) {
    this.#position = position;
  }

  /** Where the view is (session coordinates). */
  get position(): Point {
    return this.#position;
  }

  /** What the pointer is over. */
  get hover(): Target | undefined {
    return this.#hover;
  }

  /** Takes one event; answers what it means, given the rows shown. */
  handle(event: InputEvent, rows: readonly Row[]): WindowAction[] {
    switch (event.type) {
      case 'absolute_motion':
        return this.#motion({ x: event.x, y: event.y }, rows);
      case 'press':
        if (event.key !== 'BTN_LEFT' || this.#pointer === undefined) return [];
        return this.#press(this.#pointer, rows);
      case 'release':
        if (event.key !== 'BTN_LEFT') return [];
        return this.#release(rows);
      case 'hover_leave':
        this.#pointer = undefined;
        return this.#setHover(undefined);
      default:
        return [];
    }
  }

  #local(point: Point): Point {
    return { x: point.x - this.#position.x, y: point.y - this.#position.y };
  }

  #setHover(target: Target | undefined): WindowAction[] {
    if (same(target, this.#hover)) return [];
    this.#hover = target;
    return [{ kind: 'hover', target }];
  }

  #motion(screen: Point, rows: readonly Row[]): WindowAction[] {
    this.#pointer = screen;
    const drag = this.#drag;
    if (drag?.kind === 'move') {
      const x = screen.x - drag.grab.x;
      const y = screen.y - drag.grab.y;
      if (x === this.#position.x && y === this.#position.y) return [];
      this.#position = { x, y };
      return [{ kind: 'move', x, y }];
    }
    if (drag?.kind === 'quota') return [{ kind: 'launcher_quota', name: drag.name, x: this.#local(screen).x }];
    return this.#setHover(targetAt(rows, this.#local(screen)));
  }

  #press(screen: Point, rows: readonly Row[]): WindowAction[] {
    const local = this.#local(screen);
    const target = targetAt(rows, local);
    if (target === undefined) return [];
    switch (target.kind) {
      case 'title':
        this.#drag = { kind: 'move', grab: local };
        return [];
      case 'launcher_quota':
        this.#drag = { kind: 'quota', name: target.name };
        return [{ kind: 'launcher_quota', name: target.name, x: local.x }];
      default:
        this.#drag = { kind: 'click', target };
        return [];
    }
  }

  #release(rows: readonly Row[]): WindowAction[] {
    const drag = this.#drag;
    this.#drag = undefined;
    const pointer = this.#pointer;
    if (drag?.kind !== 'click' || pointer === undefined) return [];
    const target = targetAt(rows, this.#local(pointer));
    if (!same(target, drag.target) || target === undefined) return [];
    if (target.kind === 'launch') return [{ kind: 'launch', name: target.name }];
    if (target.kind === 'kill') return [{ kind: 'kill', name: target.name }];
    return [];
  }
}
