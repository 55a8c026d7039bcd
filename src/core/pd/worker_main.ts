/*
 * The runtime of a protection domain: the trusted code that runs first in
 * every worker thread.
 *
 * It locks the realm down with SES (every intrinsic frozen, no eval of
 * code with ambient authority), then waits for core's `start`. The
 * component's code runs in a fresh Compartment whose globals are the
 * harmless ones plus a console that writes to the component's LOG
 * session. The component reaches nothing but `env`, built from the parent
 * capability, and the 'nido' library. Node's `process`, `require`, the
 * file system and the ports stay out here.
 */

/// <reference types="ses" />
import { parentPort, workerData, MessageChannel } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import vm from 'node:vm';
import * as library from '../../base/index.js';
import { Ipc } from '../../base/ipc.js';
import { createEnv, type Env } from '../../base/env.js';
import { OutOfCaps } from '../../base/errors.js';
import type { Port } from '../../base/port.js';
import type { Capability } from '../../base/capability.js';
import type { Parent } from '../../session/parent/interface.js';
import type { CoreToPd, PdToCore } from './protocol.js';

interface WorkerData {
  readonly sesSource: string;
  readonly sesCache: Uint8Array | undefined;
}

const kernel = parentPort;
if (kernel === null) throw new Error('the PD runtime runs in a worker thread');
const post = (message: PdToCore): void => kernel.postMessage(message);

const { sesSource, sesCache } = workerData as WorkerData;
const ses = new vm.Script(sesSource, { filename: 'ses.js', ...(sesCache ? { cachedData: Buffer.from(sesCache) } : {}) });
ses.runInThisContext();
lockdown({
  errorTaming: 'unsafe',
  stackFiltering: 'verbose',
  consoleTaming: 'unsafe',
  errorTrapping: 'none',
  unhandledRejectionTrapping: 'none',
  domainTaming: 'unsafe',
  overrideTaming: 'moderate',
});
/* The first worker compiles SES without a code cache and hands one back, so later workers start faster. */
post(sesCache ? { t: 'ready' } : { t: 'ready', cache: new Uint8Array(ses.createCachedData()) });

const nido = harden({ ...library });
let heapBaseline = 0;

/* Local mirror of the capability quota; core owns the account and hears about use. */
const caps = { quota: 0, used: 0, reported: -1, scheduled: false };
function reportCaps(): void {
  if (caps.scheduled) return;
  caps.scheduled = true;
  setImmediate(() => {
    caps.scheduled = false;
    if (caps.used !== caps.reported) post({ t: 'caps', used: (caps.reported = caps.used) });
  });
}
const capAccount = {
  allocate(): void {
    if (caps.used >= caps.quota) throw new OutOfCaps(`capability quota of ${caps.quota} exhausted`);
    caps.used++;
    reportCaps();
  },
  free(): void {
    caps.used = Math.max(0, caps.used - 1);
    reportCaps();
  },
};

function endowments(env: Env): Record<string, unknown> {
  const console = {
    log: env.log, info: env.log, debug: env.log,
    warn: env.warning, error: env.error,
  };
  return { console, TextEncoder, TextDecoder, queueMicrotask, URL, URLSearchParams };
}

function requireFor(filename: string) {
  return (specifier: string): unknown => {
    if (specifier === 'nido') return nido;
    throw new Error(`${filename}: cannot import "${specifier}": a component is one module and may import only 'nido'`);
  };
}

async function start(message: Extract<CoreToPd, { t: 'start' }>): Promise<void> {
  caps.quota = message.capQuota;
  const ipc = new Ipc({
    pd: message.pd,
    channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port },
    defer: (work) => void setImmediate(work),
    liveness: new Int32Array(message.liveness),
    capAccount,
  });
  const parent = ipc.adopt(message.parent.port as Port, message.parent.badge, message.parent.home) as Capability<Parent>;
  const env = harden(await createEnv(ipc, parent, {
    exited: (code) => post({ t: 'exit', code }),
    capsUsed: () => caps.used,
    block: () => {
      /* Only core's terminate() ends this wait. */
      const word = new Int32Array(new SharedArrayBuffer(4));
      for (;;) Atomics.wait(word, 0, 0);
    },
  }));

  const compartment = new Compartment({ globals: endowments(env), __options__: true });
  const factory: unknown = compartment.evaluate(`(function (module, exports, require) {${message.code}\n})\n//# sourceURL=${message.filename}`);
  if (typeof factory !== 'function') throw new Error(`${message.filename}: not a component`);
  const module: { exports: Record<string, unknown> } = { exports: {} };
  factory(module, module.exports, harden(requireFor(message.filename)));
  const construct = module.exports['construct'];
  if (typeof construct !== 'function') {
    throw new Error(`${message.filename}: exports no construct(env) function`);
  }
  heapBaseline = getHeapStatistics().used_heap_size;
  post({ t: 'started' });
  await (construct as (env: Env) => unknown)(env);
}

kernel.on('message', (message: CoreToPd) => {
  switch (message.t) {
    case 'start':
      /* A failure here is the component's crash: let it surface as the worker's error. */
      start(message).catch((error: unknown) => setImmediate(() => { throw error; }));
      return;
    case 'caps':
      caps.quota = message.quota;
      return;
    case 'heap':
      post({ t: 'heap', used: Math.max(0, getHeapStatistics().used_heap_size - heapBaseline) });
      return;
  }
});
