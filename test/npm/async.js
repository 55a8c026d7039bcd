import async from 'async';

function expect(what, got, want) {
  /* Keys sorted: parallel's result object fills in completion order. */
  const canon = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
  const g = canon(got), w = canon(want);
  if (g !== w) throw new Error(`async ${what}: got ${g}, want ${w}`);
}

const later = (value, ms) => new Promise((resolve) => setTimeout(() => resolve(value), ms));

export async function construct(env) {
  let running = 0, peak = 0;
  const squares = await async.mapLimit([5, 1, 4, 2, 3], 2, async (n) => { peak = Math.max(peak, ++running); await later(0, n); running--; return n * n; });
  expect('mapLimit', [squares, peak], [[25, 1, 16, 4, 9], 2]);
  const seq = await async.waterfall([(cb) => cb(null, 2), (n, cb) => cb(null, n + 3), async (n) => n * 10]);
  expect('waterfall', seq, 50);
  expect('parallel', await async.parallel({ a: (cb) => setTimeout(() => cb(null, 'A'), 5), b: async () => later('B', 1) }), { a: 'A', b: 'B' });
  const order = [];
  const q = async.queue(async (task) => { await later(0, 1); order.push(task); }, 1);
  q.push(['x', 'y']);
  q.unshift('first');
  await q.drain();
  expect('queue', order, ['first', 'x', 'y']);
  expect('auto', await async.auto({ a: async () => 1, b: ['a', async (r) => r.a + 1], c: ['a', 'b', async (r) => r.a + r.b] }), { a: 1, b: 2, c: 3 });
  let error = null;
  await async.eachSeries([1, 2, 3], async (n) => { if (n === 2) throw new Error('stop at 2'); }).catch((e) => { error = e.message; });
  expect('error', error, 'stop at 2');
  env.log('ok async');
  env.exit(0);
}
