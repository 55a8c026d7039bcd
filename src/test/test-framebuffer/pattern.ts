/*
 * The test patterns of test-framebuffer, as functions of the mode: the
 * component paints them, and a test that looks at the screen computes
 * from them what each pixel must be.
 *
 * Three bands of a third of the height each: eight colour bars (white,
 * yellow, cyan, green, magenta, red, blue, black); a grey band in which a
 * 64x64 orange rectangle moves from left to right and back; four
 * gradients from black to red, green, blue and white.
 */

import type { FramebufferMode as Mode, Rect } from 'nido';

export const BARS: readonly { readonly name: string; readonly color: number }[] = [
  { name: 'white', color: 0xffffff }, { name: 'yellow', color: 0xffff00 }, { name: 'cyan', color: 0x00ffff },
  { name: 'green', color: 0x00ff00 }, { name: 'magenta', color: 0xff00ff }, { name: 'red', color: 0xff0000 },
  { name: 'blue', color: 0x0000ff }, { name: 'black', color: 0x000000 },
];
export const GRADIENTS: readonly { readonly name: string; readonly shift: readonly number[] }[] = [
  { name: 'red', shift: [16] }, { name: 'green', shift: [8] }, { name: 'blue', shift: [0] }, { name: 'grey', shift: [16, 8, 0] },
];
export const BACKGROUND = 0x202020;
export const RECTANGLE = 0xff8000;
export const RECTANGLE_SIZE = 64;

/** The three bands (the last takes what the division leaves). */
export function bands(mode: Mode): { bars: Rect; middle: Rect; gradients: Rect } {
  const third = Math.floor(mode.height / 3);
  return {
    bars: { x: 0, y: 0, width: mode.width, height: third },
    middle: { x: 0, y: third, width: mode.width, height: third },
    gradients: { x: 0, y: 2 * third, width: mode.width, height: mode.height - 2 * third },
  };
}

/** The pixel at (x, y) of the pattern without the rectangle. */
export function patternPixel(mode: Mode, x: number, y: number): number {
  const { bars, middle, gradients } = bands(mode);
  if (y < bars.y + bars.height) return (BARS[Math.min(BARS.length - 1, Math.floor(x * BARS.length / mode.width))] as { color: number }).color;
  if (y < middle.y + middle.height) return BACKGROUND;
  const row = Math.min(GRADIENTS.length - 1, Math.floor((y - gradients.y) * GRADIENTS.length / gradients.height));
  const level = mode.width === 1 ? 255 : Math.round(x * 255 / (mode.width - 1));
  return (GRADIENTS[row] as { shift: readonly number[] }).shift.reduce((pixel, shift) => pixel | (level << shift), 0);
}

export function paintPattern(pixels: Uint32Array, mode: Mode): void {
  for (let y = 0; y < mode.height; y++) {
    for (let x = 0; x < mode.width; x++) pixels[y * mode.width + x] = patternPixel(mode, x, y);
  }
}

/** Where the rectangle is at `frame` when it moves `step` pixels a frame: left to right and back, in the middle band. */
export function rectangleAt(mode: Mode, frame: number, step: number): Rect {
  const { middle } = bands(mode);
  const size = Math.min(RECTANGLE_SIZE, mode.width, middle.height);
  const range = mode.width - size;
  const travelled = range === 0 ? 0 : (frame * step) % (2 * range);
  return {
    x: travelled <= range ? travelled : 2 * range - travelled,
    y: middle.y + Math.floor((middle.height - size) / 2),
    width: size,
    height: size,
  };
}

/** Fills `area` with `color` (clipped to the buffer). */
export function fill(pixels: Uint32Array, mode: Mode, area: Rect, color: number): void {
  const right = Math.min(mode.width, area.x + area.width);
  const bottom = Math.min(mode.height, area.y + area.height);
  for (let y = Math.max(0, area.y); y < bottom; y++) pixels.fill(color, y * mode.width + Math.max(0, area.x), y * mode.width + right);
}
