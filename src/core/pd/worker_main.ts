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
import { parentPort, workerData, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import vm from 'node:vm';
import * as library from '../../base/index.js';
import { Ipc } from '../../base/ipc.js';
import { createEnv, type Env } from '../../base/env.js';
import { OutOfCaps } from '../../base/errors.js';
import { defineInterface } from '../../base/interface.js';
import type { Port } from '../../base/port.js';
import type { Capability } from '../../base/capability.js';
import type { Parent } from '../../session/parent/interface.js';
import type { CoreToPd, PdToCore } from './protocol.js';
import { compileWasm, type WasmModule } from '../../lib/libc/index.js';
import { runProgram } from './wasm_program.js';
import { RamMeter } from './ram_meter.js';
import { installMeteredIntrinsics } from './metered_intrinsics.js';
import { installMeteredWebAssembly } from './metered_webassembly.js';
import { installMeteredIntl } from './metered_intl.js';
import { ComponentTime } from './component_time.js';
import { installComponentGlobals } from './component_globals.js';
import { attachComponentScript, installStackTraces } from './stack_trace.js';
import { Timer, TIMER_SESSION_CAPS, TIMER_SESSION_RAM } from '../../session/timer/interface.js';

/** What core hands every worker at spawn (its workerData). */
export interface RuntimeData {
  /** UTF-8 source of SES, shared by all workers. */
  readonly sesSource: SharedArrayBuffer;
  /** A V8 code cache for SES, once a runtime made one. */
  readonly sesCache: SharedArrayBuffer | undefined;
}

const kernel = parentPort;
if (kernel === null) throw new Error('the PD runtime runs in a worker thread');
const post = (message: PdToCore): void => kernel.postMessage(message);

/*
 * Before SES: the allocating intrinsics become metered ones, so that SES
 * captures those and the compartment reaches no other (docs/quotas.md).
 */
const meter = new RamMeter();
installMeteredIntrinsics(meter);
installMeteredWebAssembly(meter);
installMeteredIntl(meter);

const { sesSource, sesCache } = workerData as RuntimeData;
const ses = new vm.Script(Buffer.from(sesSource).toString('utf8'), {
  filename: 'ses.js',
  ...(sesCache ? { cachedData: Buffer.from(sesCache) } : {}),
});
ses.runInThisContext();
/*
 * errorTaming 'unsafe' leaves `error.stack` a string V8 fills, for the
 * component too; what it holds is the runtime's to say (stack_trace.ts,
 * installed below, replaces SES's formatting: the component's own frames,
 * nothing of the host), and only the runtime can change that: in the
 * compartment, Error.prepareStackTrace cannot be set and
 * Error.captureStackTrace gives an empty stack.
 */
lockdown({
  errorTaming: 'unsafe',
  stackFiltering: 'verbose',
  consoleTaming: 'unsafe',
  errorTrapping: 'none',
  unhandledRejectionTrapping: 'none',
  domainTaming: 'unsafe',
  overrideTaming: 'severe',
});
/* Every error's stack holds the component's frames only, mapped to its sources (stack_trace.ts). */
installStackTraces();
/*
 * A worker that compiled SES without a usable code cache hands one back,
 * made after lockdown so that it holds every function SES ran: later
 * workers then start faster.
 */
post(sesCache && !ses.cachedDataRejected ? { t: 'ready' } : { t: 'ready', cache: new Uint8Array(ses.createCachedData()) });

const nido = harden({ ...library });

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

/*
 * The component's compartment is made while the worker waits for its
 * component, so that a start does not pay for it. Its globals are the
 * common web platform's, hardened, with time by Timer session
 * (component_globals.ts); `console` joins them once env exists.
 */
const hostPerformance = performance;
const time = new ComponentTime({ monotonic: () => hostPerformance.now(), wall: Date.now });
const compartment = new Compartment({ __options__: true });
installComponentGlobals(compartment.globalThis, time, 'Nido');
/* As in a web worker, Deno and workerd: code that looks for the global object under this name finds it. */
compartment.globalThis['self'] = compartment.globalThis;

/*
 * The RPC paths a start takes (a call whose reply carries a capability, a
 * capability passed as an argument) run once while the worker waits, so
 * that V8 compiles them now rather than during the start.
 */
interface Warm { give(): Capability; take(cap: Capability): void }
const Warm = defineInterface<Warm>('Warm', ['give', 'take']);
async function warmUp(): Promise<void> {
  const channel = () => new MessageChannel() as unknown as { port1: Port; port2: Port };
  const defer = (work: () => void) => void setImmediate(work);
  const server = new Ipc({ pd: -1, channel, defer });
  const client = new Ipc({ pd: -2, channel, defer });
  const inner: Capability<Warm> = server.manage(Warm, { give: (): Capability => inner, take: () => undefined });
  const outer = server.manage(Warm, { give: () => inner, take: () => undefined });
  const descriptor = await server.export(outer);
  const remote = client.adopt(descriptor.port, descriptor.badge, descriptor.home) as Capability<Warm>;
  const warm = client.client(Warm, remote);
  const given = await warm.give();
  await warm.take(client.signalContext(() => undefined));
  client.release(given);
  client.release(remote);
  server.dissolve(inner);
  server.dissolve(outer);
}
/* A warm-up that fails costs only speed: the start runs the same code and reports what fails there. */
void warmUp().catch(() => undefined);
/* SES sets up a compartment's evaluator on its first evaluate. */
compartment.evaluate('(function () {})');

/* The console of the web platform, on the component's LOG session. */
function consoleFor(env: Env): Record<string, unknown> {
  const counts = new Map<string, number>();
  return {
    log: env.log, info: env.log, debug: env.log, dir: env.log, table: env.log,
    warn: env.warning, error: env.error,
    /* The stack holds the component's frames only (stack_trace.ts): its first is trace's caller. */
    trace: (...parts: unknown[]) => env.log('Trace:', ...parts, `\n${(new Error().stack ?? '').split('\n').slice(1).join('\n')}`),
    assert: (condition: unknown, ...parts: unknown[]) => {
      if (!condition) env.error('Assertion failed', ...(parts.length > 0 ? [':', ...parts] : []));
    },
    count: (label = 'default') => {
      const count = (counts.get(String(label)) ?? 0) + 1;
      counts.set(String(label), count);
      env.log(`${String(label)}: ${count}`);
    },
    countReset: (label = 'default') => void counts.delete(String(label)),
  };
}

type ComponentFactory = (module: { exports: Record<string, unknown> }, exports: Record<string, unknown>, require: (specifier: string) => unknown) => void;

/*
 * The component's module as a function of (module, exports, require),
 * compiled in its compartment. The globals its code names (found by core,
 * bundle.ts) are parameters of a function around it, read from the
 * compartment's global object once, when the module runs: code in a
 * compartment looks a global up through SES's scope objects, about 200 ns
 * a time, a variable in a few. (So a global the component replaces on
 * globalThis later is not seen by code that named it; one it assigns by
 * name is.)
 */
function compile(binary: { readonly code: string; readonly globals: readonly string[] }, filename: string): ComponentFactory {
  const global = compartment.globalThis;
  /* console joins at start, after the compile. */
  const names = binary.globals.filter((name) => name === 'console' || name in global);
  const outer: unknown = compartment.evaluate(
    `(function ({ ${names.join(', ')} }) { return function (module, exports, require) {${binary.code}\n}; })\n//# sourceURL=${filename}`);
  if (typeof outer !== 'function') throw new Error(`${filename}: not a component`);
  return (module, exports, require) => (outer as (globals: object) => ComponentFactory)(global)(module, exports, require);
}

function requireFor(filename: string) {
  return (specifier: string): unknown => {
    if (specifier === 'nido') return nido;
    throw new Error(`${filename}: cannot require "${specifier}" at run time: a component's imports were bundled when it was loaded, and only 'nido' is left to import`);
  };
}

async function start(message: Extract<CoreToPd, { t: 'start' }>): Promise<void> {
  /* From here on the PD pays: the env it builds, the component's code, everything the component holds. */
  meter.attach(new BigInt64Array(message.ram), (text) => post({ t: 'ram', message: text }));
  caps.quota = message.capQuota;
  const ipc = new Ipc({
    pd: message.pd,
    channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port },
    defer: (work) => void setImmediate(work),
    liveness: new Int32Array(message.liveness),
    capAccount,
    receive: (port) => receiveMessageOnPort(port as unknown as MessagePort),
  });
  const parent = ipc.adopt(message.parent.port as Port, message.parent.badge, message.parent.home) as Capability<Parent>;
  const envReady = createEnv(ipc, parent, {
    exited: (code) => post({ t: 'exit', code }),
    capsUsed: () => caps.used,
    ramSettled: (handler) => { meter.settled = handler; },
    block: () => {
      /* Only core's terminate() ends this wait. */
      const word = new Int32Array(new SharedArrayBuffer(4));
      for (;;) Atomics.wait(word, 0, 0);
    },
  });
  /* Compiled while the parent answers createEnv's requests; the component's code runs only once env exists. */
  const { binary } = message;
  const compiled: Promise<ComponentFactory | WasmModule> = binary.kind === 'wasm'
    ? compileWasm(binary.bytes, message.filename)
    : new Promise((resolve) => resolve(compile(binary, message.filename)));
  const [code, unhardened] = await Promise.all([compiled, envReady]);
  const env = harden(unhardened);
  if (typeof code !== 'function') {
    post({ t: 'started' });
    await runProgram(env, code, message.filename, message.ramAvail);
    return;
  }
  attachComponentScript(message.filename, binary.kind === 'script' ? binary.map : undefined);
  compartment.globalThis['console'] = harden(consoleFor(env));
  time.attach({
    open: () => env.connectSync(Timer, { ram: TIMER_SESSION_RAM, caps: TIMER_SESSION_CAPS }),
    syncClient: (connection) => env.syncClient(Timer, connection.cap),
    signalHandler: (handler) => env.ep.signalHandler(handler),
  });
  const module: { exports: Record<string, unknown> } = { exports: {} };
  code(module, module.exports, harden(requireFor(message.filename)));
  const construct = module.exports['construct'];
  if (typeof construct !== 'function') {
    throw new Error(`${message.filename}: exports no construct(env) function`);
  }
  post({ t: 'started' });
  await (construct as (env: Env) => unknown)(env);
}

kernel.on('message', (message: CoreToPd) => {
  switch (message.t) {
    case 'start':
      /*
       * A failure here is the component's crash: let it surface as the
       * worker's error. A WebAssembly program's failure (bad binary, trap,
       * denied session) is told by its message alone: the frames would be
       * the runtime's, which say nothing to the program's author.
       */
      start(message).catch((error: unknown) => {
        if (message.binary.kind === 'wasm' && error instanceof Error) error.stack = `${error.name}: ${error.message}`;
        setImmediate(() => { throw error; });
      });
      return;
    case 'caps':
      caps.quota = message.quota;
      return;
  }
});
