/*
 * RPC through one interposer against the same RPC direct: a client, an
 * interposer (the `forwarder` of src/base/interposer.ts, as `interpose`
 * serves every session) and a server, each a worker with its own Ipc, as
 * bench/rpc.ts arranges its pair. Asynchronous calls, and synchronous ones
 * (the client blocks; the interposer forwards them asynchronously, its
 * default, or blocking); with no hook and with an `after` hook that reads
 * a clock (trace's cost without its log).
 *
 * Every sample starts fresh workers and is the mean over many calls;
 * samples of a measurement and its baseline alternate; the table shows the
 * best sample of each (see rpc.ts for why the minimum), the JSON file
 * every sample. This file is also the workers' code.
 */

import { isMainThread, parentPort, workerData, MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Port } from '../src/base/port.js';
import type { Capability } from '../src/base/capability.js';
import type { Interface } from '../src/base/interface.js';
import { load } from './dist.js';
import { report, type Row } from './table.js';
import { nextMessage, startWorker } from './worker.js';

interface Echo { echo(value: number): number }

interface Descriptor { port: MessagePort; badge: number; home: number }

type Role =
  | { role: 'server' }
  | { role: 'interposer'; upstream: Descriptor; hook: boolean; blocking: boolean }
  | { role: 'client'; target: Descriptor; rounds: number; sync: boolean };

const ASYNC_ROUNDS = 10_000;
const SYNC_ROUNDS = 20_000;
const WARMUP = 2000;
const REPEATS = Number(process.env["BENCH_REPEATS"] ?? 7);
const workerFile = fileURLToPath(import.meta.url);

async function role(data: Role, control: MessagePort): Promise<void> {
  const { Ipc } = await load<typeof import('../src/base/ipc.js')>('base/ipc.js');
  const { defineInterface } = await load<typeof import('../src/base/interface.js')>('base/interface.js');
  const { forwarder } = await load<typeof import('../src/base/interposer.js')>('base/interposer.js');
  const { receiveMessageOnPort } = await import('node:worker_threads');
  const Echo: Interface<Echo> = defineInterface<Echo>('Echo', ['echo']);
  const ipc = (pd: number) => new Ipc({
    pd,
    channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port },
    defer: (work) => void setImmediate(work),
    receive: (port) => receiveMessageOnPort(port as unknown as MessagePort),
  });
  const offer = async (own: InstanceType<typeof Ipc>, cap: Capability) => {
    const descriptor = await own.export(cap);
    control.postMessage(descriptor, [descriptor.port as unknown as MessagePort]);
  };
  switch (data.role) {
    case 'server': {
      const server = ipc(1);
      await offer(server, server.manage(Echo, { echo: (value) => value }));
      return;
    }
    case 'interposer': {
      const interposer = ipc(2);
      const upstream = interposer.adopt(data.upstream.port as unknown as Port, data.upstream.badge, data.upstream.home) as Capability<Echo>;
      let calls = 0;
      let total = 0;
      const hooks = data.hook ? { after: (_call: unknown, _outcome: unknown, ms: number | undefined) => { calls++; total += ms ?? 0; } } : undefined;
      const impl = forwarder(Echo, interposer.client(Echo, upstream), {
        ...(data.blocking ? { upstreamSync: interposer.syncClient(Echo, upstream) } : {}),
        ...(hooks === undefined ? {} : { hooks, now: () => performance.now() }),
      });
      await offer(interposer, interposer.manage(Echo, impl));
      return;
    }
    case 'client': {
      const client = ipc(3);
      const cap = client.adopt(data.target.port as unknown as Port, data.target.badge, data.target.home) as Capability<Echo>;
      if (data.sync) {
        const echo = client.syncClient(Echo, cap);
        for (let i = 0; i < WARMUP; i++) echo.echo(i);
        const start = performance.now();
        for (let i = 0; i < data.rounds; i++) echo.echo(i);
        control.postMessage((performance.now() - start) / data.rounds);
      } else {
        const echo = client.client(Echo, cap);
        for (let i = 0; i < WARMUP; i++) await echo.echo(i);
        const start = performance.now();
        for (let i = 0; i < data.rounds; i++) await echo.echo(i);
        control.postMessage((performance.now() - start) / data.rounds);
      }
      return;
    }
  }
}

