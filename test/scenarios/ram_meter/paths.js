// Tries every way a component can allocate memory outside the JavaScript
// heap, each in steps held until the RAM account refuses. A line
// "path NAME: refused ..." says the allocation was refused with a
// RangeError while what the component held stayed within its quota and
// showed as used, and that what it held could be allocated again once it
// let go. Any other outcome is logged as "path NAME: FAILED ...".

const MiB = 1024 * 1024;
const STEP = 4 * MiB;
/* Sources that live on the heap (arrays, iterables) are kept small: the heap is paid from the same quota. */
const SMALL = 128 * 1024;

/* A module with 64 pages (4 MiB) of memory, exported as "mem", and one whose memory nobody could see. */
const MEMORY_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 0x40, 7, 7, 1, 3, 0x6d, 0x65, 0x6d, 2, 0]);
const HIDDEN_MEMORY_MODULE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 0x40]);

/* name: [bytes each step allocates, the step]; a step gets `keep` (state kept across steps) and env. */
const paths = {
  'new ArrayBuffer': [STEP, () => new ArrayBuffer(STEP)],
  'new Uint8Array(length)': [STEP, () => new Uint8Array(STEP)],
  'new Int32Array(length)': [STEP, () => new Int32Array(STEP / 4)],
  'new BigInt64Array(length)': [STEP, () => new BigInt64Array(STEP / 8)],
  'new Int32Array(typedArray)': [STEP, (keep) => new Int32Array(keep.source ??= new Uint8Array(STEP / 4))],
  'new Uint8Array(array)': [SMALL, (keep) => new Uint8Array(keep.array ??= Array.from({ length: SMALL }, () => 1))],
  'new Uint8Array(iterable)': [SMALL, () => new Uint8Array({ *[Symbol.iterator]() { for (let i = 0; i < SMALL; i++) yield 1; } })],
  'new Uint8Array(array-like)': [STEP, () => new Uint8Array({ length: STEP })],
  'Uint8Array.from': [SMALL, (keep) => Uint8Array.from(keep.array ??= Array.from({ length: SMALL }, () => 7))],
  'Uint8Array.of': [65536, (keep) => Uint8Array.of(...(keep.array ??= Array.from({ length: 65536 }, () => 1)))],
  'typedArray.slice': [STEP, (keep) => (keep.source ??= new Uint8Array(STEP)).slice()],
  'typedArray.map': [STEP, (keep) => (keep.source ??= new Uint8Array(STEP)).map((v) => v + 1)],
  /* filter collects what it keeps on the heap first (8 bytes an element), so its source is small. */
  'typedArray.filter': [SMALL, (keep) => (keep.source ??= new Uint8Array(SMALL)).filter(() => true)],
  'typedArray.toReversed': [STEP, (keep) => (keep.source ??= new Uint8Array(STEP)).toReversed()],
  'typedArray.toSorted': [STEP, (keep) => (keep.source ??= new Uint8Array(STEP)).toSorted()],
  'typedArray.with': [STEP, (keep) => (keep.source ??= new Uint8Array(STEP)).with(0, 1)],
  'typedArray.slice, species undefined': [STEP, (keep) => {
    if (keep.source === undefined) {
      keep.source = new Uint8Array(STEP);
      Object.defineProperty(keep.source, 'constructor', { value: undefined });
    }
    return keep.source.slice();
  }],
  'typedArray.map, species of a subclass': [STEP, (keep) => {
    keep.source ??= new (class Mine extends Uint8Array {})(STEP);
    return keep.source.map((v) => v);
  }],
  'typedArray.map, callback allocating while the engine constructs': [STEP, (keep) => {
    if (keep.source === undefined) {
      keep.source = new Uint8Array(STEP / 2);
      Object.defineProperty(keep.source, 'constructor', { value: undefined });
    }
    let extra;
    const mapped = keep.source.map((v, i) => { if (i === 0) extra = new Uint8Array(STEP / 2); return v; });
    return [mapped, extra];
  }],
  'ArrayBuffer.prototype.slice': [STEP, (keep) => (keep.source ??= new ArrayBuffer(STEP)).slice(0)],
  'ArrayBuffer.prototype.slice, species undefined': [STEP, (keep) => {
    if (keep.source === undefined) {
      keep.source = new ArrayBuffer(STEP);
      Object.defineProperty(keep.source, 'constructor', { value: undefined });
    }
    return keep.source.slice(0);
  }],
  'ArrayBuffer.prototype.transfer': [STEP, () => new ArrayBuffer(16).transfer(STEP)],
  'resizable ArrayBuffer resize': [STEP, () => {
    const buffer = new ArrayBuffer(0, { maxByteLength: STEP });
    buffer.resize(STEP);
    return buffer;
  }],
  'ArrayBuffer via typedArray.buffer.constructor': [STEP, () => new (new Uint8Array(8).buffer.constructor)(STEP)],
  'Uint8Array via the prototype chain': [STEP, () => new (Object.getPrototypeOf(new Uint8Array(8)).constructor)(STEP)],
  'SharedArrayBuffer via a dataspace': [STEP, (keep) => new (keep.dataspace.buffer.constructor)(STEP)],
  'SharedArrayBuffer.prototype.slice': [STEP, (keep) => (keep.shared ??= new (keep.dataspace.buffer.constructor)(STEP)).slice(0)],
  'growable SharedArrayBuffer grow': [STEP, (keep) => {
    const buffer = new (keep.dataspace.buffer.constructor)(0, { maxByteLength: STEP });
    buffer.grow(STEP);
    return buffer;
  }],
  'TextEncoder.encode': [STEP, (keep) => new TextEncoder().encode(keep.text ??= 'x'.repeat(STEP))],
  'TextEncoder.encode, 3-byte characters': [STEP, (keep) => new TextEncoder().encode(keep.text ??= '\u20ac'.repeat(STEP / 3))],
  'subclass of Uint8Array': [STEP, () => new (class Big extends Uint8Array {})(STEP)],
  'Reflect.construct with another new target': [STEP, () => Reflect.construct(Uint8Array, [STEP], class Other {})],
  'WebAssembly instance with its own memory': [STEP, async (keep) => webAssemblyFacade.instantiate(keep.module ??= await compileWasm(MEMORY_MODULE), {})],
  'WebAssembly module with a memory it does not export': [STEP, async () => compileWasm(HIDDEN_MEMORY_MODULE)],
};

