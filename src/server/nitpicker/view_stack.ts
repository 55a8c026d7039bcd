/*
 * The view stack: every view on the screen in stacking order, and the
 * rules of nitpicker's screen (Genode's view_stack.cc):
 *
 * - top-level views stack by their domain's layer (0 in front), within a
 *   layer by the clients' front/back commands; background views stand
 *   behind all others;
 * - a child view stands in front of its parent and is clipped by it;
 * - a view of a domain with `label="yes"` has a frame in the domain's
 *   colour around it and the session label painted over its content,
 *   placed where the view is visible, so that no client can hide or fake
 *   another's label;
 * - with `content="tinted"` a view is mixed with the domain's colour
 *   unless its session has the focus.
 *
 * It answers which view is at a point, where each view is, and draws any
 * region of the screen into a target buffer.
 */

import { boundingBox, contains, intersect, isEmpty, subtract, withoutTrailingSeparator, type Area, type Point, type Rect } from 'nido';
import { defaultFont } from '../../lib/gui/font.js';
import { Surface, mix } from '../../lib/gui/surface.js';
import { domainOrigin } from './domain.js';
import type { View, ViewOwner } from './view.js';

/** Width of the frame around a labelled view. */
export const FRAME = 2;
const LABEL_PADDING = 2;
const TINT_ALPHA = 0x60;
const LABEL_COLOR = 0xffffff;
const LABEL_SHADOW = 0x000000;

export interface Target {
  readonly pixels: Uint32Array;
  readonly width: number;
  readonly height: number;
  /** Screen position of the target's pixel (0, 0). */
  readonly origin: Point;
}

interface Placed {
  readonly view: View;
  /** Where the view is on the screen. */
  readonly rect: Rect;
  /** The part of the screen the view may draw on (its rect clipped by its ancestors'). */
  readonly clip: Rect;
  /** The view's rect with its frame, clipped like the view. */
  readonly outer: Rect;
  label: Rect | undefined;
  /** The label's pixels, drawn when first shown: a placement is kept until something changes, a frame of an animation draws it again. */
  labelPixels?: Uint32Array;
}

export class ViewStack {
  /** Top-level views, front-most first. */
  readonly #top: View[] = [];
  #placed: Placed[] | undefined;
  screen: Area = { width: 0, height: 0 };
  pointer: Point = { x: 0, y: 0 };
  focused: ViewOwner | undefined;

