// Tries every known way out of the sandbox and logs the outcome of each.
// A line "escape NAME: denied" means the attempt failed as it must.

const attempts = {
  'process global': () => process,
  'globalThis.process': () => { if (globalThis.process === undefined) throw new Error('absent'); return globalThis.process; },
  'require': () => require('fs'),
  'module.require': () => module.require('fs'),
  'Function constructor': () => Function('return process')(),
  'function constructor via prototype': () => (function () {}).constructor('return process')(),
  'async function constructor': () => Object.getPrototypeOf(async function () {}).constructor('return process')(),
  'generator function constructor': () => Object.getPrototypeOf(function* () {}).constructor('return process')(),
  'eval of process': () => { const v = (0, eval)('typeof process'); if (v === 'undefined') throw new Error('no process'); return v; },
  'env.log constructor': (env) => env.log.constructor('return process')(),
  'env object constructor chain': (env) => env.constructor.constructor('return process')(),
  'Error.prepareStackTrace': () => {
    Error.prepareStackTrace = (_e, frames) => frames[0].getThis();
    const leaked = new Error().stack;
    if (leaked === undefined || typeof leaked === 'string') throw new Error('no frames');
    return leaked;
  },
  'Error.captureStackTrace frames': () => {
    const holder = {};
    Error.captureStackTrace(holder);
    if (typeof holder.stack === 'string') throw new Error('string stack only');
    return holder.stack;
  },
  'mutate Array.prototype': () => { Array.prototype.push = () => 0; if ([].push(1) !== 0) throw new Error('frozen'); return 'mutated'; },
  'mutate Object.prototype': () => { Object.prototype.polluted = 1; if ({}.polluted !== 1) throw new Error('frozen'); return 'polluted'; },
  'SharedArrayBuffer global': () => new SharedArrayBuffer(8),
  'Atomics global': () => Atomics.wait,
  'WebAssembly global': () => WebAssembly.compile,
  'setTimeout global': () => setTimeout(() => 0, 1),
  'setImmediate global': () => setImmediate(() => 0),
  'Date.now': () => Date.now(),
  'Math.random': () => Math.random(),
  'fetch global': () => fetch('http://127.0.0.1:1/'),
  'Buffer global': () => Buffer.from('x'),
  'worker_threads via globalThis': () => { const p = globalThis.postMessage ?? globalThis.parentPort; if (p === undefined) throw new Error('absent'); return p; },
  'global via this at top level': function () { if (this !== undefined && this.process) return this.process; throw new Error('no this'); },
  'arguments.callee.caller': function () { return arguments.callee.caller; },
  'capability internals': (env) => { const keys = Reflect.ownKeys(env.pdCap); if (keys.length === 0) throw new Error('opaque'); return keys; },
  'env mutation': (env) => { env.log = null; if (env.log === null) return 'mutated'; throw new Error('frozen'); },
  'new Compartment with process': () => { const c = new Compartment({ globals: {} }); const v = c.evaluate('typeof process'); if (v === 'undefined') throw new Error('no process'); return v; },
};

export async function construct(env) {
  let escaped = 0;
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      const result = await attempt(env);
      escaped++;
      env.log(`escape ${name}: ESCAPED (${typeof result})`);
    } catch (error) {
      env.log(`escape ${name}: denied`);
    }
  }
  env.log(`escape attempts: ${Object.keys(attempts).length}, escaped: ${escaped}`);
}
