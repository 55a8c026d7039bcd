// The global scope of a component, exercised: each check logs
// "check NAME: ok" or "check NAME: FAILED (why)"; the test knows the names.

const checks = [];
const check = (name, run) => checks.push([name, run]);
const equal = (actual, expected, what) => {
  if (actual !== expected) throw new Error(`${what}: ${String(actual)} instead of ${String(expected)}`);
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

check('the Timer session is opened on first use and paid by the component', async (env) => {
  const before = await env.pd.quota();
  Date.now();
  const after = await env.pd.quota();
  const paid = before.ram.avail - after.ram.avail;
  if (paid < 8192) throw new Error(`the session moved ${paid} bytes`);
  equal(before.caps.avail - after.caps.avail >= 2, true, 'caps paid');
});
check('typed arrays', () => {
  const f = new Float64Array([1.5, 2.25]);
  equal(new Float32Array(f)[1], 2.25, 'Float32Array');
  equal(f.reduce((a, b) => a + b), 3.75, 'Float64Array');
});
check('Intl', () => {
  equal(new Intl.NumberFormat('en-US').format(1234567.891), '1,234,567.891', 'NumberFormat');
  equal(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(new Date(0)), 'January 1970', 'DateTimeFormat');
  equal(new Intl.PluralRules('en-US').select(1), 'one', 'PluralRules');
});
check('Intl now', () => {
  const year = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric' }).format();
  equal(year, String(new Date().getUTCFullYear()), 'the year of now');
});
check('Intl objects are paid from the RAM quota', async () => {
  /* Each DateTimeFormat holds about 30 KiB outside the heap: a 4 MiB component cannot hold thousands. */
  const held = [];
  let refusal;
  try {
    for (let i = 0; i < 100_000; i++) held.push(new Intl.DateTimeFormat('en-US', { dateStyle: 'full' }));
  } catch (error) {
    refusal = error;
  }
  if (refusal === undefined) throw new Error(`${held.length} DateTimeFormats held without a refusal`);
  equal(refusal instanceof RangeError, true, 'a RangeError');
  if (!/^DateTimeFormat: 32768 bytes refused: the RAM quota of /.test(refusal.message)) throw new Error(refusal.message);
  if (held.length < 10 || held.length > 130) throw new Error(`${held.length} held`);
  held.length = 0;
  /* The meter looked at them in this task, which keeps them alive until it ends (WeakRef): free from the next on. */
  await sleep(10);
  const segments = [...new Intl.Segmenter('en', { granularity: 'word' }).segment('client pays')].map((s) => s.segment);
  equal(segments.join('|'), 'client| |pays', 'Segmenter');
});
check('WeakRef and FinalizationRegistry', () => {
  const target = {};
  equal(new WeakRef(target).deref(), target, 'deref');
  new FinalizationRegistry(() => undefined).register(target, 1);
});
check('Date', () => {
  const now = Date.now();
  if (!(now > Date.UTC(2024, 0, 1))) throw new Error(`Date.now() is ${now}`);
  const date = new Date();
  if (Math.abs(date.getTime() - now) > 60_000) throw new Error('new Date() far from Date.now()');
  equal(typeof Date(), 'string', 'Date()');
  equal(new Date(0).toISOString(), '1970-01-01T00:00:00.000Z', 'new Date(0)');
  equal(new Date(2020, 1, 29).getDate(), 29, 'new Date(y, m, d)');
  equal(Date.UTC(2000, 0, 1), 946684800000, 'Date.UTC');
  equal(Date.parse('2000-01-01T00:00:00Z'), 946684800000, 'Date.parse');
  equal(date instanceof Date, true, 'instanceof');
  class Later extends Date {}
  equal(new Later(5).getTime(), 5, 'subclass');
});
check('Math.random', () => {
  const values = new Set(Array.from({ length: 100 }, () => Math.random()));
  if (values.size < 100 || [...values].some((v) => v < 0 || v >= 1)) throw new Error('not random in [0, 1)');
});
check('performance', async () => {
  const a = performance.now();
  await sleep(20);
  const b = performance.now();
  if (!(b - a >= 19)) throw new Error(`20 ms sleep measured as ${b - a} ms`);
  if (Math.abs(performance.timeOrigin + b - Date.now()) > 1000) throw new Error('timeOrigin + now is not the wall clock');
});
check('setTimeout order', async () => {
  const order = [];
  setTimeout(() => order.push('c'), 30);
  setTimeout(() => order.push('a'), 0);
  setTimeout((x, y) => order.push(x + y), 10, 'b', '!');
  const cancelled = setTimeout(() => order.push('never'), 5);
  clearTimeout(cancelled);
  await sleep(60);
  equal(order.join(' '), 'a b! c', 'order');
});
check('setTimeout 0 does not starve', async () => {
  let spins = 0;
  let other = false;
  const spin = () => { if (++spins < 50 && !other) setTimeout(spin, 0); };
  setTimeout(spin, 0);
  setTimeout(() => { other = true; }, 0);
  await sleep(30);
  equal(other, true, 'the other timeout ran');
  if (spins >= 50) throw new Error('the spinning timeout starved the other');
});
check('setInterval', async () => {
  let ticks = 0;
  const id = setInterval(() => { ticks++; if (ticks === 3) clearInterval(id); }, 5);
  await sleep(80);
  equal(ticks, 3, 'ticks until cleared');
});
check('AbortSignal.timeout', async () => {
  const signal = AbortSignal.timeout(10);
  equal(signal.aborted, false, 'aborted at once');
  await sleep(40);
  equal(signal.aborted, true, 'aborted after 10 ms');
  equal(signal.reason.name, 'TimeoutError', 'reason');
});
check('AbortController and events', () => {
  const controller = new AbortController();
  let heard = '';
  controller.signal.addEventListener('abort', (event) => { heard = event.type; });
  controller.abort();
  equal(heard, 'abort', 'abort event');
  const target = new EventTarget();
  target.addEventListener('ping', (event) => { heard = `${event.type} ${event instanceof Event}`; });
  target.dispatchEvent(new Event('ping'));
  equal(heard, 'ping true', 'EventTarget');
  equal(new DOMException('x', 'NotFoundError').code, 8, 'DOMException code');
});
check('structuredClone', () => {
  const value = { date: new Date(0), map: new Map([[1, { deep: [1, 2] }]]), bytes: new Uint8Array([1, 2]) };
  const copy = structuredClone(value);
  equal(copy.map.get(1).deep[1], 2, 'deep');
  equal(copy.date.getTime(), 0, 'date');
  equal(copy.bytes[1], 2, 'bytes');
  equal(copy.map === value.map, false, 'copied');
});
check('atob and btoa', () => {
  equal(btoa('Genode'), 'R2Vub2Rl', 'btoa');
  equal(atob('R2Vub2Rl'), 'Genode', 'atob');
});
check('URL', () => {
  const url = new URL('../b?x=1#f', 'https://genode.org/a/c');
  equal(url.href, 'https://genode.org/b?x=1#f', 'href');
  equal(new URLSearchParams('a=1&b=2&a=3').getAll('a').join(), '1,3', 'URLSearchParams');
});
check('crypto', async () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  if (bytes.every((b) => b === 0)) throw new Error('no randomness');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID())) throw new Error('randomUUID');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')));
  equal([...digest.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(''), 'ba7816bf', 'SHA-256');
});
check('Blob and streams', async () => {
  const blob = new Blob(['Hello, ', 'Nido'], { type: 'text/plain' });
  equal(await blob.text(), 'Hello, Nido', 'Blob.text');
  const upper = blob.stream().pipeThrough(new TextDecoderStream()).pipeThrough(new TransformStream({
    transform(chunk, controller) { controller.enqueue(chunk.toUpperCase()); },
  }));
  let text = '';
  for await (const chunk of upper) text += chunk;
  equal(text, 'HELLO, NIDO', 'piped');
  const packed = new Blob(['x'.repeat(1000)]).stream().pipeThrough(new CompressionStream('gzip'));
  const unpacked = await byteLength(packed.pipeThrough(new DecompressionStream('gzip')));
  equal(unpacked, 1000, 'gzip round trip');
});
/* Reads a byte stream to its length (no Response without fetch). */
async function byteLength(stream) {
  let length = 0;
  for await (const chunk of stream) length += chunk.length;
  return length;
}
check('queueMicrotask and console', async () => {
  let ran = false;
  queueMicrotask(() => { ran = true; });
  await null;
  equal(ran, true, 'microtask');
  console.assert(true, 'never logged');
  console.count('visits');
});
check('navigator', () => equal(navigator.userAgent, 'Nido', 'userAgent'));
check('no fetch until the network issue', () => equal(typeof fetch, 'undefined', 'fetch'));

export async function construct(env) {
  let failed = 0;
  for (const [name, run] of checks) {
    try {
      await run(env);
      env.log(`check ${name}: ok`);
    } catch (error) {
      failed++;
      env.log(`check ${name}: FAILED (${error?.message ?? error})`);
    }
  }
  env.log(`checks: ${checks.length}, failed: ${failed}`);
  env.exit(failed === 0 ? 0 : 1);
}
