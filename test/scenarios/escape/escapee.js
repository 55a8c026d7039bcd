// Tries every known way out of the sandbox and logs the outcome of each.
// An attempt escapes when it yields something (a value other than
// undefined or null, or a side effect on shared intrinsics); a line
// "escape NAME: denied" means it failed as it must.

const got = (value) => {
  if (value === undefined || value === null) throw new Error('nothing reached');
  return value;
};

/* Catches what `run` throws and changes the error's class (its prototype). */
const mutateErrorClass = (run) => {
  let error;
  try { run(); } catch (e) { error = e; }
  if (error === undefined) throw new Error('nothing thrown');
  Object.getPrototypeOf(error).polluted = 1;
  if (Object.getPrototypeOf(error).polluted !== 1) throw new Error('frozen');
  return `mutated ${error.name}`;
};

const attempts = {
  'process global': () => got(process),
  'globalThis.process': () => got(globalThis.process),
  /* Computed names: a literal require of a built-in is refused when the component is bundled (static_importer.js). */
  'require': () => got(require(['f', 's'].join(''))),
  'require node:fs': () => got(require(['node', 'fs'].join(':'))),
  'module.require': () => got(module.require('fs')),
  'Function constructor': () => got(Function('return process')()),
  'Function constructor, this': () => got(Function('return this.process')()),
  'function constructor via prototype': () => got((function () {}).constructor('return process')()),
  'async function constructor': async () => got(await Object.getPrototypeOf(async function () {}).constructor('return process')()),
  'generator function constructor': () => got(Object.getPrototypeOf(function* () {}).constructor('return process')().next().value),
  'indirect eval': () => got((0, eval)('typeof process === "object" ? process : undefined')),
  'direct eval': () => got(Function(`return ${['ev', 'al'].join('')}('process')`)()),
  'globalThis constructor chain': () => got(globalThis.constructor.constructor('return process')()),
  'env.log constructor': (env) => got(env.log.constructor('return process')()),
  'env object constructor chain': (env) => got(env.constructor.constructor('return process')()),
  'console constructor chain': () => got(console.log.constructor('return process')()),
  'TextEncoder constructor chain': () => got(TextEncoder.constructor('return process')()),
  'Error.prepareStackTrace': () => {
    Error.prepareStackTrace = (_e, frames) => frames;
    const stack = new Error().stack;
    if (typeof stack === 'string') throw new Error('string stack only');
    return got(stack);
  },
  'Error.captureStackTrace frames': () => {
    const holder = {};
    Error.captureStackTrace(holder);
    if (typeof holder.stack === 'string') throw new Error('string stack only');
    return got(holder.stack);
  },
  'mutate Array.prototype': () => { Array.prototype.push = () => 0; if ([].push(1) !== 0) throw new Error('frozen'); return 'mutated'; },
  'mutate Object.prototype': () => { Object.prototype.polluted = 1; if ({}.polluted !== 1) throw new Error('frozen'); return 'polluted'; },
  'mutate Promise.prototype.then': () => { Promise.prototype.then = () => 0; return 'mutated'; },
  'mutate nido library': () => { const nido = require('nido'); nido.Log = null; if (nido.Log !== null) throw new Error('frozen'); return 'mutated'; },
  'SharedArrayBuffer global': () => got(new SharedArrayBuffer(8)),
  'Atomics global': () => got(Atomics.wait),
  'mutate WebAssembly': () => { WebAssembly.compile = () => 0; return 'mutated'; },
  'setTimeout without a Timer route': () => got(setTimeout(() => 0, 1)),
  'setInterval without a Timer route': () => got(setInterval(() => 0, 1)),
  'setImmediate global': () => got(setImmediate(() => 0)),
  'Date.now without a Timer route': () => got(Date.now()),
  'new Date() without a Timer route': () => { const d = new Date(); if (Number.isNaN(d.getTime())) throw new Error('no clock'); return d; },
  'Date() without a Timer route': () => got(Date()),
  'the shared Date behind a date': () => got(new Date(0).constructor.now()),
  'performance.now without a Timer route': () => got(performance.now()),
  'performance.timeOrigin without a Timer route': () => got(performance.timeOrigin),
  'AbortSignal.timeout without a Timer route': () => got(AbortSignal.timeout(1)),
  'Intl.DateTimeFormat of now without a Timer route': () => got(new Intl.DateTimeFormat('en', { timeStyle: 'full' }).format()),
  'Intl.DateTimeFormat formatToParts of now': () => got(new Intl.DateTimeFormat('en').formatToParts()),
  'Event timeStamp as a clock': () => { const stamp = new Event('x').timeStamp; if (stamp === 0) throw new Error('no clock'); return stamp; },
  'Blob URL registry shared between workers': () => got(URL.createObjectURL),
  'BroadcastChannel global': () => got(new BroadcastChannel('nido')),
  'MessageChannel global': () => got(new MessageChannel()),
  'mutate Math.random': () => { Math.random = () => 4; if (Math.random() !== 4) throw new Error('frozen'); return 'mutated'; },
  'mutate Date.now': () => { Date.now = () => 4; return 'mutated'; },
  'mutate URL.prototype': () => { URL.prototype.toString = () => 'x'; return 'mutated'; },
  'mutate URLSearchParams.prototype': () => { URLSearchParams.prototype.get = () => 'x'; return 'mutated'; },
  'mutate EventTarget.prototype': () => { EventTarget.prototype.dispatchEvent = () => true; return 'mutated'; },
  'mutate Event.prototype getter': () => { Object.defineProperty(Event.prototype, 'type', { get: () => 'x' }); return 'mutated'; },
  'mutate TextEncoder.prototype.encode': () => { TextEncoder.prototype.encode = () => new Uint8Array(); return 'mutated'; },
  'mutate TextDecoder.prototype': () => { Object.setPrototypeOf(TextDecoder.prototype, null); return 'mutated'; },
  'mutate AbortSignal statics': () => { AbortSignal.abort = () => 0; return 'mutated'; },
  'mutate Blob.prototype': () => { Blob.prototype.text = () => 0; return 'mutated'; },
  'mutate crypto': () => { crypto.getRandomValues = (a) => a; return 'mutated'; },
  'mutate crypto.subtle': () => { Object.getPrototypeOf(crypto.subtle).digest = () => 0; return 'mutated'; },
  'mutate ReadableStream.prototype': () => { ReadableStream.prototype.getReader = () => 0; return 'mutated'; },
  'mutate structuredClone': () => { structuredClone.polluted = 1; return 'mutated'; },
  'mutate Intl': () => { Intl.DateTimeFormat = null; return 'mutated'; },
  'mutate WeakRef.prototype': () => { WeakRef.prototype.deref = () => 0; return 'mutated'; },
  'mutate Float64Array.prototype': () => { Float64Array.prototype.fill = () => 0; return 'mutated'; },
  'mutate console': () => { console.log = () => 0; return 'mutated'; },
  'mutate navigator': () => { navigator.userAgent = 'x'; if (navigator.userAgent !== 'x') throw new Error('frozen'); return 'mutated'; },
  'mutate performance': () => { performance.now = () => 0; return 'mutated'; },
  /* Node throws errors of classes of its own, one per error code; the class reached through an error must be frozen too. */
  'mutate the class of a Node error (queueMicrotask)': () => mutateErrorClass(() => queueMicrotask(1)),
  'mutate the class of a Node error (TextDecoder)': () => mutateErrorClass(() => new TextDecoder('no such encoding')),
  'mutate the class of a Node error (URL)': () => mutateErrorClass(() => URL.canParse()),
  'mutate the class of a Node error (Blob)': () => mutateErrorClass(() => new Blob(1)),
  'mutate the class of a Node error (EventTarget)': () => mutateErrorClass(() => EventTarget.prototype.addEventListener.call(1)),
  'mutate DOMException through atob': () => mutateErrorClass(() => atob('*')),
  'mutate the class of a rejected error (crypto.subtle)': async () => {
    const error = await crypto.subtle.digest('no such digest', new Uint8Array(1)).then(() => undefined, (e) => e);
    Object.getPrototypeOf(error).polluted = 1;
    return 'mutated';
  },
  'mutate the URLSearchParams iterator': () => { Object.getPrototypeOf(new URLSearchParams('a=1').entries()).next = () => 0; return 'mutated'; },
  'mutate the stream iterator': () => { Object.getPrototypeOf(new ReadableStream().values()).next = () => 0; return 'mutated'; },
  'mutate Intl segments': () => { Object.getPrototypeOf(new Intl.Segmenter().segment('a')).containing = () => 0; return 'mutated'; },
  'mutate a reader': () => { Object.getPrototypeOf(new Blob(['x']).stream().getReader()).read = () => 0; return 'mutated'; },
  'Blob constructor chain': () => got(Blob.constructor('return process')()),
  'crypto.subtle constructor chain': () => got(crypto.subtle.constructor.constructor('return process')()),
  'structuredClone constructor chain': () => got(structuredClone.constructor('return process')()),
  'setTimeout constructor chain': () => got(setTimeout.constructor('return process')()),
  'an unfrozen object reachable from the globals': () => {
    /* Every object reachable from the compartment's globals (not the global object itself) must be frozen. */
    const seen = new Set();
    const open = [];
    const visit = (value, path) => {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
      seen.add(value);
      if (!Object.isFrozen(value)) open.push(path);
      for (const key of Reflect.ownKeys(value)) {
        const property = Reflect.getOwnPropertyDescriptor(value, key);
        const name = `${path}.${String(key)}`;
        if (property === undefined) continue;
        if ('value' in property) visit(property.value, name);
        visit(property.get, `${name}[get]`);
        visit(property.set, `${name}[set]`);
      }
      visit(Reflect.getPrototypeOf(value), `${path}.__proto__`);
    };
    /* Read through the global object (a global made on first use is made now), then walked without calling getters. */
    for (const key of Reflect.ownKeys(globalThis)) {
      if (key === 'globalThis' || key === 'self') continue;
      visit(globalThis[key], String(key));
    }
    if (open.length === 0) throw new Error('all frozen');
    return open.slice(0, 5).join(', ');
  },
  'fetch global': () => got(fetch('http://127.0.0.1:1/')),
  /* A free `Buffer` is the buffer package's (bundle.ts); Node's is not on the global object. */
  'Buffer global': () => got(globalThis.Buffer),
  'postMessage global': () => got(globalThis.postMessage),
  'global via sloppy this': function () { return got(this && this.process); },
  'arguments.callee.caller': function () { return got(arguments.callee.caller); },
  'capability internals': (env) => { const keys = Reflect.ownKeys(env.pdCap); if (keys.length === 0) throw new Error('opaque'); return keys; },
  'env mutation': (env) => { env.log = null; if (env.log === null) return 'mutated'; throw new Error('frozen'); },
  'env.parent mutation': (env) => { env.parent.session = null; if (env.parent.session === null) return 'mutated'; throw new Error('frozen'); },
  'new Compartment with process': () => got(new Compartment({ globals: {} }).evaluate('typeof process === "object" ? process : undefined')),
  'lockdown again': () => { lockdown(); return 'called'; },
  'dynamic import via Function': async () => got(await Function(`return ${['imp', 'ort'].join('')}('node:fs')`)()),
  'worker internals via stack text': () => { const text = new Error().stack ?? ''; if (!/worker_main/.test(text)) throw new Error('hidden'); return got(require(text)); },
};

export async function construct(env) {
  let escaped = 0;
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      const result = await attempt(env);
      escaped++;
      env.log(`escape ${name}: ESCAPED (${typeof result === 'string' ? result : typeof result})`);
    } catch {
      env.log(`escape ${name}: denied`);
    }
  }
  env.log(`escape attempts: ${Object.keys(attempts).length}, escaped: ${escaped}`);
}
