import { deflateSync, gunzipSync, gzipSync, inflateSync, strFromU8, strToU8, unzipSync, unzlibSync, zipSync } from 'fflate';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`fflate ${what}: got ${g}, want ${w}`);
}

const fromHex = (s) => Uint8Array.from(s.match(/../g), (h) => parseInt(h, 16));

export function construct(env) {
  /* zlib's own output for "hello" (zlib.deflateSync('hello') in Node). */
  expect('unzlib known', strFromU8(unzlibSync(fromHex('789ccb48cdc9c90700062c0215'))), 'hello');
  expect('inflate raw known', strFromU8(inflateSync(fromHex('cb48cdc9c90700'))), 'hello');
  const text = 'nido '.repeat(2000) + 'héllo wörld ✓';
  const gz = gzipSync(strToU8(text), { level: 9, mtime: 0 });
  expect('gzip', [gz[0], gz[1], gz.length < 200, strFromU8(gunzipSync(gz)) === text], [0x1f, 0x8b, true, true]);
  expect('deflate', strFromU8(inflateSync(deflateSync(strToU8(text)))) === text, true);
  const zip = zipSync({ 'a.txt': strToU8('alpha'), 'dir/b.txt': strToU8(text) }, { mtime: new Date(Date.UTC(2024, 0, 1)) });
  const files = unzipSync(zip);
  expect('zip', [Object.keys(files).sort(), strFromU8(files['a.txt']), strFromU8(files['dir/b.txt']) === text], [['a.txt', 'dir/b.txt'], 'alpha', true]);
  let error = null;
  try { unzlibSync(new Uint8Array([1, 2, 3, 4])); } catch (e) { error = e.message; }
  expect('corrupt', error, 'invalid zlib data');
  env.log('ok fflate');
  env.exit(0);
}
