/*
 * testnit's config (README.md):
 *
 *   <config xpos="0" ypos="0" width="1280" height="720" animate="full"
 *           color="#203040" title="testnit" marker="64" log_every="60"/>
 */

import type { XmlNode } from 'nido';
import { parseColor } from '../../lib/gui/surface.js';
import type { AnimationMode } from './animation.js';

export interface TestnitConfig {
  /** The view's position (relative to the parent view when a loader nests it). */
  readonly xpos: number;
  readonly ypos: number;
  /** The buffer's and the view's size. */
  readonly width: number;
  readonly height: number;
  readonly animate: AnimationMode;
  /** The colour a still buffer (`animate="none"`) is filled with. */
  readonly color: number;
  readonly title: string;
  /** Edge of the key marker at the buffer's top left (0: no marker). */
  readonly marker: number;
  /** Every how many frames `frame N` is logged (0: never). */
  readonly logEvery: number;
}

const MODES: readonly AnimationMode[] = ['full', 'damage', 'none'];

/** The config as testnit reads it; an Error naming the attribute for a value it cannot use. */
export function testnitConfig(config: XmlNode): TestnitConfig {
  const animate = config.stringAttribute('animate', 'full');
  if (!(MODES as readonly string[]).includes(animate)) {
    throw new Error(`testnit: animate="${animate}" is none of ${MODES.join(', ')}`);
  }
  const colorText = config.stringAttribute('color', '#203040');
  const color = parseColor(colorText);
  if (color === undefined) throw new Error(`testnit: color="${colorText}" is not #rrggbb`);
  const width = config.naturalAttribute('width', 1280);
  const height = config.naturalAttribute('height', 720);
  if (width < 1 || height < 1) throw new Error(`testnit: a buffer of ${width}x${height} has no pixels`);
  return {
    xpos: config.integerAttribute('xpos', 0),
    ypos: config.integerAttribute('ypos', 0),
    width,
    height,
    animate: animate as AnimationMode,
    color,
    title: config.stringAttribute('title', 'testnit'),
    marker: config.naturalAttribute('marker', 64),
    logEvery: config.naturalAttribute('log_every', 60),
  };
}