if (!isMainThread && parentPort !== null) await role(workerData as Role, parentPort);

function worker(data: Role, transfer: readonly unknown[] = []): Worker {
  return startWorker(workerFile, data, transfer);
}

/* The client's mean round trip in µs, direct or through one interposer. */
async function round(sync: boolean, through: 'direct' | 'plain' | 'hook' | 'async' | 'hookAsync'): Promise<number> {
  const workers: Worker[] = [];
  try {
    const server = worker({ role: 'server' });
    workers.push(server);
    let target = await nextMessage<Descriptor>(server);
    if (through !== 'direct') {
      const interposer = worker({ role: 'interposer', upstream: target, hook: through === 'hook' || through === 'hookAsync', blocking: through === 'plain' || through === 'hook' }, [target.port]);
      workers.push(interposer);
      target = await nextMessage<Descriptor>(interposer);
    }
    const client = worker({ role: 'client', target, rounds: sync ? SYNC_ROUNDS : ASYNC_ROUNDS, sync }, [target.port]);
    workers.push(client);
    return (await nextMessage<number>(client, 120_000)) * 1000;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export async function run(): Promise<Row[]> {
  const measures = {
    asyncDirect: () => round(false, 'direct'),
    asyncThrough: () => round(false, 'plain'),
    asyncHook: () => round(false, 'hook'),
    syncDirect: () => round(true, 'direct'),
    syncThrough: () => round(true, 'plain'),
    syncHook: () => round(true, 'hookAsync'),
    syncAsync: () => round(true, 'async'),
  };
  const samples: Record<keyof typeof measures, number[]> = {
    asyncDirect: [], asyncThrough: [], asyncHook: [], syncDirect: [], syncThrough: [], syncHook: [], syncAsync: [],
  };
  for (let i = 0; i < REPEATS; i++) {
    for (const [name, measure] of Object.entries(measures)) samples[name as keyof typeof measures].push(await measure());
  }
  const m = (name: keyof typeof measures) => Math.min(...samples[name]);
  const rows: Row[] = [
    {
      name: `async RPC through one interposer (forwarder, no hook), best of ${REPEATS}`, value: m('asyncThrough'), unit: 'µs',
      baseline: m('asyncDirect'), baselineName: 'the same call direct',
      goal: '≤ 1.3×', met: m('asyncThrough') <= 1.3 * m('asyncDirect'), samples: samples.asyncThrough, baselineSamples: samples.asyncDirect,
    },
    {
      name: `sync RPC through one interposer (forwarded asynchronously, the default; no hook), best of ${REPEATS}`, value: m('syncAsync'), unit: 'µs',
      baseline: m('syncDirect'), baselineName: 'the same call direct',
      goal: '≤ 2×', met: m('syncAsync') <= 2 * m('syncDirect'), samples: samples.syncAsync, baselineSamples: samples.syncDirect,
    },
    {
      name: `async RPC through one interposer with an after hook and a clock, best of ${REPEATS}`, value: m('asyncHook'), unit: 'µs',
      baseline: m('asyncDirect'), baselineName: 'the same call direct', samples: samples.asyncHook, baselineSamples: samples.asyncDirect,
    },
    {
      name: `sync RPC through one interposer forwarding asynchronously, with an after hook and a clock, best of ${REPEATS}`, value: m('syncHook'), unit: 'µs',
      baseline: m('syncDirect'), baselineName: 'the same call direct', samples: samples.syncHook, baselineSamples: samples.syncDirect,
    },
    {
      name: `sync RPC through one interposer that forwards it blocking (syncForwarding: 'blocking'), best of ${REPEATS}`, value: m('syncThrough'), unit: 'µs',
      baseline: m('syncDirect'), baselineName: 'the same call direct', samples: samples.syncThrough, baselineSamples: samples.syncDirect,
    },
  ];
  await report('interpose', rows);
  return rows;
}
