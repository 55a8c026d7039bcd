/*
 * gui_hello: the smallest Gui client that shows something, for tests of
 * what starts windows (the launchpad's graphical scenario): one view of
 * the configured size and place, filled with the configured colour, with
 * a frame and its text, and a log line once it is on the screen.
 *
 *   <config xpos="40" ypos="60" width="200" height="100" color="#2a9d8f" text="hello"/>
 */

import type { Env } from 'nido';
import { GuiClient } from '../../lib/gui/gui_client.js';
import { parseColor, Surface } from '../../lib/gui/surface.js';

export async function construct(env: Env): Promise<void> {
  const config = (await env.config()).xml;
  const x = config.naturalAttribute('xpos', 40);
  const y = config.naturalAttribute('ypos', 60);
  const width = Math.max(16, config.naturalAttribute('width', 200));
  const height = Math.max(16, config.naturalAttribute('height', 100));
  const colorText = config.stringAttribute('color', '#2a9d8f');
  const color = parseColor(colorText);
  if (color === undefined) throw new TypeError(`gui_hello: color "${colorText}" is not #rrggbb (config)`);
  const text = config.stringAttribute('text', 'hello');

  const gui = await GuiClient.open(env, { label: 'gui_hello' });
  const surface = await gui.buffer({ width, height });
  surface.fill(surface.bounds, color);
  surface.frame(surface.bounds, 0xffffff);
  const textWidth = Surface.textWidth(text);
  surface.text(Math.max(2, Math.floor((width - textWidth) / 2)), Math.max(2, Math.floor((height - 16) / 2)), text, 0xffffff);
  await gui.refresh();
  await gui.gui.createView({ title: text, rect: { x, y, width, height } });
  env.log(`gui_hello: ${width}x${height} at ${x},${y}`);
}
