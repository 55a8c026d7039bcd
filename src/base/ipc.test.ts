import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { Ipc } from './ipc.js';
import { defineInterface } from './interface.js';
import { CapabilityRevoked, InvalidMethod, ServiceDenied } from './errors.js';
import type { Capability, SignalContextCapability } from './capability.js';
import type { Port } from './port.js';

const channel = () => new MessageChannel() as unknown as { port1: Port; port2: Port };
const defer = (work: () => void) => void setImmediate(work);
const ipc = (pd: number) => new Ipc({ pd, channel, defer });

interface Adder { add(a: number, b: number): number; fail(): void; echo(cap: Capability<Adder>): Capability<Adder>; slow(): Promise<string> }
const Adder = defineInterface<Adder>('Adder', ['add', 'fail', 'echo', 'slow']);

/* Hands a capability from one Ipc to another, as core does for a new PD's parent. */
async function hand(from: Ipc, to: Ipc, cap: Capability): Promise<Capability> {
  const d = await from.export(cap);
  return to.adopt(d.port, d.badge, d.home);
}

function adder(): Adder {
  return {
    add: (a, b) => a + b,
    fail: () => { throw new ServiceDenied('no'); },
    echo: (cap) => cap,
    slow: () => new Promise((r) => setTimeout(() => r('late'), 5)),
  };
}

test('calls cross protection domains, typed errors come back typed', async () => {
  const server = ipc(1), client = ipc(2);
  const cap = await hand(server, client, server.manage(Adder, adder()));
  const c = client.client(Adder, cap as Capability<Adder>);
  assert.equal(await c.add(2, 3), 5);
  assert.equal(await c.slow(), 'late');
  await assert.rejects(c.fail(), ServiceDenied);
  await assert.rejects(client.call(cap, 'constructor', []), InvalidMethod);
  client.release(cap);
});

test('a capability returned to its home resolves to the served object', async () => {
  const server = ipc(1), client = ipc(2);
  const own = server.manage(Adder, adder());
  const cap = await hand(server, client, own);
  const back = await client.call(cap, 'echo', [cap]);
  assert.notEqual(back, cap, 'the client gets a fresh copy');
  assert.equal(await client.client(Adder, back as Capability<Adder>).add(1, 1), 2);
  assert.equal(server.local(own), true);
});

test('dissolving revokes every copy; pending and later calls fail', async () => {
  const server = ipc(1), a = ipc(2), b = ipc(3);
  const own = server.manage(Adder, adder());
  const capA = await hand(server, a, own);
  const capB = await hand(a, b, capA);
  assert.equal(await b.client(Adder, capB as Capability<Adder>).add(4, 4), 8);
  const pending = a.call(capA, 'slow', []);
  server.dissolve(own);
  await assert.rejects(pending, CapabilityRevoked);
  await assert.rejects(b.call(capB, 'add', [1, 2]), CapabilityRevoked);
  assert.equal(a.valid(capA), false);
});

test('signals coalesce and run on the handler event loop', async () => {
  const receiver = ipc(1), sender = ipc(2);
  const counts: number[] = [];
  let done: () => void = () => {};
  const delivered = new Promise<void>((r) => { done = r; });
  const ctx = receiver.signalContext((count) => { counts.push(count); done(); });
  const remote = await hand(receiver, sender, ctx);
  const sig = remote as SignalContextCapability;
  sender.submit(sig); sender.submit(sig); sender.submit(sig);
  await delivered;
  assert.deepEqual(counts, [3]);
});
