/*
 * Opening a Framebuffer session at a screen (core's, `nido run
 * --screen=WxH`; docs/gui.md, "The screen: core, fb_drv and the
 * browser"), where the client pays for the buffer: the session's donation
 * must cover WIDTH*HEIGHT*4 bytes and a small cost. The client does not
 * know the screen's size before it asks; it donates for the size it
 * expects, and if the screen is another, the server's
 * InsufficientRamQuota names what it needs ("needs ram_quota=N") and the
 * client asks again with that. A donation much larger than the buffer
 * (the screen is smaller than expected) is given back by opening the
 * session anew with the exact amount.
 *
 *   const { connection, mode } = await openScreenFramebuffer(env, { width: 1024, height: 768 });
 *   const pixels = new Uint32Array((await connection.client.dataspace())!.buffer);
 */

import { Framebuffer, FRAMEBUFFER_SESSION_CAPS, InsufficientRamQuota, bufferBytes, type Connection, type Env, type FramebufferMode as Mode } from 'nido';

/** What a client donates besides the buffer: the server's cost and what the parents on the way keep. */
export const SCREEN_SESSION_RAM = 8192;

/* A donation this much above the buffer is given back (reopened exactly). */
const GIVE_BACK_ABOVE = 64 * 1024;

function donation(mode: Mode): number {
  return bufferBytes(mode) + SCREEN_SESSION_RAM;
}

async function open(env: Env, ram: number, label: string | undefined): Promise<Connection<Framebuffer>> {
  return env.connect(Framebuffer, { ram, caps: FRAMEBUFFER_SESSION_CAPS, ...(label === undefined ? {} : { label }) });
}

/** The amount a screen's InsufficientRamQuota names, if it is one. */
function needed(error: unknown): number | undefined {
  if (!(error instanceof InsufficientRamQuota)) return undefined;
  const amount = /needs ram_quota=(\d+)/.exec(error.message)?.[1];
  return amount === undefined ? undefined : Number(amount);
}

/** Opens a Framebuffer session at the screen; `expected` is the mode to pay for at the first attempt. */
export async function openScreenFramebuffer(env: Env, expected: Mode, label?: string): Promise<{ connection: Connection<Framebuffer>; mode: Mode }> {
  let ram = donation(expected);
  let connection: Connection<Framebuffer>;
  try {
    connection = await open(env, ram, label);
  } catch (error) {
    const amount = needed(error);
    if (amount === undefined) throw error;
    /* What the server needs, and the same headroom for the parents on the way. */
    ram = amount + SCREEN_SESSION_RAM;
    connection = await open(env, ram, label);
  }
  const mode = await connection.client.mode();
  if (ram - donation(mode) > GIVE_BACK_ABOVE) {
    const exact = await open(env, donation(mode), label);
    await connection.close();
    connection = exact;
  }
  return { connection, mode };
}
