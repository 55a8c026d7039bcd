/*
 * testnit: a Gui client that draws and animates, as Genode's test-nitpicker
 * (binary "testnit"), and the client of the Gui benchmark (bench/gui.ts).
 * It opens a Gui session, allocates a buffer of the configured size (paid
 * from its own donation), shows it in one view, and
 *
 * - animates at the pace of the screen (Framebuffer.syncSigh): every frame
 *   moves stripes over the whole buffer (`animate="full"`) or changes one
 *   64x64 tile (`animate="damage"`), or draws once (`animate="none"`);
 * - repaints the key marker (the buffer's top-left square) on each key
 *   press (not a button's), in a colour that counts the presses (animation.ts), so that a
 *   benchmark can time key -> pixels;
 * - logs `frame N` every `log_every` frames and `key N` per press.
 *
 * Config: config.ts and README.md.
 */

import { bufferBytes, isButton, type Env, type Rect } from 'nido';
import { GuiClient, ROUTE_SLACK } from '../../lib/gui/gui_client.js';
import { Animation, markerRect } from './animation.js';
import { testnitConfig } from './config.js';

export async function construct(env: Env): Promise<void> {
  const config = testnitConfig((await env.config()).xml);
  const mode = { width: config.width, height: config.height };
  /* The buffer's bytes and what the parents on the way keep of a donation (512 bytes a hop), so that the first buffer fits. */
  const gui = await GuiClient.open(env, { ram: bufferBytes(mode) + ROUTE_SLACK });
  const surface = await gui.buffer(mode);

  surface.fill(surface.bounds, config.color);
  surface.frame(surface.bounds, 0xffffff, 2);
  surface.text(config.marker + 8, 8, config.title, 0xffffff);
  const animation = new Animation(surface, markerRect(surface, config.marker));
  animation.frame(config.animate, 0);
  if (config.marker > 0) animation.marker(0);
  /* The view first, then the refresh: the pixels are shown where the view is by then. */
  await gui.gui.createView({ title: config.title, rect: { x: config.xpos, y: config.ypos, ...mode } });
  await gui.refresh();
  env.log(`testnit: ${config.width}x${config.height} at ${config.xpos},${config.ypos}, animate=${config.animate}`);

  let presses = 0;
  await gui.onInput((events) => {
    for (const event of events) {
      /* Keys only: a click (a button's press) focuses, it is not what a key -> pixels measurement times. */
      if (event.type !== 'press' || isButton(event.key)) continue;
      presses++;
      if (config.marker > 0) void gui.refresh(animation.marker(presses));
      env.log(`key ${presses}`);
    }
  });

  if (config.animate === 'none') return;
  let frames = 0;
  /* A frame still on its way when the next sync comes is not drawn over: the pace is the screen's, not ours. */
  let drawing = false;
  const frame = async () => {
    if (drawing) return;
    drawing = true;
    try {
      frames++;
      const damage: Rect | undefined = animation.frame(config.animate, frames);
      if (damage !== undefined) await gui.refresh(damage);
      if (config.logEvery > 0 && frames % config.logEvery === 0) env.log(`frame ${frames}`);
    } finally {
      drawing = false;
    }
  };
  await gui.framebuffer.syncSigh(env.ep.signalHandler(() => void frame().catch((error: unknown) => env.error(`frame ${frames}: ${(error as Error).message}`))));
}
