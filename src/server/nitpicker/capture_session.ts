/*
 * A Capture session of nitpicker: a screen driver's view of the
 * panorama (Genode's nitpicker capture_session.h). The driver's buffer,
 * paid from its donation, says how big its display is; `<capture>`
 * policies may place it in the panorama (xpos, ypos) or constrain its
 * size (width, height). On `captureAt` nitpicker draws whatever changed
 * since the last call into the buffer and answers those rectangles.
 */

import {
  CAPTURE_SESSION_RAM, OutOfRam, SignalSlot, bufferBytes, formatNumBytes, intersect, invalidMode, isEmpty, translate,
  type Area, type Capture, type DataspaceHandle, type Env, type Implementation, type Point, type Rect,
  type SessionHooks, type SignalContextCapability, type XmlNode,
} from 'nido';
import { DirtyRegion } from './dirty_region.js';
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
  #dataspace: DataspaceHandle | undefined;
  #pixels: Uint32Array | undefined;
  size: Area = { width: 0, height: 0 };
  #ram: number;

  constructor(context: CaptureContext, readonly label: string, public policy: XmlNode, ram: number) {
    this.#context = context;
    this.#ram = ram;
    const signals = { submit: context.env.ep.submit, release: context.env.release };
    this.#sizeSigh = new SignalSlot(signals);
    this.#wakeupSigh = new SignalSlot(signals);
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
      buffer: (size: Area) => this.#buffer(size),
      dataspace: () => this.#dataspace ?? null,
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

  async #buffer(size: Area): Promise<void> {
    const invalid = invalidMode(size);
    if (invalid !== undefined) throw new TypeError(`Capture session "${this.label}": buffer ${JSON.stringify(size)}: ${invalid}`);
    const bytes = bufferBytes(size);
    if (bytes > this.#ram - CAPTURE_SESSION_RAM) {
      throw new OutOfRam(`Capture session "${this.label}": a ${size.width}x${size.height} buffer needs ${formatNumBytes(bytes)}, `
        + `the session's donation pays for ${formatNumBytes(Math.max(0, this.#ram - CAPTURE_SESSION_RAM))}: upgrade the session`);
    }
    const previous = this.#dataspace;
    this.#dataspace = undefined;
    this.#pixels = undefined;
    if (previous !== undefined) await this.#context.env.pd.free(previous.id);
    this.#dataspace = await this.#context.env.pd.alloc(bytes);
    this.#pixels = new Uint32Array(this.#dataspace.buffer, 0, size.width * size.height);
    this.size = { width: size.width, height: size.height };
    this.#context.panoramaChanged();
    this.dirty.add(this.area);
  }

  #captureAt(x: unknown, y: unknown): Rect[] {
    if (!Number.isInteger(x) || !Number.isInteger(y)) throw new TypeError(`Capture session "${this.label}": captureAt needs integer coordinates`);
    this.#context.captured();
    const pixels = this.#pixels;
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
    this.#context.sessionClosed(this);
    this.#sizeSigh.set(undefined);
    this.#wakeupSigh.set(undefined);
    const dataspace = this.#dataspace;
    this.#dataspace = undefined;
    this.#pixels = undefined;
    if (dataspace !== undefined) await this.#context.env.pd.free(dataspace.id);
  }
}
