/*
 * The synchronous RPC path between threads, as it runs in Nido: a blocking
 * client in a worker (this file, started as a worker), the server on the
 * main thread's event loop. Each test starts a worker with a script of
 * calls; the worker posts what each call returned or threw.
 */

import assert from 'node:assert/strict';
import { isMainThread, parentPort, workerData, MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Ipc } from './ipc.js';
import { defineInterface } from './interface.js';
import { CapabilityRevoked, ServiceDenied } from './errors.js';
import type { Capability } from './capability.js';
import type { Port } from './port.js';
import { DEFAULT_SYNC_BYTES, SYNC_HEADER_BYTES, SyncServerChannel } from './sync_channel.js';
import { WireBuffer } from './wire.js';

interface Probe {
  add(a: number, b: number): number;
  echo(value: unknown): unknown;
  later(value: number): Promise<number>;
  fail(): void;
  bytes(size: number): Uint8Array;
  hang(): Promise<void>;
  shared(size: number): { readonly name: string; readonly memory: SharedArrayBuffer; readonly more: SharedArrayBuffer[] };
  give(): Promise<{ readonly session: Capability<Probe>; readonly memory: SharedArrayBuffer }>;
}
const Probe = defineInterface<Probe>('Probe', ['add', 'echo', 'later', 'fail', 'bytes', 'hang', 'shared', 'give']);

const channel = () => new MessageChannel() as unknown as { port1: Port; port2: Port };
const defer = (work: () => void) => void setImmediate(work);
const SERVER_PD = 1;
const CLIENT_PD = 2;
const LIVENESS_SLOTS = 16;
/* Bigger than the default 64 KiB slot: the reply overflows and the client fetches it through a new slot. */
const LARGE = 300_000;
/* Generous: a test that fails hangs (a client that is never woken), it does not run slow. */
const TEST_TIMEOUT_MS = 60_000;

/* The pattern of byte i in a reply of bytes(size). */
const pattern = (i: number): number => (i * 7 + 3) & 0xff;

type Script = 'calls' | 'revoke' | 'revoke-between' | 'liveness' | 'hammer' | 'shared';

interface WorkerInput {
  readonly script: Script;
  readonly port: MessagePort;
  readonly badge: number;
  readonly home: number;
  readonly liveness: Int32Array;
  /* Hammer: [0] calls made so far, [1] set to 1 by the main thread to stop. Revoke-between: [0] first call made, [1] object dissolved. */
  readonly counter: Int32Array;
}

/* A call's outcome as the worker reports it. */
type Outcome =
  | { readonly step: string; readonly value: unknown }
  | { readonly step: string; readonly error: string; readonly typed: boolean; readonly message: string };

/* ------------------------------------------------------------------ worker: the blocking client */

