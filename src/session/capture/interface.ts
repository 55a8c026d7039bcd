/*
 * Capture session: the screen's pixels for a driver, as Genode's
 * Capture::Session, which nitpicker serves. The driver says how big its
 * screen is by allocating a buffer of that size (paid from its donation),
 * then calls `captureAt` whenever it wants to show changes: the server
 * draws everything that changed since the last call into the buffer and
 * answers those rectangles. With nothing changing the driver may stop
 * (`captureStopped`) and wait for the wake-up signal.
 */

import type { SignalContextCapability } from '../../base/capability.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { defineInterface } from '../../base/interface.js';
import type { Area, Rect } from '../../util/rect.js';

export interface Capture {
  /** The screen size the server composes (the union of its capture clients' buffers). */
  screenSize(): Area;
  /** Signalled when the screen size changed. */
  screenSizeSigh(handler: SignalContextCapability): void;
  /** Signalled when something changed after the client stopped capturing. */
  wakeupSigh(handler: SignalContextCapability): void;
  /** Allocates the capture buffer, paid from the session's donation (OutOfRam if it cannot pay). */
  buffer(size: Area): void;
  /** The buffer (null before `buffer`). */
  dataspace(): DataspaceHandle | null;
  /** Draws what changed into the buffer; the buffer shows the screen from `(x, y)` on. Answers the changed rectangles (buffer coordinates). */
  captureAt(x: number, y: number): Rect[];
  /** The client stopped capturing until the next wake-up signal. */
  captureStopped(): void;
}

export const Capture = defineInterface<Capture>('Capture', [
  'screenSize', 'screenSizeSigh', 'wakeupSigh', 'buffer', 'dataspace', 'captureAt', 'captureStopped',
]);

export const CAPTURE_SESSION_RAM = 16 * 1024;
export const CAPTURE_SESSION_CAPS = 2;