  /** Inserts or moves a view: in front of (or behind) `neighbor`, or of all views of its layer. */
  stack(view: View, front: boolean, neighbor?: View): void {
    const siblings = view.parent === undefined ? this.#top : view.parent.children;
    const at = siblings.indexOf(view);
    if (at >= 0) siblings.splice(at, 1);
    let index: number;
    if (neighbor !== undefined && neighbor !== view && siblings.includes(neighbor)) {
      index = siblings.indexOf(neighbor) + (front ? 0 : 1);
    } else if (view.parent !== undefined) {
      index = front ? 0 : siblings.length;
    } else {
      const rank = this.#rank(view);
      index = front
        ? siblings.findIndex((other) => this.#rank(other) >= rank)
        : siblings.findIndex((other) => this.#rank(other) > rank);
      if (index < 0) index = siblings.length;
    }
    siblings.splice(index, 0, view);
    this.changed();
  }

  remove(view: View): void {
    const siblings = view.parent === undefined ? this.#top : view.parent.children;
    const at = siblings.indexOf(view);
    if (at >= 0) siblings.splice(at, 1);
    for (const child of [...view.children]) this.remove(child);
    this.changed();
  }

  /** Stacks top-level views by layer again (a new config may have changed domains), keeping their order within a layer. */
  restack(): void {
    const order = new Map(this.#top.map((view, index) => [view, index]));
    this.#top.sort((a, b) => this.#rank(a) - this.#rank(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
    this.changed();
  }

  /** Forget the placement: views moved, restacked, or the focus changed. */
  changed(): void {
    this.#placed = undefined;
  }

  #rank(view: View): number {
    return view.background ? Number.MAX_SAFE_INTEGER : view.owner.domain.layer;
  }

  /** Where a view is on the screen. */
  screenRect(view: View): Rect {
    const base = view.parent === undefined
      ? domainOrigin(view.owner.domain, this.screen, this.pointer)
      : this.screenRect(view.parent);
    return { x: base.x + view.geometry.x, y: base.y + view.geometry.y, width: view.geometry.width, height: view.geometry.height };
  }

  /** Every view front-most first: children before their parent. */
  #place(): Placed[] {
    if (this.#placed !== undefined) return this.#placed;
    const placed: Placed[] = [];
    const walk = (views: readonly View[], clip: Rect | undefined, parentRect: Rect | undefined) => {
      for (const view of views) {
        const base = parentRect ?? domainOrigin(view.owner.domain, this.screen, this.pointer);
        const rect = { x: base.x + view.geometry.x, y: base.y + view.geometry.y, width: view.geometry.width, height: view.geometry.height };
        const frame = view.owner.domain.label ? FRAME : 0;
        const grown = { x: rect.x - frame, y: rect.y - frame, width: rect.width + 2 * frame, height: rect.height + 2 * frame };
        const own = clip === undefined ? rect : intersect(rect, clip);
        walk(view.children, own, rect);
        placed.push({ view, rect, clip: own, outer: clip === undefined ? grown : intersect(grown, clip), label: undefined });
      }
    };
    walk(this.#top, undefined, undefined);
    this.#placeLabels(placed);
    this.#placed = placed;
    return placed;
  }

  /*
   * Puts each labelled view's label at the top of the largest part of the
   * view that no view in front of it covers, centred: the user sees the
   * true label wherever the view shows.
   */
  #placeLabels(placed: Placed[]): void {
    const font = defaultFont();
    for (let index = 0; index < placed.length; index++) {
      const entry = placed[index];
      if (entry === undefined || !entry.view.owner.domain.label || isEmpty(entry.clip)) continue;
      let visible = [entry.clip];
      for (let front = 0; front < index && visible.length > 0; front++) {
        const cover = placed[front];
        if (cover === undefined) continue;
        visible = visible.flatMap((part) => subtract(part, cover.outer));
      }
      const largest = visible.reduce<Rect | undefined>((best, part) =>
        best === undefined || part.width * part.height > best.width * best.height ? part : best, undefined);
      if (largest === undefined) continue;
      const width = Surface.textWidth(labelText(entry.view), font) + 2 * LABEL_PADDING;
      const height = font.height + 2 * LABEL_PADDING;
      entry.label = intersect({
        x: largest.x + Math.max(0, Math.floor((largest.width - width) / 2)), y: largest.y, width, height,
      }, largest);
    }
  }

  /** Where each view of `owner` is on the screen, what of it may show, and what it covers with its frame. */
  placements(owner: ViewOwner): { readonly view: View; readonly rect: Rect; readonly clip: Rect; readonly outer: Rect }[] {
    return this.#place().filter((entry) => entry.view.owner === owner);
  }

  /** The front-most view at a screen point that takes input there (frames do not). */
  viewAt(point: Point): View | undefined {
    return this.#place().find((entry) => contains(entry.clip, point))?.view;
  }

  /** The screen area of every view with a label, and the label: what a change of the stack may repaint. */
  labelRects(): Rect[] {
    return this.#place().flatMap((entry) => (entry.label === undefined ? [] : [entry.label]));
  }

  /** The bounding box of all views' outer rects and labels of `owner`. */
  ownerArea(owner: ViewOwner): Rect {
    return this.#place().filter((entry) => entry.view.owner === owner)
      .reduce<Rect>((area, entry) => boundingBox(area, entry.outer), { x: 0, y: 0, width: 0, height: 0 });
  }

  /** Draws the screen region `region` (screen coordinates) into `target`. */
  draw(target: Target, region: Rect, background: number): void {
    const targetRect = { x: target.origin.x, y: target.origin.y, width: target.width, height: target.height };
    let remaining = [intersect(region, targetRect)].filter((r) => !isEmpty(r));
    const surface = new Surface(target.pixels, target.width, target.height);
    for (const entry of this.#place()) {
      if (remaining.length === 0) break;
      const covered = remaining.map((part) => intersect(part, entry.outer)).filter((part) => !isEmpty(part));
      if (covered.length === 0) continue;
      for (const part of covered) this.#drawView(surface, target.origin, entry, part);
      remaining = remaining.flatMap((part) => subtract(part, entry.outer));
    }
    for (const part of remaining) {
      surface.fill({ x: part.x - target.origin.x, y: part.y - target.origin.y, width: part.width, height: part.height }, background);
    }
  }

  #drawView(surface: Surface, origin: Point, entry: Placed, part: Rect): void {
    const { view } = entry;
    const owner = view.owner;
    const focused = this.focused === owner;
    /* The frame: what of `part` lies outside the view's own clipped rect. */
    const frameColor = focused ? owner.domain.color : mix(owner.domain.color, 0x000000, 0x80);
    for (const piece of subtract(part, entry.clip)) {
      surface.fill({ x: piece.x - origin.x, y: piece.y - origin.y, width: piece.width, height: piece.height }, frameColor);
    }
    const content = intersect(part, entry.clip);
    if (isEmpty(content)) return;
    this.#drawContent(surface, origin, entry, content, owner.domain.tinted && !focused);
    const label = entry.label;
    if (label !== undefined) {
      const shown = intersect(label, content);
      if (!isEmpty(shown)) this.#drawLabel(surface, origin, entry, label, shown);
    }
  }

  /* The buffer's pixels under the view; where the buffer does not reach, black. */
  #drawContent(surface: Surface, origin: Point, entry: Placed, content: Rect, tint: boolean): void {
    const { view, rect } = entry;
    const owner = view.owner;
    const pixels = owner.pixels;
    const bufferX = rect.x + view.offset.x;
    const bufferY = rect.y + view.offset.y;
    const target = surface.pixels;
    const color = owner.domain.color;
    for (let y = content.y; y < content.y + content.height; y++) {
      const row = (y - origin.y) * surface.width - origin.x;
      const sourceY = y - bufferY;
      const sourceX = content.x - bufferX;
      const inside = pixels !== undefined && sourceY >= 0 && sourceY < owner.bufferHeight;
      const from = inside ? Math.max(0, -sourceX) : content.width;
      const to = inside ? Math.min(content.width, owner.bufferWidth - sourceX) : content.width;
      if (from > 0) target.fill(0, row + content.x, row + content.x + Math.min(from, content.width));
      if (to < content.width) target.fill(0, row + content.x + Math.max(to, 0), row + content.x + content.width);
      if (!inside || to <= from || pixels === undefined) continue;
      const start = sourceY * owner.bufferWidth + sourceX;
      if (tint) {
        for (let x = from; x < to; x++) target[row + content.x + x] = mix(pixels[start + x] ?? 0, color, TINT_ALPHA);
      } else {
        target.set(pixels.subarray(start + from, start + to), row + content.x + from);
      }
    }
  }

