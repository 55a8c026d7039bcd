/*
 * fb_drv: the screen driver (Genode's fb_sdl / fb_drv role; docs/gui.md,
 * "The screen: core, fb_drv and the browser"). A Capture and Event client
 * of nitpicker, a Framebuffer and Input client of core: nitpicker's
 * composed screen goes to core's screen (the dashboard's page shows it),
 * the page's keyboard and pointer go to nitpicker.
 *
 * At start it opens core's Framebuffer, paying for the screen's buffer,
 * which tells it the screen's mode; allocates its Capture buffer of that
 * size at nitpicker (paid from the Capture session's donation: upgraded
 * when nitpicker says it cannot pay), then copies what nitpicker captures
 * at the screen's pace (capture_loop.ts) and passes input on
 * (input_forwarder.ts).
 *
 *   <start name="fb_drv" caps="100" ram="12M">
 *     <config width="1024" height="768"/>   (the mode it expects; optional)
 *     <route> <service name="Capture"> <child name="nitpicker"/> </service>
 *             <service name="Event"> <child name="nitpicker"/> </service>
 *             <any-service> <parent/> </any-service> </route>
 *   </start>
 */

import {
  Capture, CAPTURE_SESSION_CAPS, CAPTURE_SESSION_RAM, Event, EVENT_SESSION_CAPS, EVENT_SESSION_RAM, Input, INPUT_SESSION_CAPS,
  INPUT_SESSION_RAM, OutOfRam, bufferBytes, type Connection, type Env, type FramebufferMode as Mode,
} from 'nido';
import { openScreenFramebuffer } from '../../lib/gui/screen_framebuffer.js';
import { CaptureLoop } from './capture_loop.js';
import { forwardInput } from './input_forwarder.js';

/* What the Capture session is donated besides its own cost at the start: the parents on the way keep some. */
const CAPTURE_HEADROOM = 8192;

/** Allocates the capture buffer, upgrading the session by the buffer's size when nitpicker says the donation cannot pay. */
async function captureBuffer(connection: Connection<Capture>, mode: Mode): Promise<void> {
  for (let upgrades = 0; ; upgrades++) {
    try {
      await connection.client.buffer(mode);
      return;
    } catch (error) {
      if (!(error instanceof OutOfRam) || upgrades === 2) throw error;
      await connection.upgrade(bufferBytes(mode));
    }
  }
}

function pixelsOf(buffer: SharedArrayBuffer, mode: Mode): Uint32Array {
  return new Uint32Array(buffer, 0, mode.width * mode.height);
}

export async function construct(env: Env): Promise<void> {
  const config = (await env.config()).xml;
  const expected = { width: config.naturalAttribute('width', 1024), height: config.naturalAttribute('height', 768) };
  const { connection: screen, mode } = await openScreenFramebuffer(env, expected);
  const [input, capture, event] = await Promise.all([
    env.connect(Input, { ram: INPUT_SESSION_RAM, caps: INPUT_SESSION_CAPS }),
    env.connect(Capture, { ram: CAPTURE_SESSION_RAM + CAPTURE_HEADROOM, caps: CAPTURE_SESSION_CAPS }),
    env.connect(Event, { ram: EVENT_SESSION_RAM, caps: EVENT_SESSION_CAPS }),
  ]);
  await captureBuffer(capture, mode);
  const [source, target] = await Promise.all([capture.client.dataspace(), screen.client.dataspace()]);
  if (source === null || target === null) throw new Error('fb_drv: a buffer is missing (nitpicker\'s capture buffer or core\'s framebuffer)');
  await forwardInput(env, input.client, event.client);
  const loop = new CaptureLoop({
    env, mode, capture: capture.client, source: pixelsOf(source.buffer, mode), framebuffer: screen.client, target: pixelsOf(target.buffer, mode),
  });
  await loop.start();
  env.log(`screen ${mode.width}x${mode.height}: nitpicker's capture to core's framebuffer, core's input to nitpicker`);
}
