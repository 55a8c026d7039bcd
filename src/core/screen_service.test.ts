import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { Ipc } from '../base/ipc.js';
import type { Port } from '../base/port.js';
import type { Capability } from '../base/capability.js';
import { InsufficientRamQuota } from '../base/errors.js';
import { Framebuffer } from '../session/framebuffer/interface.js';
import { Input, INPUT_QUEUE_LIMIT } from '../session/input/interface.js';
import type { Rect } from '../util/rect.js';
import { FRAMEBUFFER_SESSION_COST, parseScreenMode, screenServices } from './screen_service.js';

const channel = () => new MessageChannel() as unknown as { port1: Port; port2: Port };
const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup(width = 64, height = 48) {
  const ipc = new Ipc({ pd: 0, channel, defer: (work) => void setImmediate(work) });
  const services = screenServices(ipc, { width, height });
  const damage: Rect[] = [];
  services.screen.tap({ damaged: (rect) => damage.push(rect) });
  const bytes = width * height * 4 + FRAMEBUFFER_SESSION_COST;
  const openFramebuffer = async (label: string, ram = bytes) => {
    const { id, cap } = await services.framebuffer.session(`label="${label}", ram_quota=${ram}, cap_quota=2`);
    return { id, client: ipc.client(Framebuffer, cap as Capability<Framebuffer>) };
  };
  const openInput = async (label: string) => {
    const { id, cap } = await services.input.session(`label="${label}", ram_quota=16384, cap_quota=2`);
    return { id, client: ipc.client(Input, cap as Capability<Input>) };
  };
  const counter = () => {
    const state = { count: 0, cap: ipc.signalContext((count) => { state.count += count; }) };
    return state;
  };
  return { ipc, ...services, damage, bytes, openFramebuffer, openInput, counter };
}

test('parseScreenMode: WIDTHxHEIGHT within 1..8192, else why not', () => {
  assert.deepEqual(parseScreenMode('1280x720'), { width: 1280, height: 720 });
  assert.match(parseScreenMode('1280') as string, /not WIDTHxHEIGHT/);
  assert.match(parseScreenMode('0x10') as string, /width must be a positive integer/);
  assert.match(parseScreenMode('9000x10') as string, /width 9000 exceeds 8192/);
  assert.match(parseScreenMode('-1x5') as string, /not WIDTHxHEIGHT/);
});

test('Framebuffer: the client pays for the buffer; too little is InsufficientRamQuota naming the amount', async () => {
  const { openFramebuffer, bytes, framebuffer } = setup();
  await assert.rejects(openFramebuffer('fb_drv', bytes - 1), (error: unknown) => {
    assert.ok(error instanceof InsufficientRamQuota);
    assert.match(error.message, new RegExp(`needs ram_quota=${bytes}, got ${bytes - 1} \\(the 64x48 screen's buffer of 12288 bytes`));
    return true;
  });
  assert.equal(framebuffer.size, 0);
  const { client } = await openFramebuffer('fb_drv');
  assert.deepEqual(await client.mode(), { width: 64, height: 48 });
  const dataspace = await client.dataspace();
  assert.ok(dataspace !== null);
  assert.equal(dataspace.size, 64 * 48 * 4);
  assert.ok(dataspace.buffer instanceof SharedArrayBuffer);
});

test('Framebuffer: refresh reports the damage clipped to the screen; malformed or outside is the client\'s error', async () => {
  const { openFramebuffer, damage, screen } = setup();
  const { client } = await openFramebuffer('fb_drv');
  const pixels = new Uint32Array((await client.dataspace())?.buffer ?? new SharedArrayBuffer(0));
  pixels[5 * 64 + 3] = 0x00ff8000;
  assert.equal(screen.pixels()?.[5 * 64 + 3], 0x00ff8000, 'the screen shows the session\'s buffer');
  damage.length = 0;
  await client.refresh(3, 5, 1, 1);
  await client.refresh(60, 40, 10, 10);
  await client.refresh(-5, -5, 10, 10);
  await client.refresh(0, 0, 0, 10);
  assert.deepEqual(damage, [{ x: 3, y: 5, width: 1, height: 1 }, { x: 60, y: 40, width: 4, height: 8 }, { x: 0, y: 0, width: 5, height: 5 }]);
  await assert.rejects(client.refresh(64, 0, 1, 1), (error: unknown) => error instanceof RangeError && /entirely outside the 64x48 buffer/.test(error.message));
  await assert.rejects(client.refresh(0, 0, -1, 1), RangeError);
  await assert.rejects(client.refresh(0.5, 0, 1, 1), (error: unknown) => error instanceof TypeError && /x must be an integer/.test(error.message));
  await assert.rejects((client.refresh as (...args: unknown[]) => Promise<void>)('0', 0, 1, 1), TypeError);
  await assert.rejects(client.refresh(0, 0, Number.MAX_VALUE, 1), TypeError);
  assert.equal(damage.length, 3, 'errors report nothing');
});

