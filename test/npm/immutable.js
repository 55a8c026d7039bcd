import { fromJS, is, List, Map, Record, Set } from 'immutable';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`immutable ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const state = fromJS({ user: { name: 'ann', tags: ['a'] }, count: 1 });
  const next = state.setIn(['user', 'name'], 'bob').updateIn(['user', 'tags'], (t) => t.push('b')).update('count', (n) => n + 1);
  expect('setIn/updateIn', [next.toJS(), state.toJS()], [{ user: { name: 'bob', tags: ['a', 'b'] }, count: 2 }, { user: { name: 'ann', tags: ['a'] }, count: 1 }]);
  expect('sharing', [state.getIn(['user', 'tags']) === next.getIn(['user', 'tags']), state.get('user') === next.get('user')], [false, false]);
  expect('value equality', [is(Map({ a: List([1, 2]) }), Map({ a: List([1, 2]) })), Map({ a: 1 }).hashCode() === Map({ a: 1 }).hashCode()], [true, true]);
  expect('Set', Set([3, 1, 3, 2]).union([4]).sort().toArray(), [1, 2, 3, 4]);
  expect('seq', List.of(1, 2, 3, 4, 5).filter((n) => n % 2).map((n) => n * 10).reduce((a, b) => a + b), 90);
  const Point = Record({ x: 0, y: 0 });
  const p = new Point({ x: 3 });
  expect('Record', [p.x, p.y, p.set('y', 4).toJS(), is(p, new Point({ x: 3, y: 0 }))], [3, 0, { x: 3, y: 4 }, true]);
  const big = Map({ k: {} });
  expect('object keys', Map([[big, 'v']]).get(big), 'v');
  env.log('ok immutable');
  env.exit(0);
}
