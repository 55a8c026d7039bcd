/*
 * A Capture session of nitpicker: a screen driver's view of the
 * panorama (Genode's nitpicker capture_session.h). The driver's buffer,
 * paid from its donation, says how big its display is; `<capture>`
 * policies may place it in the panorama (xpos, ypos) or constrain its
 * size (width, height). On `captureAt` nitpicker draws whatever changed
 * since the last call into the buffer and answers those rectangles.
 */

import {
  CAPTURE_SESSION_RAM, SignalSlot, intersect, isEmpty, translate,
  type Area, type Capture, type Env, type Implementation, type Point, type Rect,
  type SessionHooks, type SignalContextCapability, type XmlNode,
} from 'nido';
import { DirtyRegion } from './dirty_region.js';
import { SessionBuffer } from './session_buffer.js';
import type { ViewStack } from './view_stack.js';

export interface CaptureContext {
  readonly env: Env;
  readonly stack: ViewStack;
  background(): number;
  /** The client's buffer changed size: the panorama may have. */
  panoramaChanged(): void;
  /** A capture happened: the pace of the screen. */
  captured(): void;
  sessionClosed(session: CaptureSession): void;
}

export class CaptureSession {
  readonly dirty = new DirtyRegion();
  readonly #context: CaptureContext;
  readonly #sizeSigh: SignalSlot;
  readonly #wakeupSigh: SignalSlot;
  #stopped = false;
  readonly #buffer: SessionBuffer;
  #ram: number;
  #closed = false;

  constructor(context: CaptureContext, readonly label: string, public policy: XmlNode, ram: number) {
    this.#context = context;
    this.#ram = ram;
    this.#buffer = new SessionBuffer(context.env, `Capture session "${label}"`);
    const signals = { submit: context.env.ep.submit, release: context.env.release };
    this.#sizeSigh = new SignalSlot(signals);
    this.#wakeupSigh = new SignalSlot(signals);
  }

  /** The client's buffer's size: the size of its display. */
  get size(): Area {
    return this.#buffer.mode;
  }

  /** Where the client's buffer lies in the panorama, as its policy places it. */
  get position(): Point {
    return { x: this.policy.integerAttribute('xpos', 0), y: this.policy.integerAttribute('ypos', 0) };
  }

  /** The part of the panorama the client shows. */
  get area(): Rect {
    const width = this.policy.naturalAttribute('width', 0) || this.size.width;
    const height = this.policy.naturalAttribute('height', 0) || this.size.height;
    return { ...this.position, width: Math.min(width, this.size.width), height: Math.min(height, this.size.height) };
  }

  /** Part of the screen changed: remembered, and a stopped client woken. */
  damage(rect: Rect): void {
    const shown = intersect(rect, this.area);
    if (isEmpty(shown)) return;
    this.dirty.add(shown);
    this.wake();
  }

  wake(): void {
    if (!this.#stopped || this.#wakeupSigh.handler === undefined) return;
    this.#stopped = false;
    this.#wakeupSigh.submit();
  }

  screenSizeChanged(): void {
    this.#sizeSigh.submit();
  }

  implementation(): Implementation<Capture> & SessionHooks {
    return {
      screenSize: () => ({ width: this.#context.stack.screen.width, height: this.#context.stack.screen.height }),
      screenSizeSigh: (handler: SignalContextCapability) => this.#sizeSigh.set(handler),
      wakeupSigh: (handler: SignalContextCapability) => this.#wakeupSigh.set(handler),
      buffer: (size: Area) => this.#allocateBuffer(size),
      dataspace: () => this.#buffer.dataspace ?? null,
      captureAt: (x: number, y: number) => this.#captureAt(x, y),
      captureStopped: () => {
        this.#stopped = true;
        if (!this.dirty.empty) this.wake();
      },
      upgrade: (ram: number) => {
        this.#ram += ram;
      },
      close: () => this.close(),
    };
  }

  async #allocateBuffer(size: Area): Promise<void> {
    await this.#buffer.allocate(size, () => this.#ram - CAPTURE_SESSION_RAM);
    if (this.#closed) return;
    this.#context.panoramaChanged();
    this.dirty.add(this.area);
  }

  #captureAt(x: unknown, y: unknown): Rect[] {
    if (!Number.isInteger(x) || !Number.isInteger(y)) throw new TypeError(`Capture session "${this.label}": captureAt needs integer coordinates`);
    this.#context.captured();
    const pixels = this.#buffer.pixels;
    if (pixels === undefined) return [];
    /* The policy's placement wins over the client's wish (a projector shows what it is given). */
    const area = this.area;
    const origin = this.policy.hasAttribute('xpos') || this.policy.hasAttribute('ypos') ? area : { x: x as number, y: y as number };
    const target = { pixels, width: this.size.width, height: this.size.height, origin: { x: origin.x, y: origin.y } };
    const drawn: Rect[] = [];
    for (const rect of this.dirty.take()) {
      const shown = intersect(rect, { x: origin.x, y: origin.y, width: area.width, height: area.height });
      if (isEmpty(shown)) continue;
      this.#context.stack.draw(target, shown, this.#context.background());
      drawn.push(translate(shown, -origin.x, -origin.y));
    }
    return drawn;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#context.sessionClosed(this);
    this.#sizeSigh.set(undefined);
    this.#wakeupSigh.set(undefined);
    await this.#buffer.close();
  }
}