test('Framebuffer: the newest session is on screen; when it closes the one before is shown again', async () => {
  const { openFramebuffer, damage, screen, framebuffer } = setup();
  const full = { x: 0, y: 0, width: 64, height: 48 };
  assert.equal(screen.pixels(), undefined, 'black without a session');
  const older = await openFramebuffer('one');
  const olderPixels = screen.pixels();
  const newer = await openFramebuffer('two');
  assert.notEqual(screen.pixels(), olderPixels);
  damage.length = 0;
  await older.client.refresh(0, 0, 8, 8);
  assert.deepEqual(damage, [], 'a session behind is not shown');
  await newer.client.refresh(0, 0, 8, 8);
  assert.deepEqual(damage, [{ x: 0, y: 0, width: 8, height: 8 }]);
  damage.length = 0;
  await framebuffer.close(newer.id);
  assert.deepEqual(damage, [full], 'the older one is shown again, all of it');
  assert.equal(screen.pixels(), olderPixels);
  await framebuffer.close(older.id);
  assert.deepEqual(damage, [full, full]);
  assert.equal(screen.pixels(), undefined);
});

test('Framebuffer: syncSigh signals every frame while set, not after it is unset or closed', async () => {
  const { openFramebuffer, counter, framebuffer } = setup();
  const { id, client } = await openFramebuffer('animation');
  const sync = counter();
  await client.syncSigh(sync.cap);
  while (sync.count < 3) await new Promise((resolve) => setTimeout(resolve, 10));
  await client.syncSigh(null);
  await tick();
  const stopped = sync.count;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(sync.count, stopped, 'no signal after syncSigh(null)');
  const again = counter();
  await client.syncSigh(again.cap);
  while (again.count < 1) await new Promise((resolve) => setTimeout(resolve, 10));
  await framebuffer.close(id);
  await tick();
  const closed = again.count;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(again.count, closed, 'no signal after close');
});

test('Input: the page\'s events go to the newest session, signalled when the queue was empty; bounded', async () => {
  const { openInput, screen, counter, input } = setup();
  const older = await openInput('one');
  const newer = await openInput('two');
  const signals = counter();
  await newer.client.sigh(signals.cap);
  screen.input([{ type: 'press', key: 'KEY_A', codepoint: 97 }, { type: 'release', key: 'KEY_A' }]);
  screen.input([{ type: 'absolute_motion', x: 3, y: 4 }]);
  await tick();
  assert.equal(signals.count, 1, 'one signal: the queue was empty once');
  assert.equal(await older.client.pending(), false);
  assert.deepEqual(await newer.client.flush(), [
    { type: 'press', key: 'KEY_A', codepoint: 97 }, { type: 'release', key: 'KEY_A' }, { type: 'absolute_motion', x: 3, y: 4 },
  ]);
  assert.equal(await newer.client.pending(), false);
  screen.input(Array.from({ length: INPUT_QUEUE_LIMIT + 10 }, (_, x) => ({ type: 'absolute_motion' as const, x, y: 0 })));
  const kept = await newer.client.flush();
  assert.equal(kept.length, INPUT_QUEUE_LIMIT);
  assert.deepEqual(kept[0], { type: 'absolute_motion', x: 10, y: 0 }, 'the oldest are dropped');
  await input.close(newer.id);
  screen.input([{ type: 'press', key: 'KEY_B' }]);
  assert.deepEqual(await older.client.flush(), [{ type: 'press', key: 'KEY_B' }]);
  await input.close(older.id);
  screen.input([{ type: 'press', key: 'KEY_C' }]);
  assert.equal(input.size, 0);
});
