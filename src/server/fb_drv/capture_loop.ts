/*
 * fb_drv's capture loop (Genode's capture-based screen drivers, fb_sdl's
 * role): at each frame of core's screen (its Framebuffer's sync signal),
 * ask nitpicker for what changed (`captureAt`), copy those rectangles from
 * the capture buffer into core's framebuffer and refresh each there.
 *
 * A capture that finds nothing stops capturing (`captureStopped`) until
 * nitpicker's wake-up signal, and the wake-up captures at once: a change
 * after a quiet moment (a key's echo) reaches the screen without waiting
 * for the next frame. While changes come frame after frame (an animation)
 * the driver captures at the screen's pace. After IDLE_FRAMES quiet frames
 * it no longer asks core for the frames either, so an idle screen costs
 * nothing.
 */

import type { Capture, Client, Env, Framebuffer, FramebufferMode as Mode, Rect } from 'nido';

/* Quiet frames before the driver stops listening to the screen's frames: half a second at 60 Hz. */
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
  /* captureStopped was said: the next capture waits for the wake-up. */
  #stopped = false;
  /* Core signals the screen's frames. */
  #syncing = false;
  #idle = 0;
  #busy = false;
  /* A wake-up came while a capture was going on: capture once more after it. */
  #again = false;
  #failed = false;

  constructor(options: CaptureLoopOptions) {
    this.#options = options;
    this.#sync = options.env.ep.signalHandler(() => this.#tick());
  }

  async start(): Promise<void> {
    const { env, capture } = this.#options;
    await capture.wakeupSigh(env.ep.signalHandler(() => this.#wakeup()));
    this.#listen(true);
    this.#capture();
  }

  #listen(on: boolean): void {
    if (this.#syncing === on) return;
    this.#syncing = on;
    void this.#options.framebuffer.syncSigh(on ? this.#sync : null).catch((error: unknown) => this.#fail(error));
  }

  #tick(): void {
    if (!this.#stopped) {
      this.#capture();
      return;
    }
    if (++this.#idle >= IDLE_FRAMES) this.#listen(false);
  }

  #wakeup(): void {
    if (this.#failed) return;
    this.#stopped = false;
    this.#idle = 0;
    this.#listen(true);
    this.#capture();
  }

  #capture(): void {
    if (this.#failed || this.#stopped) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    void this.#captureOnce().catch((error: unknown) => this.#fail(error)).finally(() => {
      this.#busy = false;
      if (this.#again) {
        this.#again = false;
        this.#capture();
      }
    });
  }

  async #captureOnce(): Promise<void> {
    const { capture, framebuffer } = this.#options;
    const rects = await capture.captureAt(0, 0);
    if (rects.length === 0) {
      /* nitpicker wakes the driver when something changes (at once, if something did meanwhile). */
      this.#stopped = true;
      await capture.captureStopped();
      return;
    }
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
  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#options.env.error(`fb_drv: capture failed, the screen stays as it is: ${(error as Error).message}`);
    this.#listen(false);
  }
}
