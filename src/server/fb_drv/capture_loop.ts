/*
 * fb_drv's capture loop (Genode's capture-based screen drivers, fb_sdl's
 * role): at each frame of core's screen (its Framebuffer's sync signal),
 * ask nitpicker for what changed (`captureAt`), copy those rectangles from
 * the capture buffer into core's framebuffer and refresh each there. When
 * nothing changed for IDLE_FRAMES frames, stop (`captureStopped`, no more
 * sync signals) until nitpicker's wake-up signal; a wake-up captures at
 * once, so that a key's echo does not wait for the next frame.
 */

import { type Capture, type Client, type Env, type Framebuffer, type FramebufferMode as Mode, type Rect } from 'nido';

/* Frames without change before the driver stops capturing: half a second at 60 Hz. */
export const IDLE_FRAMES = 30;

export interface CaptureLoopOptions {
  readonly env: Env;
  readonly mode: Mode;
  readonly capture: Client<Capture>;
  /** The capture buffer's pixels (nitpicker draws into them). */
  readonly source: Uint32Array;
  readonly framebuffer: Client<Framebuffer>;
  /** Core's framebuffer's pixels. */
  readonly target: Uint32Array;
}

export class CaptureLoop {
  readonly #options: CaptureLoopOptions;
  readonly #sync;
  #idle = 0;
  #stopped = false;
  #busy = false;
  /* A frame or a wake-up came while a capture was going on: capture once more after it. */
  #again = false;
  #failedOnce = false;

  constructor(options: CaptureLoopOptions) {
    this.#options = options;
    this.#sync = options.env.ep.signalHandler(() => this.#frame());
  }

  async start(): Promise<void> {
    const { env, capture, framebuffer } = this.#options;
    await capture.wakeupSigh(env.ep.signalHandler(() => this.#wakeup()));
    await framebuffer.syncSigh(this.#sync);
    this.#frame();
  }

  #wakeup(): void {
    if (!this.#stopped || this.#failedOnce) return;
    this.#stopped = false;
    this.#idle = 0;
    void this.#options.framebuffer.syncSigh(this.#sync).catch((error: unknown) => this.#failed(error));
    this.#frame();
  }

  #frame(): void {
    if (this.#stopped) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    void this.#capture().catch((error: unknown) => this.#failed(error)).finally(() => {
      this.#busy = false;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        this.#frame();
      }
    });
  }

  async #capture(): Promise<void> {
    const { capture, framebuffer } = this.#options;
    const rects = await capture.captureAt(0, 0);
    if (rects.length === 0) {
      if (++this.#idle < IDLE_FRAMES) return;
      this.#stopped = true;
      await framebuffer.syncSigh(null);
      await capture.captureStopped();
      return;
    }
    this.#idle = 0;
    for (const rect of rects) this.#copy(rect);
    await Promise.all(rects.map((rect) => framebuffer.refresh(rect.x, rect.y, rect.width, rect.height)));
  }

  /* Both buffers have the screen's mode: rows copy straight across. */
  #copy(rect: Rect): void {
    const { mode, source, target } = this.#options;
    const right = Math.min(mode.width, rect.x + rect.width);
    const bottom = Math.min(mode.height, rect.y + rect.height);
    const left = Math.max(0, rect.x);
    for (let y = Math.max(0, rect.y); y < bottom; y++) {
      const row = y * mode.width;
      target.set(source.subarray(row + left, row + right), row + left);
    }
  }

  /* Said once, and the loop ends: a capture that failed (nitpicker gone) fails again at every frame. */
  #failed(error: unknown): void {
    if (this.#stopped && this.#failedOnce) return;
    this.#failedOnce = true;
    this.#stopped = true;
    this.#options.env.error(`fb_drv: capture failed, the screen stays as it is: ${(error as Error).message}`);
    void this.#options.framebuffer.syncSigh(null).catch(() => undefined);
  }
}
