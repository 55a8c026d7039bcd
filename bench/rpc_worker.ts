/*
 * Worker side of the RPC benchmarks: plays server or client, through Nido's
 * Ipc (what every component uses) or through the raw mechanisms that are
 * the baselines.
 */

import { parentPort, workerData, MessageChannel, type MessagePort } from 'node:worker_threads';
import { Ipc } from '../src/base/ipc.js';
import { defineInterface } from '../src/base/interface.js';
import type { Port } from '../src/base/port.js';
import type { Capability } from '../src/base/capability.js';

interface Echo { echo(value: number): number }
const Echo = defineInterface<Echo>('Echo', ['echo']);

type Role =
  | { role: 'ipc-server' }
  | { role: 'ipc-client'; port: MessagePort; badge: number; home: number; rounds: number; sync: boolean }
  | { role: 'raw-server'; port: MessagePort }
  | { role: 'raw-client'; port: MessagePort; rounds: number }
  | { role: 'atomics-server'; sab: SharedArrayBuffer }
  | { role: 'atomics-client'; sab: SharedArrayBuffer; rounds: number };

const control = parentPort as MessagePort;
const data = workerData as Role;
const ipc = (pd: number) => new Ipc({
  pd, channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port }, defer: (w) => void setImmediate(w),
});

async function main(): Promise<void> {
  switch (data.role) {
    case 'ipc-server': {
      const server = ipc(1);
      const cap = server.manage(Echo, { echo: (v) => v });
      const descriptor = await server.export(cap);
      control.postMessage(descriptor, [descriptor.port as unknown as MessagePort]);
      return;
    }
    case 'ipc-client': {
      const client = ipc(2);
      const cap = client.adopt(data.port as unknown as Port, data.badge, data.home) as Capability<Echo>;
      if (data.sync) {
        const echo = client.syncClient(Echo, cap);
        for (let i = 0; i < 1000; i++) echo.echo(i);
        const start = performance.now();
        for (let i = 0; i < data.rounds; i++) echo.echo(i);
        control.postMessage((performance.now() - start) / data.rounds);
      } else {
        const echo = client.client(Echo, cap);
        for (let i = 0; i < 1000; i++) await echo.echo(i);
        const start = performance.now();
        for (let i = 0; i < data.rounds; i++) await echo.echo(i);
        control.postMessage((performance.now() - start) / data.rounds);
      }
      return;
    }
    case 'raw-server':
      data.port.on('message', (v: number) => data.port.postMessage(v));
      control.postMessage('ready');
      return;
    case 'raw-client': {
      const port = data.port;
      const roundTrip = (v: number) => new Promise<number>((resolve) => {
        port.once('message', resolve);
        port.postMessage(v);
      });
      for (let i = 0; i < 1000; i++) await roundTrip(i);
      const start = performance.now();
      for (let i = 0; i < data.rounds; i++) await roundTrip(i);
      control.postMessage((performance.now() - start) / data.rounds);
      return;
    }
    case 'atomics-server': {
      const state = new Int32Array(data.sab);
      control.postMessage('ready');
      for (;;) {
        const value = Atomics.load(state, 0);
        if (value === 1) {
          Atomics.store(state, 1, Atomics.load(state, 1) + 1);
          Atomics.store(state, 0, 2);
          Atomics.notify(state, 0);
          continue;
        }
        if (value === 3) return;
        const wait = Atomics.waitAsync(state, 0, value);
        if (wait.async) await wait.value;
      }
    }
    case 'atomics-client': {
      const state = new Int32Array(data.sab);
      const roundTrip = () => {
        Atomics.store(state, 0, 1);
        Atomics.notify(state, 0);
        for (let spin = 0; spin < 1 << 14 && Atomics.load(state, 0) === 1; spin++);
        while (Atomics.load(state, 0) === 1) Atomics.wait(state, 0, 1);
        Atomics.store(state, 0, 0);
      };
      for (let i = 0; i < 1000; i++) roundTrip();
      const start = performance.now();
      for (let i = 0; i < data.rounds; i++) roundTrip();
      control.postMessage((performance.now() - start) / data.rounds);
      Atomics.store(state, 0, 3);
      Atomics.notify(state, 0);
      return;
    }
  }
}

void main();
