import _ from 'lodash';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`lodash ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const people = [{ name: 'ann', age: 31, team: 'a' }, { name: 'bob', age: 25, team: 'b' }, { name: 'cy', age: 40, team: 'a' }];
  expect('groupBy', _.mapValues(_.groupBy(people, 'team'), (ps) => ps.map((p) => p.name)), { a: ['ann', 'cy'], b: ['bob'] });
  expect('sortBy', _.sortBy(people, 'age').map((p) => p.name), ['bob', 'ann', 'cy']);
  expect('merge', _.merge({ a: { x: 1, list: [1] } }, { a: { y: 2, list: [undefined, 3] } }), { a: { x: 1, list: [1, 3], y: 2 } });
  expect('chain', _.chain([1, 2, 3, 4, 5, 6]).filter((n) => n % 2 === 0).map((n) => n * n).sum().value(), 56);
  expect('set/get', _.get(_.set({}, 'a[0].b.c', 7), ['a', '0', 'b', 'c']), 7);
  const copy = _.cloneDeep(people);
  expect('cloneDeep', [_.isEqual(copy, people), copy[0] === people[0]], [true, false]);
  expect('kebabCase', _.kebabCase('Hello World_fooBar'), 'hello-world-foo-bar');
  expect('chunk/zip', _.zip(..._.chunk([1, 2, 3, 4], 2)), [[1, 3], [2, 4]]);
  env.log('ok lodash');
  env.exit(0);
}
