/*
 * RPC round trips between two workers: Nido's asynchronous and synchronous
 * calls through a capability, against raw postMessage and raw Atomics
 * ping-pong between the same two workers.
 */

import { Worker, MessageChannel, type MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { median, report, type Row } from './table.js';

const workerFile = fileURLToPath(new URL('./rpc_worker.js', import.meta.url));
const ROUNDS = 20_000;
const REPEATS = 5;

function worker(data: unknown, transfer: unknown[] = []): Worker {
  return new Worker(workerFile, { workerData: data, transferList: transfer as never });
}

function next<T>(w: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
}

async function ipcRound(sync: boolean): Promise<number> {
  const server = worker({ role: 'ipc-server' });
  const descriptor = await next<{ port: MessagePort; badge: number; home: number }>(server);
  const client = worker({ role: 'ipc-client', ...descriptor, rounds: ROUNDS, sync }, [descriptor.port]);
  const us = (await next<number>(client)) * 1000;
  await Promise.all([client.terminate(), server.terminate()]);
  return us;
}

async function rawRound(): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const server = worker({ role: 'raw-server', port: port1 }, [port1]);
  await next(server);
  const client = worker({ role: 'raw-client', port: port2, rounds: ROUNDS }, [port2]);
  const us = (await next<number>(client)) * 1000;
  await Promise.all([client.terminate(), server.terminate()]);
  return us;
}

async function atomicsRound(): Promise<number> {
  const sab = new SharedArrayBuffer(16);
  const server = worker({ role: 'atomics-server', sab });
  await next(server);
  const client = worker({ role: 'atomics-client', sab, rounds: ROUNDS });
  const us = (await next<number>(client)) * 1000;
  await Promise.all([client.terminate(), server.terminate()]);
  return us;
}

async function sample(measure: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) samples.push(await measure());
  return median(samples);
}

export async function run(): Promise<Row[]> {
  const raw = await sample(rawRound);
  const async = await sample(() => ipcRound(false));
  const atomics = await sample(atomicsRound);
  const sync = await sample(() => ipcRound(true));
  const rows: Row[] = [
    { name: 'async RPC round trip', value: async, unit: 'µs', baseline: raw, goal: '≤ 1.3× raw postMessage' },
    { name: 'sync RPC round trip', value: sync, unit: 'µs', baseline: atomics, goal: '≤ 2× raw Atomics, < 10 µs' },
  ];
  await report('rpc', rows);
  return rows;
}
