// Holds memory one way (its config's `way`) in steps of 4 MiB for as long
// as its RAM account pays, and keeps asking after refusals: 60 attempts,
// 20 ms apart. Then it logs what it holds and what was refused, and keeps
// holding it. The `heap` way cannot be refused (plain objects): that hog
// is ended when its heap outgrows the quota.
import { Timer } from 'nido';

const STEP = 4 * 1024 * 1024;

const HALF = STEP / 2;

/* way: [bytes a step holds, the step]; slice and map copy a source of their own, so they step by 2 MiB. */
const ways = {
  ArrayBuffer: [STEP, () => new ArrayBuffer(STEP)],
  Uint8Array: [STEP, () => new Uint8Array(STEP)],
  'Uint8Array.from': [STEP, () => Uint8Array.from({ length: STEP })],
  'typedArray.slice': [HALF, (keep) => (keep.source ??= new Uint8Array(HALF)).slice()],
  'typedArray.map': [HALF, (keep) => (keep.source ??= new Uint8Array(HALF)).map((v) => v)],
  'buffer.constructor': [STEP, () => new (new Uint8Array(8).buffer.constructor)(STEP)],
  'ArrayBuffer.prototype.resize': [STEP, () => {
    const buffer = new ArrayBuffer(0, { maxByteLength: STEP });
    buffer.resize(STEP);
    return buffer;
  }],
  'TextEncoder.encode': [HALF, (keep) => new TextEncoder().encode(keep.text ??= 'x'.repeat(HALF))],
  SharedArrayBuffer: [STEP, (keep) => new (keep.dataspace.buffer.constructor)(STEP)],
  heap: [STEP, (keep) => Array.from({ length: STEP / 8 }, (_, i) => i + keep.round)],
};

export async function construct(env) {
  const way = (await env.config()).xml.attribute('way');
  if (!(way in ways)) throw new Error(`unknown way "${way}"`);
  const [size, step] = ways[way];
  const timer = await env.connect(Timer);
  const keep = { dataspace: await env.pd.alloc(4096), round: 0 };
  const held = [];
  let refused = 0;
  let last = '';
  for (; keep.round < 60; keep.round++) {
    try {
      held.push(step(keep));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      refused++;
      last = error.message;
    }
    await timer.client.msleep(20);
  }
  const { ram } = await env.pd.quota();
  env.log(`held ${held.length * size / (1024 * 1024)} MiB, refused ${refused} times, used ${ram.used} of ${ram.quota}`);
  env.log(`last refusal: ${last}`);
  for (;;) await timer.client.msleep(60_000);
}