function runClient(input: WorkerInput): void {
  const control = parentPort as MessagePort;
  const ipc = new Ipc({ pd: CLIENT_PD, channel, defer, liveness: input.liveness, receive: (port) => receiveMessageOnPort(port as unknown as MessagePort) });
  const cap = ipc.adopt(input.port as unknown as Port, input.badge, input.home) as Capability<Probe>;
  const probe = ipc.syncClient(Probe, cap);
  const report = (step: string, call: () => unknown, expected?: new (message: string) => Error): void => {
    try {
      control.postMessage({ step, value: call() } satisfies Outcome);
    } catch (error) {
      const e = error as Error;
      control.postMessage({ step, error: e.name, typed: expected !== undefined && e instanceof expected, message: e.message } satisfies Outcome);
    }
  };
  switch (input.script) {
    case 'calls': {
      report('add', () => probe.add(2, 3));
      report('echo', () => probe.echo({ text: 'grüße ✓', list: [1, null, true], bytes: new Uint8Array([1, 2, 3]) }));
      report('later', () => probe.later(41));
      report('many', () => {
        let sum = 0;
        for (let i = 0; i < 5000; i++) sum += probe.add(i, 1);
        return sum;
      });
      report('fail', () => probe.fail(), ServiceDenied);
      report('large', () => {
        const bytes = probe.bytes(LARGE);
        for (let i = 0; i < bytes.length; i++) if (bytes[i] !== pattern(i)) return `byte ${i} differs`;
        return bytes.length;
      });
      report('after-large', () => probe.add(20, 22));
      report('large-argument', () => (probe.echo('x'.repeat(LARGE)) as string).length);
      break;
    }
    case 'revoke-between': {
      report('first', () => probe.add(1, 1));
      Atomics.store(input.counter, 0, 1);
      /* The main thread dissolves the object now; this thread never runs its event loop, so it hears of it only in the slot. */
      while (Atomics.load(input.counter, 1) === 0) Atomics.wait(input.counter, 1, 0, 100);
      report('second', () => probe.add(2, 2), CapabilityRevoked);
      break;
    }
    case 'revoke':
    case 'liveness':
      report('hang', () => probe.hang(), CapabilityRevoked);
      break;
    case 'shared': {
      /* Shared memory in synchronous replies, twice (each reply's memory comes with it), then an ordinary call. */
      for (const step of ['shared', 'shared-again']) {
        report(step, () => {
          const reply = probe.shared(16);
          const bytes = new Uint8Array(reply.memory);
          const isShared = reply.memory instanceof SharedArrayBuffer && reply.more.every((m) => m instanceof SharedArrayBuffer);
          /* The client's write is seen by the server: the memory is shared, not copied. */
          bytes[15] = 99;
          return `${reply.name} ${isShared} ${bytes.length} ${bytes[0]} ${reply.more.length}`;
        });
      }
      report('after-shared', () => probe.add(1, 1));
      /* A capability in a synchronous reply (with shared memory beside it), then called through. */
      report('capability', () => {
        const given = probe.give();
        const inner = ipc.syncClient(Probe, given.session);
        return `${inner.add(40, 2)} ${given.memory.byteLength} ${probe.add(2, 2)}`;
      });
      break;
    }
    case 'hammer': {
      report('hammer', () => {
        let calls = 0;
        while (Atomics.load(input.counter, 1) === 0) {
          if (probe.add(calls, 1) !== calls + 1) return `wrong sum after ${calls} calls`;
          Atomics.store(input.counter, 0, ++calls);
        }
        return 'stopped';
      });
      break;
    }
  }
}

if (!isMainThread) runClient(workerData as WorkerInput);

/* ------------------------------------------------------------------ main thread: the server and the tests */

