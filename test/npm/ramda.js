import * as R from 'ramda';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`ramda ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const bills = [{ who: 'ann', amount: 5, paid: true }, { who: 'bob', amount: 7, paid: false }, { who: 'ann', amount: 3, paid: true }, { who: 'bob', amount: 2, paid: true }];
  const totals = R.pipe(R.filter(R.whereEq({ paid: true })), R.groupBy(R.prop('who')), R.map(R.pipe(R.pluck('amount'), R.sum)));
  expect('pipe/groupBy', totals(bills), { ann: 8, bob: 2 });
  const add3 = R.curry((a, b, c) => a + b + c);
  expect('curry', [add3(1)(2)(3), add3(1, 2)(3), add3(R.__, 2, 3)(1)], [6, 6, 6]);
  const state = { user: { name: 'ann', visits: 1 } };
  const next = R.over(R.lensPath(['user', 'visits']), R.inc, state);
  expect('lens', [next.user.visits, state.user.visits], [2, 1]);
  expect('evolve', R.evolve({ a: R.toUpper, b: { c: R.negate } }, { a: 'x', b: { c: 4 }, d: 1 }), { a: 'X', b: { c: -4 }, d: 1 });
  expect('sortWith', R.sortWith([R.descend(R.prop('amount'))], bills).map(R.prop('amount')), [7, 5, 3, 2]);
  expect('equals', R.equals({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
  env.log('ok ramda');
  env.exit(0);
}
