// Tries every known way out of the sandbox and logs the outcome of each.
// An attempt escapes when it yields something (a value other than
// undefined or null, or a side effect on shared intrinsics); a line
// "escape NAME: denied" means it failed as it must.

const got = (value) => {
  if (value === undefined || value === null) throw new Error('nothing reached');
  return value;
};

const attempts = {
  'process global': () => got(process),
  'globalThis.process': () => got(globalThis.process),
  'require': () => got(require('fs')),
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
  'WebAssembly global': () => got(WebAssembly.compile),
  'setTimeout global': () => got(setTimeout(() => 0, 1)),
  'setImmediate global': () => got(setImmediate(() => 0)),
  'Date.now': () => got(Date.now()),
  'new Date()': () => { const d = new Date(); if (Number.isNaN(d.getTime())) throw new Error('no clock'); return d; },
  'Math.random': () => got(Math.random()),
  'fetch global': () => got(fetch('http://127.0.0.1:1/')),
  'Buffer global': () => got(Buffer.from('x')),
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
      env.log(`escape ${name}: ESCAPED (${typeof result})`);
    } catch {
      env.log(`escape ${name}: denied`);
    }
  }
  env.log(`escape attempts: ${Object.keys(attempts).length}, escaped: ${escaped}`);
}
