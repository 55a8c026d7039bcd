import * as pako from 'pako';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`pako ${what}: got ${g}, want ${w}`);
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (s) => Uint8Array.from(s.match(/../g), (h) => parseInt(h, 16));

export function construct(env) {
  /* zlib's own output for "hello" (zlib.deflateSync('hello') in Node). */
  expect('inflate known', pako.inflate(fromHex('789ccb48cdc9c90700062c0215'), { toText: true }), 'hello');
  expect('deflate known', hex(pako.deflate('hello')), '789ccb48cdc9c90700062c0215');
  expect('deflateRaw', hex(pako.deflateRaw('hello')), 'cb48cdc9c90700');
  const text = 'nido '.repeat(2000) + Array.from({ length: 500 }, (_, i) => i * i).join(',');
  const packed = pako.gzip(text, { level: 9 });
  expect('gzip header', [packed[0], packed[1], packed.length < text.length / 4], [0x1f, 0x8b, true]);
  expect('gzip round trip', pako.ungzip(packed, { toText: true }) === text, true);
  const inflator = new pako.Inflate();
  const z = pako.deflate(text);
  for (let i = 0; i < z.length; i += 100) inflator.push(z.subarray(i, i + 100), i + 100 >= z.length);
  expect('streaming', [inflator.err, new TextDecoder().decode(inflator.result) === text], [0, true]);
  let error = null;
  try { pako.inflate(new Uint8Array([1, 2, 3, 4])); } catch (e) { error = String(e.message ?? e); }
  expect('corrupt', error, 'incorrect header check');
  env.log('ok pako');
  env.exit(0);
}