import { Pd, compileWasm, webAssemblyFacade } from 'nido';

export async function construct(env) {
  /* Asked synchronously while the component holds what it got, so that no measurement comes between. */
  const pd = env.syncClient(Pd, env.pdCap);
  const quota = pd.quota().ram.quota;
  const dataspace = await env.pd.alloc(4096);
  const names = Object.keys(paths);
  let failed = 0;
  for (const name of names) {
    const [size, step] = paths[name];
    let keep = { dataspace };
    let held = [];
    let outcome;
    try {
      for (let i = 0; i < 2 * quota / size; i++) held.push(await step(keep, env));
      outcome = `FAILED: held ${held.length} steps of ${size} bytes without a refusal`;
    } catch (error) {
      if (error instanceof TypeError && /lacks ArrayBuffer.prototype.transfer/.test(error.message)) {
        outcome = 'not on this engine';
      /* The first 256 KiB of buffers are the PD's base (docs/quotas.md): what it held may exceed the quota by that. */
      } else outcome = error instanceof RangeError && held.length * size <= quota + 256 * 1024
        ? `refused after ${held.length} steps: ${error.message}`
        : `FAILED after ${held.length} steps: ${error?.name}: ${error?.message}`;
    }
    const { used } = pd.quota().ram;
    /* The first 256 KiB of buffers are the PD's base (docs/quotas.md). */
    if (outcome.startsWith('refused') && used < held.length * size - 256 * 1024) {
      outcome = `FAILED: held ${held.length} steps of ${size} bytes but used is only ${used}`;
    }
    /*
     * What it let go of can be had again. Not so a WebAssembly instance's
     * memory: the engine keeps instances alive beyond the job that dropped
     * them, and the meter charges what lives.
     */
    held = keep = undefined;
    await env.flushLog();
    if (!name.startsWith('WebAssembly')) {
      try {
        new ArrayBuffer(quota / 2);
      } catch (error) {
        outcome = `FAILED: what it held did not come back: ${error.message}`;
      }
    }
    if (outcome.startsWith('FAILED')) failed++;
    env.log(`path ${name}: ${outcome}`);
  }
  env.log(`paths: ${names.length}, failed: ${failed}`);
}
