import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutOfRam, type Env } from 'nido';
import { SessionBuffer } from './session_buffer.js';

/* A PD that answers a moment later, as core's does, and knows which dataspaces are allocated. */
function pdEnv(): { env: Env; live: Set<number> } {
  const live = new Set<number>();
  let ids = 0;
  const later = () => new Promise((resolve) => setImmediate(resolve));
  const env = {
    pd: {
      alloc: async (size: number) => {
        await later();
        const id = ++ids;
        live.add(id);
        return { id, buffer: new SharedArrayBuffer(size), size };
      },
      free: async (id: number) => {
        await later();
        live.delete(id);
      },
    },
  } as unknown as Env;
  return { env, live };
}

test('SessionBuffer: two allocations at once end with one dataspace, of the mode asked last', async () => {
  const { env, live } = pdEnv();
  const buffer = new SessionBuffer(env, 'Gui session "test"');
  const room = () => 1 << 20;
  await Promise.all([buffer.allocate({ width: 100, height: 100 }, room), buffer.allocate({ width: 200, height: 100 }, room)]);
  assert.equal(live.size, 1, 'no dataspace is left that no session holds');
  assert.deepEqual(buffer.mode, { width: 200, height: 100 });
  assert.equal(buffer.pixels?.length, 200 * 100);
  await buffer.close();
  assert.equal(live.size, 0);
});

test('SessionBuffer: a buffer the donation cannot pay is OutOfRam, a mode of no pixels a TypeError; the old buffer stays', async () => {
  const { env, live } = pdEnv();
  const buffer = new SessionBuffer(env, 'Capture session "test"');
  await buffer.allocate({ width: 10, height: 10 }, () => 400);
  await assert.rejects(buffer.allocate({ width: 11, height: 10 }, () => 400), OutOfRam);
  await assert.rejects(buffer.allocate({ width: 0, height: 10 }, () => 400), TypeError);
  assert.deepEqual(buffer.mode, { width: 10, height: 10 });
  assert.equal(live.size, 1);
  await buffer.close();
});

test('SessionBuffer: an allocation still running when the session closes frees what it got', async () => {
  const { env, live } = pdEnv();
  const buffer = new SessionBuffer(env, 'Capture session "test"');
  const allocation = buffer.allocate({ width: 10, height: 10 }, () => 1 << 20);
  await new Promise((resolve) => setImmediate(resolve));
  await buffer.close();
  await allocation;
  assert.equal(live.size, 0);
  assert.equal(buffer.pixels, undefined);
});
