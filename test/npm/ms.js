import ms from 'ms';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`ms ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  expect('parse', [ms('2 days'), ms('1h'), ms('1.5m'), ms('100'), ms('-3s'), ms('1y')], [172800000, 3600000, 90000, 100, -3000, 31557600000]);
  expect('format short', [ms(60000), ms(3600000 * 5), ms(999), ms(2.5 * 86400000)], ['1m', '5h', '999ms', '3d']);
  expect('format long', [ms(120000, { long: true }), ms(1000, { long: true })], ['2 minutes', '1 second']);
  expect('bad input', ms('abc'), undefined);
  let threw = false;
  try { ms(''); } catch { threw = true; }
  expect('empty throws', threw, true);
  env.log('ok ms');
  env.exit(0);
}
