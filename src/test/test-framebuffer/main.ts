/*
 * test-framebuffer: draws test patterns straight onto a Framebuffer
 * session and logs what it did, as Genode's test-framebuffer
 * (repos/os/src/test/framebuffer) does on a screen driver. Run on core's
 * screen (`nido run --ui`), its pixels are in the page.
 *
 * It paints colour bars, a grey band and gradients (pattern.ts), then
 * moves a 64x64 rectangle through the grey band at the screen's pace (the
 * session's sync signal), refreshing only the rectangle it changed, for
 * `frames` frames (0: forever), and says where the rectangle stopped.
 *
 *   <config frames="120" step="4" width="1024" height="768"/>
 *
 * `width` and `height` are the mode it expects (and pays for at the first
 * attempt); the screen's own mode is what it draws. With `close="yes"` it
 * closes the session after the last frame and logs its RAM quota before
 * the session and after it (the buffer's donation back to the byte).
 */

import { boundingBox, type Env } from 'nido';
import { openScreenFramebuffer } from '../../lib/gui/screen_framebuffer.js';
import { BACKGROUND, BARS, GRADIENTS, RECTANGLE, fill, paintPattern, rectangleAt } from './pattern.js';

export async function construct(env: Env): Promise<void> {
  const config = (await env.config()).xml;
  const frames = config.naturalAttribute('frames', 120);
  const step = Math.max(1, config.naturalAttribute('step', 4));
  const expected = { width: config.naturalAttribute('width', 1024), height: config.naturalAttribute('height', 768) };
  const close = config.boolAttribute('close', false);
  env.log('--- Test framebuffer ---');
  const quotaBefore = (await env.pd.quota()).ram.quota;
  const { connection, mode } = await openScreenFramebuffer(env, expected);
  const framebuffer = connection.client;
  const dataspace = await framebuffer.dataspace();
  if (dataspace === null) throw new Error('the Framebuffer session has no buffer');
  const pixels = new Uint32Array(dataspace.buffer, 0, mode.width * mode.height);
  env.log(`framebuffer is ${mode.width}x${mode.height}`);

  paintPattern(pixels, mode);
  await framebuffer.refresh(0, 0, mode.width, mode.height);
  env.log(`colour bars: ${BARS.map((bar) => bar.name).join(' ')}`);
  env.log(`gradients: ${GRADIENTS.map((gradient) => gradient.name).join(' ')}`);
  let frame = 0;
  let shown = rectangleAt(mode, 0, step);
  env.log(`moving a ${shown.width}x${shown.height} rectangle ${step} pixels a frame` + (frames === 0 ? '' : ` for ${frames} frames`));
  fill(pixels, mode, shown, RECTANGLE);
  await framebuffer.refresh(shown.x, shown.y, shown.width, shown.height);
  let busy = false;
  const sync = env.ep.signalHandler(() => {
    /* A frame that is not done yet lets the next signal pass: the animation slows, it does not queue. */
    if (busy) return;
    busy = true;
    void (async () => {
      frame++;
      const next = rectangleAt(mode, frame, step);
      fill(pixels, mode, shown, BACKGROUND);
      fill(pixels, mode, next, RECTANGLE);
      const damage = boundingBox(shown, next);
      shown = next;
      await framebuffer.refresh(damage.x, damage.y, damage.width, damage.height);
      if (frames !== 0 && frame >= frames) {
        await framebuffer.syncSigh(null);
        env.log(`rectangle stopped at ${shown.x},${shown.y} after ${frame} frames`);
        if (close) {
          await connection.close();
          env.log(`session closed: RAM quota ${quotaBefore} before it, ${(await env.pd.quota()).ram.quota} after`);
        }
      }
    })().finally(() => { busy = false; });
  });
  await framebuffer.syncSigh(sync);
}
