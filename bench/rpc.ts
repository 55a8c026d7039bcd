/*
 * RPC round trips between two workers: Nido's asynchronous and synchronous
 * calls through a capability, against raw postMessage and raw Atomics
 * ping-pong between two workers in the same arrangement.
 *
 * Every sample starts a fresh pair of workers and is the mean over many
 * calls; samples of a measurement and its baseline alternate. The table
 * shows the best sample of each: other processes on the two cores only
 * ever add time, and a spinning round trip collapses (from about 2 µs to
 * 20–90 µs) whenever one of its cores is taken, so the minimum is the
 * figure of the mechanism and the median is the figure of the host's
 * load. Every sample is in the JSON file.
 */

import type { Worker, MessagePort } from 'node:worker_threads';
import { MessageChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { report, type Row } from './table.js';
import { nextMessage, startWorker } from './worker.js';
import type { Role } from './rpc_worker.js';

const workerFile = fileURLToPath(new URL('./rpc_worker.js', import.meta.url));
const ASYNC_ROUNDS = 10_000;
const SYNC_ROUNDS = 20_000;
const REPEATS = 7;
/* About what encoding a call and decoding its reply costs Nido's synchronous client (src/base/wire.ts). */
const CLIENT_GAP_US = 2;
const SERVER_SPIN_US = 10;

function worker(role: Role, transfer: readonly unknown[] = []): Worker {
  return startWorker(workerFile, role, transfer);
}

/* Runs a client against a server and returns the client's mean round trip in µs. */
async function pair(server: Worker, client: () => Worker): Promise<number> {
  let started: Worker | undefined;
  try {
    started = client();
    return (await nextMessage<number>(started)) * 1000;
  } finally {
    await Promise.all([started?.terminate(), server.terminate()]);
  }
}

async function ipcRound(sync: boolean): Promise<number> {
  const server = worker({ role: 'ipc-server' });
  const descriptor = await nextMessage<{ port: MessagePort; badge: number; home: number }>(server);
  const rounds = sync ? SYNC_ROUNDS : ASYNC_ROUNDS;
  return pair(server, () => worker({ role: 'ipc-client', ...descriptor, rounds, sync }, [descriptor.port]));
}

async function rawRound(): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const server = worker({ role: 'raw-server', port: port1 }, [port1]);
  await nextMessage(server);
  return pair(server, () => worker({ role: 'raw-client', port: port2, rounds: ASYNC_ROUNDS }, [port2]));
}

async function atomicsRound(gapUs = 0, spinAfterReplyUs = 0): Promise<number> {
  const sab = new SharedArrayBuffer(16);
  const server = worker({ role: 'atomics-server', sab, spinAfterReplyUs });
  await nextMessage(server);
  return pair(server, () => worker({ role: 'atomics-client', sab, rounds: SYNC_ROUNDS, gapUs }));
}

export async function run(): Promise<Row[]> {
  const measures = {
    raw: rawRound,
    async: () => ipcRound(false),
    atomics: () => atomicsRound(),
    sync: () => ipcRound(true),
    atomicsGap: () => atomicsRound(CLIENT_GAP_US),
    atomicsGapSpin: () => atomicsRound(CLIENT_GAP_US, SERVER_SPIN_US),
  };
  const samples: Record<keyof typeof measures, number[]> = {
    raw: [], async: [], atomics: [], sync: [], atomicsGap: [], atomicsGapSpin: [],
  };
  for (let i = 0; i < REPEATS; i++) {
    for (const [name, measure] of Object.entries(measures)) samples[name as keyof typeof measures].push(await measure());
  }
  const m = (name: keyof typeof measures) => Math.min(...samples[name]);
  const rows: Row[] = [
    {
      name: `async RPC round trip (Ipc, two workers), best of ${REPEATS}`, value: m('async'), unit: 'µs',
      baseline: m('raw'), baselineName: 'raw postMessage round trip, two workers',
      goal: '≤ 1.3×', met: m('async') <= 1.3 * m('raw'), samples: samples.async, baselineSamples: samples.raw,
    },
    {
      name: `sync RPC round trip (Ipc.callSync, server on its event loop), best of ${REPEATS}`, value: m('sync'), unit: 'µs',
      baseline: m('atomics'), baselineName: 'raw Atomics ping-pong, client wait, server waitAsync',
      goal: '≤ 2×, < 10 µs', met: m('sync') <= 2 * m('atomics') && m('sync') < 10,
      samples: samples.sync, baselineSamples: samples.atomics,
    },
    /*
     * Diagnostics for the synchronous path. The raw ping-pong is fast only
     * while the client asks again before the server's thread has gone to
     * sleep: once the client does a little work between calls, every
     * request pays the wake-up of the server's event loop. A server that
     * stays awake a bounded while after each reply avoids that.
     */
    {
      name: `raw Atomics, client busy ${CLIENT_GAP_US} µs between calls, best of ${REPEATS}`, value: m('atomicsGap'), unit: 'µs',
      baseline: m('atomics'), baselineName: 'raw Atomics ping-pong', samples: samples.atomicsGap,
    },
    {
      name: `same, server spins ≤ ${SERVER_SPIN_US} µs after each reply, best of ${REPEATS}`, value: m('atomicsGapSpin'), unit: 'µs',
      baseline: m('atomics'), baselineName: 'raw Atomics ping-pong', samples: samples.atomicsGapSpin,
    },
  ];
  await report('rpc', rows);
  return rows;
}
