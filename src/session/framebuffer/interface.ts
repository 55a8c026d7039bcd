/*
 * Framebuffer session: a pixel buffer shared with the server, as Genode's
 * Framebuffer::Session. The client draws into the dataspace and tells the
 * server which rectangle changed (`refresh`); the server takes the pixels
 * from there. A Gui session hands one out (`Gui.framebuffer()`), whose
 * buffer the client allocates with `Gui.buffer(mode)`; core serves one on
 * the screen of `nido run --ui` for a screen driver (fb_drv).
 *
 * Pixels are Genode's Pixel_rgb888: one little-endian 32-bit word per
 * pixel, 0x00RRGGBB (bytes B, G, R, unused), rows of `mode.width` pixels
 * without padding.
 */

import type { SignalContextCapability } from '../../base/capability.js';
import type { DataspaceHandle } from '../../base/dataspace.js';
import { defineInterface } from '../../base/interface.js';
import type { Area } from '../../util/rect.js';

/** A framebuffer's size in pixels (Genode's Framebuffer::Mode). */
export type Mode = Area;

export const BYTES_PER_PIXEL = 4;

/** Largest width or height of a buffer a server accepts (a larger mode is refused, not attempted). */
export const MAX_MODE_EDGE = 8192;

export interface Framebuffer {
  /** The buffer's memory (null before the client allocated one). */
  dataspace(): DataspaceHandle | null;
  /** The buffer's size. */
  mode(): Mode;
  /** Signalled when the mode the server suggests changed (a window resized, the screen changed). */
  modeSigh(handler: SignalContextCapability): void;
  /** The pixels of the rectangle changed; a rectangle entirely outside the buffer is an error. */
  refresh(x: number, y: number, width: number, height: number): void;
  /** Signalled once per frame of the screen (about 60 times a second) while a handler is set: the pace of an animation. */
  syncSigh(handler: SignalContextCapability | null): void;
}

export const Framebuffer = defineInterface<Framebuffer>('Framebuffer', ['dataspace', 'mode', 'modeSigh', 'refresh', 'syncSigh']);

export const FRAMEBUFFER_SESSION_CAPS = 2;

/** Bytes of a buffer of `mode`. */
export function bufferBytes(mode: Mode): number {
  return mode.width * mode.height * BYTES_PER_PIXEL;
}

/** Why `mode` cannot be a buffer's size, or undefined if it can. */
export function invalidMode(mode: unknown): string | undefined {
  if (typeof mode !== 'object' || mode === null) return 'a mode is { width, height }';
  const { width, height } = mode as Record<string, unknown>;
  for (const [name, value] of [['width', width], ['height', height]] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) return `${name} must be a positive integer`;
    if (value > MAX_MODE_EDGE) return `${name} ${value} exceeds ${MAX_MODE_EDGE}`;
  }
  return undefined;
}