if (isMainThread) {
  /* Only here: the worker running this file is not a test file. */
  const { test } = await import('node:test');

  /* A server Ipc on this thread with a Probe object; `hung` hears of every hang() call. */
  function server(hung: () => void = () => undefined) {
    const liveness = new Int32Array(new SharedArrayBuffer(4 * LIVENESS_SLOTS));
    Atomics.store(liveness, SERVER_PD % LIVENESS_SLOTS, SERVER_PD);
    Atomics.store(liveness, CLIENT_PD % LIVENESS_SLOTS, CLIENT_PD);
    const ipc = new Ipc({ pd: SERVER_PD, channel, defer, liveness });
    const given: SharedArrayBuffer[] = [];
    const cap = ipc.manage(Probe, {
      add: (a, b) => a + b,
      echo: (value) => value,
      later: (value) => new Promise((resolve) => setImmediate(() => resolve(value + 1))),
      fail: () => { throw new ServiceDenied('probe refuses'); },
      bytes: (size) => Uint8Array.from({ length: size }, (_, i) => pattern(i)),
      hang: () => {
        hung();
        return new Promise<void>(() => undefined);
      },
      shared: (size) => {
        const memory = new SharedArrayBuffer(size);
        new Uint8Array(memory)[0] = 7;
        given.push(memory);
        return { name: 'ring', memory, more: [new SharedArrayBuffer(4), new SharedArrayBuffer(8)] };
      },
      give: () => new Promise((resolve) => setImmediate(() => resolve({ session: cap, memory: new SharedArrayBuffer(32) }))),
    });
    return { ipc, cap, liveness, given };
  }

  /* Starts the client worker on `cap` with `script`; `outcomes` yields what it reports, in order. */
  async function client(ipc: Ipc, cap: Capability, liveness: Int32Array, script: Script, counter = new Int32Array(new SharedArrayBuffer(8))) {
    const { port, badge, home } = await ipc.export(cap);
    const input: WorkerInput = { script, port: port as unknown as MessagePort, badge, home, liveness, counter };
    const worker = new Worker(new URL(import.meta.url), { workerData: input, transferList: [port as unknown as MessagePort] });
    const queue: Outcome[] = [];
    let waiting: ((outcome: Outcome) => void) | undefined;
    let failed: Error | undefined;
    worker.on('message', (outcome: Outcome) => {
      if (waiting !== undefined) {
        const resolve = waiting;
        waiting = undefined;
        resolve(outcome);
      } else {
        queue.push(outcome);
      }
    });
    worker.on('error', (error) => { failed = error; });
    const next = (): Promise<Outcome> => {
      if (failed !== undefined) return Promise.reject(failed);
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        waiting = resolve;
        worker.once('error', reject);
      });
    };
    return { worker, next };
  }

  test('a blocking client gets results, typed errors and replies larger than its slot', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { ipc, cap, liveness } = server();
    const { worker, next } = await client(ipc, cap, liveness, 'calls');
    try {
      assert.deepEqual(await next(), { step: 'add', value: 5 });
      assert.deepEqual(await next(), { step: 'echo', value: { text: 'grüße ✓', list: [1, null, true], bytes: new Uint8Array([1, 2, 3]) } });
      assert.deepEqual(await next(), { step: 'later', value: 42 }, 'a server method may answer with a promise');
      assert.deepEqual(await next(), { step: 'many', value: (4999 * 5000) / 2 + 5000 });
      assert.deepEqual(await next(), { step: 'fail', error: 'ServiceDenied', typed: true, message: 'probe refuses' });
      assert.deepEqual(await next(), { step: 'large', value: LARGE });
      assert.deepEqual(await next(), { step: 'after-large', value: 42 }, 'the channel works on after an overflow');
      assert.deepEqual(await next(), { step: 'large-argument', value: LARGE });
    } finally {
      await worker.terminate();
      ipc.dissolve(cap);
    }
  });

  test('shared memory and capabilities in a synchronous reply arrive through the attach port', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { ipc, cap, liveness, given } = server();
    const { worker, next } = await client(ipc, cap, liveness, 'shared');
    try {
      assert.deepEqual(await next(), { step: 'shared', value: 'ring true 16 7 2' });
      assert.deepEqual(await next(), { step: 'shared-again', value: 'ring true 16 7 2' });
      assert.deepEqual(await next(), { step: 'after-shared', value: 2 });
      assert.deepEqual(await next(), { step: 'capability', value: '42 32 4' });
      assert.deepEqual(given.map((memory) => new Uint8Array(memory)[15]), [99, 99], 'the client wrote into the server\'s memory');
    } finally {
      await worker.terminate();
      ipc.dissolve(cap);
    }
  });

  test('dissolving the object wakes a blocked caller with CapabilityRevoked', { timeout: TEST_TIMEOUT_MS }, async () => {
    let called: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => { called = resolve; });
    const { ipc, cap, liveness } = server(() => called());
    const { worker, next } = await client(ipc, cap, liveness, 'revoke');
    try {
      await hung;
      ipc.dissolve(cap);
      const outcome = await next();
      assert.equal(outcome.step, 'hang');
      assert.ok('error' in outcome && outcome.typed, `expected CapabilityRevoked, got ${JSON.stringify(outcome)}`);
    } finally {
      await worker.terminate();
      ipc.dissolve(cap);
    }
  });

  test('a call after the object was dissolved between two calls gets CapabilityRevoked, not a hang', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { ipc, cap, liveness } = server();
    const counter = new Int32Array(new SharedArrayBuffer(8));
    const { worker, next } = await client(ipc, cap, liveness, 'revoke-between', counter);
    try {
      assert.deepEqual(await next(), { step: 'first', value: 2 });
      while (Atomics.load(counter, 0) === 0) await new Promise((resolve) => setImmediate(resolve));
      ipc.dissolve(cap);
      Atomics.store(counter, 1, 1);
      Atomics.notify(counter, 1);
      const outcome = await next();
      assert.equal(outcome.step, 'second');
      assert.ok('error' in outcome && outcome.typed, `expected CapabilityRevoked, got ${JSON.stringify(outcome)}`);
    } finally {
      await worker.terminate();
    }
  });

  test('a request that is no message is answered with an error, and the slot serves on', { timeout: TEST_TIMEOUT_MS }, async () => {
    /* A hostile client writes the slot itself: the header (STATE 1 = REQUEST), then bytes of its choosing. */
    const sab = new SharedArrayBuffer(DEFAULT_SYNC_BYTES);
    const state = new Int32Array(sab, 0, 4);
    const wire = new WireBuffer(sab, SYNC_HEADER_BYTES);
    const channel = new SyncServerChannel(sab);
    const served = channel.serve((method, args) => (method === 'add' ? (args[0] as number) + (args[1] as number) : undefined));
    const call = async (write: () => void): Promise<{ state: number; value: unknown }> => {
      write();
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
      while (Atomics.load(state, 0) === 1 || Atomics.load(state, 0) === 7) await new Promise((resolve) => setImmediate(resolve));
      const outcome = { state: Atomics.load(state, 0), value: wire.read() };
      Atomics.store(state, 0, 0);
      return outcome;
    };
    try {
      const garbage = await call(() => new DataView(sab).setUint32(SYNC_HEADER_BYTES, 1 << 30, true));
      assert.equal(garbage.state, 3, 'ERROR');
      assert.equal((garbage.value as { name?: unknown }).name, 'RangeError');
      const noRequest = await call(() => wire.write({ m: 42 }));
      assert.equal(noRequest.state, 3, 'ERROR');
      assert.equal((noRequest.value as { name?: unknown }).name, 'UnmarshallableValue');
      assert.deepEqual(await call(() => wire.write({ m: 'add', a: [40, 2] })), { state: 2, value: 42 }, 'REPLY');
    } finally {
      channel.revoke();
      await served;
    }
  });

  test('a blocked caller whose server is gone gets CapabilityRevoked, not a hang', { timeout: TEST_TIMEOUT_MS }, async () => {
    let called: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => { called = resolve; });
    const { ipc, cap, liveness } = server(() => called());
    const { worker, next } = await client(ipc, cap, liveness, 'liveness');
    try {
      await hung;
      /* What core does when a protection domain ends: its slot in the liveness table is cleared. */
      Atomics.store(liveness, SERVER_PD % LIVENESS_SLOTS, 0);
      const outcome = await next();
      assert.equal(outcome.step, 'hang');
      assert.ok('error' in outcome && outcome.typed, `expected CapabilityRevoked, got ${JSON.stringify(outcome)}`);
    } finally {
      await worker.terminate();
      ipc.dissolve(cap);
    }
  });

  test('the server keeps serving its event loop while a blocking client calls back to back', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { ipc, cap, liveness } = server();
    const counter = new Int32Array(new SharedArrayBuffer(8));
    const { worker, next } = await client(ipc, cap, liveness, 'hammer', counter);
    try {
      /* Wait (on the event loop the server shares) until the client is in full swing. */
      while (Atomics.load(counter, 0) < 2000) await new Promise((resolve) => setImmediate(resolve));
      /* An ordinary asynchronous call to the same server, from another PD on this thread, and a timer. */
      const other = new Ipc({ pd: 3, channel, defer });
      const { port, badge, home } = await ipc.export(cap);
      const otherCap = other.adopt(port, badge, home) as Capability<Probe>;
      assert.equal(await other.client(Probe, otherCap).add(40, 2), 42);
      other.release(otherCap);
      await new Promise((resolve) => setTimeout(resolve, 1));
      Atomics.store(counter, 1, 1);
      assert.deepEqual(await next(), { step: 'hammer', value: 'stopped' });
    } finally {
      await worker.terminate();
      ipc.dissolve(cap);
    }
  });
}
