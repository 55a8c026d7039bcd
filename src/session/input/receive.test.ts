import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import type { Capability, SignalContextCapability } from '../../base/capability.js';
import type { Entrypoint } from '../../base/env.js';
import { Ipc } from '../../base/ipc.js';
import type { Port } from '../../base/port.js';
import type { InputEvent } from './event.js';
import { Input } from './interface.js';
import { receiveInput } from './receive.js';

const channel = () => new MessageChannel() as unknown as { port1: Port; port2: Port };
const defer = (work: () => void) => void setImmediate(work);

function entrypoint(ipc: Ipc): Entrypoint {
  return {
    manage: (iface, impl) => ipc.manage(iface, impl),
    dissolve: (cap) => ipc.dissolve(cap),
    signalHandler: (handler) => ipc.signalContext(handler),
    submit: (cap) => ipc.submit(cap),
  };
}

test('receiveInput: an event that arrives while the answer "empty" is on its way is taken, not left waiting', async () => {
  const server = new Ipc({ pd: 1, channel, defer });
  const client = new Ipc({ pd: 2, channel, defer });
  const queue: InputEvent[] = [];
  let sigh: SignalContextCapability | undefined;
  let late: InputEvent | undefined = { type: 'press', key: 'KEY_A' };
  /* A server as nitpicker is one: it signals only when an event arrives in an empty queue. */
  const own = server.manage(Input, {
    pending: () => queue.length > 0,
    sigh: (handler: SignalContextCapability) => {
      sigh = handler;
    },
    flush: async () => {
      const events = queue.splice(0);
      if (events.length === 0 && late !== undefined && sigh !== undefined) {
        /* The event comes after the queue was found empty; its signal reaches the client before the answer does. */
        queue.push(late);
        late = undefined;
        server.submit(sigh);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return events;
    },
  });
  const exported = await server.export(own);
  const cap = client.adopt(exported.port, exported.badge, exported.home) as Capability<Input>;
  const received: InputEvent[] = [];
  let arrived: () => void = () => undefined;
  const taken = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const signal = await receiveInput(entrypoint(client), client.client(Input, cap), (events) => {
    received.push(...events);
    arrived();
  }, (error) => assert.fail(String(error)));
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the event that came with the signal was never taken')), 10_000);
  });
  try {
    await Promise.race([taken, stuck]);
    assert.deepEqual(received, [{ type: 'press', key: 'KEY_A' }]);
  } finally {
    clearTimeout(timer);
    if (sigh !== undefined) server.release(sigh);
    client.dissolve(signal);
    client.release(cap);
    server.dissolve(own);
  }
});