  #drawLabel(surface: Surface, origin: Point, entry: Placed, label: Rect, shown: Rect): void {
    /* Drawn into a surface of the label's size, then the shown part copied: clipping by construction. */
    entry.labelPixels ??= labelPixels(entry.view, label);
    const pixels = entry.labelPixels;
    for (let y = shown.y; y < shown.y + shown.height; y++) {
      const from = (y - label.y) * label.width + (shown.x - label.x);
      surface.pixels.set(pixels.subarray(from, from + shown.width), (y - origin.y) * surface.width + shown.x - origin.x);
    }
  }
}

/* The label of `view` in a box of `label`'s size: the text on its shadow. */
function labelPixels(view: View, label: Rect): Uint32Array {
  const scratch = new Surface(new Uint32Array(label.width * label.height), label.width, label.height);
  scratch.fill(scratch.bounds, LABEL_SHADOW);
  scratch.text(LABEL_PADDING, LABEL_PADDING, labelText(view), view.owner.domain.color === 0 ? LABEL_COLOR : mix(view.owner.domain.color, LABEL_COLOR, 0x80));
  return scratch.pixels;
}

/** The text nitpicker paints over a labelled view: the session label, and the view's title if it has one. */
export function labelText(view: View): string {
  /* An unlabelled session's label ends in the separator (init's prefixing); shown without it. */
  const label = withoutTrailingSeparator(view.owner.label);
  return view.title === '' ? label : `${label} | ${view.title}`;
}
