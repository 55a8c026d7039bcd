/*
 * Worker side of the RPC benchmarks: plays server or client, through Nido's
 * Ipc (what every component uses) or through the raw mechanisms that are
 * the baselines. Clients post the mean round trip in milliseconds.
 */

import { parentPort, workerData, MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Port } from '../src/base/port.js';
import type { Capability } from '../src/base/capability.js';
import type { Interface } from '../src/base/interface.js';
import { load } from './dist.js';

const { Ipc } = await load<typeof import('../src/base/ipc.js')>('base/ipc.js');
const { defineInterface } = await load<typeof import('../src/base/interface.js')>('base/interface.js');

interface Echo { echo(value: number): number }
const Echo: Interface<Echo> = defineInterface<Echo>('Echo', ['echo']);

export type Role =
  | { role: 'ipc-server' }
  | { role: 'ipc-client'; port: MessagePort; badge: number; home: number; rounds: number; sync: boolean }
  | { role: 'raw-server'; port: MessagePort }
  | { role: 'raw-client'; port: MessagePort; rounds: number }
  | { role: 'atomics-server'; sab: SharedArrayBuffer; spinAfterReplyUs: number }
  | { role: 'atomics-client'; sab: SharedArrayBuffer; rounds: number; gapUs: number };

const WARMUP = 2000;
/* Bounded, as Nido's synchronous client spins (at most 50 µs, src/base/sync_channel.ts): two cores, so never spin unbounded. */
const MAX_SPIN = 1 << 14;
const POLL_MS = 20;
const SERVER_SILENT_POLLS = 250;

/* Atomics baseline states. */
const IDLE = 0;
const REQUEST = 1;
const REPLY = 2;
const STOP = 3;

const control = parentPort as MessagePort;
const data = workerData as Role;
const ipc = (pd: number) => new Ipc({
  pd, channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port }, defer: (w) => void setImmediate(w),
});

/* Mean time of one call of `round` in ms, after a warm-up. */
async function timeAsync(rounds: number, round: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await round(i);
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await round(i);
  return (performance.now() - start) / rounds;
}

function timeSync(rounds: number, round: (i: number) => unknown): number {
  for (let i = 0; i < WARMUP; i++) round(i);
  const start = performance.now();
  for (let i = 0; i < rounds; i++) round(i);
  return (performance.now() - start) / rounds;
}

switch (data.role) {
  case 'ipc-server': {
    const server = ipc(1);
    const cap = server.manage(Echo, { echo: (v) => v });
    const descriptor = await server.export(cap);
    control.postMessage(descriptor, [descriptor.port as unknown as MessagePort]);
    break;
  }
  case 'ipc-client': {
    const client = ipc(2);
    const cap = client.adopt(data.port as unknown as Port, data.badge, data.home) as Capability<Echo>;
    if (data.sync) {
      const echo = client.syncClient(Echo, cap);
      control.postMessage(timeSync(data.rounds, (i) => echo.echo(i)));
    } else {
      const echo = client.client(Echo, cap);
      control.postMessage(await timeAsync(data.rounds, (i) => echo.echo(i)));
    }
    break;
  }
  case 'raw-server': {
    const port = data.port;
    port.on('message', (v: number) => port.postMessage(v));
    control.postMessage('ready');
    break;
  }
  case 'raw-client': {
    /* One listener for the whole run, as Ipc has one per capability: the baseline is the bare transport. */
    const port = data.port;
    let settle: (value: number) => void = () => undefined;
    port.on('message', (v: number) => settle(v));
    const roundTrip = (v: number) => new Promise<number>((resolve) => {
      settle = resolve;
      port.postMessage(v);
    });
    control.postMessage(await timeAsync(data.rounds, roundTrip));
    break;
  }
  case 'atomics-server': {
    /* Serves on its event loop, as SyncServerChannel does: Atomics.waitAsync, never a blocking wait. */
    const state = new Int32Array(data.sab);
    /* A pending waitAsync does not keep a worker alive; a listener on its port does. */
    control.on('message', () => undefined);
    control.postMessage('ready');
    for (;;) {
      const value = Atomics.load(state, 0);
      if (value === STOP) break;
      if (value === REQUEST) {
        Atomics.store(state, 1, Atomics.load(state, 1) + 1);
        Atomics.store(state, 0, REPLY);
        Atomics.notify(state, 0);
        /* Diagnostic variant: stay awake a bounded while for the next request instead of sleeping at once. */
        if (data.spinAfterReplyUs > 0) {
          const end = performance.now() + data.spinAfterReplyUs / 1000;
          while (Atomics.load(state, 0) !== REQUEST && performance.now() < end);
        }
        continue;
      }
      const wait = Atomics.waitAsync(state, 0, value);
      if (wait.async) await wait.value;
    }
    break;
  }
  case 'atomics-client': {
    /* Blocks as SyncClientChannel does: bounded spin, then Atomics.wait. */
    const state = new Int32Array(data.sab);
    const gapMs = data.gapUs / 1000;
    const roundTrip = () => {
      Atomics.store(state, 0, REQUEST);
      Atomics.notify(state, 0);
      for (let spin = 0; spin < MAX_SPIN && Atomics.load(state, 0) === REQUEST; spin++);
      /* Timed waits, as Nido's client polls liveness: a dead server must not hang the benchmark. */
      for (let waits = 0; Atomics.load(state, 0) === REQUEST; waits++) {
        if (waits > SERVER_SILENT_POLLS) throw new Error('atomics server does not answer');
        Atomics.wait(state, 0, REQUEST, POLL_MS);
      }
      Atomics.store(state, 0, IDLE);
    };
    if (gapMs === 0) {
      control.postMessage(timeSync(data.rounds, roundTrip));
    } else {
      /*
       * Diagnostic variant: the client works between calls (as Nido's client
       * encodes and decodes), so the server has time to fall asleep. Only
       * the round trips are timed.
       */
      let total = 0;
      for (let i = 0; i < WARMUP + data.rounds; i++) {
        const end = performance.now() + gapMs;
        while (performance.now() < end);
        const start = performance.now();
        roundTrip();
        if (i >= WARMUP) total += performance.now() - start;
      }
      control.postMessage(total / data.rounds);
    }
    Atomics.store(state, 0, STOP);
    Atomics.notify(state, 0);
    break;
  }
}
