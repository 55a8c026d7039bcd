import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import type { SignalContextCapability } from './capability.js';
import { Ipc } from './ipc.js';
import type { Port } from './port.js';
import { SignalSlot } from './signal_slot.js';

const channel = () => new MessageChannel() as unknown as { port1: Port; port2: Port };
const defer = (work: () => void) => void setImmediate(work);

test('SignalSlot: a new handler replaces the old, whose copy the server releases; the last goes at close', async () => {
  const server = new Ipc({ pd: 1, channel, defer });
  const client = new Ipc({ pd: 2, channel, defer });
  const signalled: string[] = [];
  let heard: () => void = () => undefined;
  const handed = async (name: string) => {
    const own = client.signalContext(() => {
      signalled.push(name);
      heard();
    });
    const exported = await client.export(own);
    return { own, copy: server.adopt(exported.port, exported.badge, exported.home) as SignalContextCapability };
  };
  const first = await handed('first');
  const second = await handed('second');
  const slot = new SignalSlot(server);
  slot.set(first.copy);
  slot.set(first.copy);
  assert.equal(server.valid(first.copy), true, 'the same handler again is kept');
  slot.set(second.copy);
  assert.equal(server.valid(first.copy), false, 'the replaced handler is released');
  assert.equal(slot.handler, second.copy);
  const delivered = new Promise<void>((resolve) => {
    heard = resolve;
  });
  slot.submit();
  await delivered;
  assert.deepEqual(signalled, ['second']);
  slot.set(undefined);
  assert.equal(server.valid(second.copy), false, 'closing releases the last');
  slot.submit();
  client.dissolve(first.own);
  client.dissolve(second.own);
});
