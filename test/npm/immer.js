import { applyPatches, enablePatches, produce, produceWithPatches } from 'immer';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`immer ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  enablePatches();
  const base = { todos: [{ id: 1, done: false }, { id: 2, done: false }], meta: { owner: 'ann' } };
  const next = produce(base, (draft) => {
    draft.todos[1].done = true;
    draft.todos.push({ id: 3, done: false });
  });
  expect('result', next.todos, [{ id: 1, done: false }, { id: 2, done: true }, { id: 3, done: false }]);
  expect('base untouched', base.todos.length, 2);
  expect('structural sharing', [next.meta === base.meta, next.todos[0] === base.todos[0], next.todos[1] === base.todos[1]], [true, true, false]);
  expect('frozen', [Object.isFrozen(next), Object.isFrozen(next.todos[2])], [true, true]);
  expect('no-op', produce(base, () => {}) === base, true);
  const [after, patches, inverse] = produceWithPatches(base, (draft) => { draft.meta.owner = 'bob'; delete draft.todos[0].done; });
  expect('patches', patches.map((p) => JSON.stringify(p)).sort().map((p) => JSON.parse(p)), [{ op: 'remove', path: ['todos', 0, 'done'] }, { op: 'replace', path: ['meta', 'owner'], value: 'bob' }]);
  expect('applyPatches', [applyPatches(base, patches), applyPatches(after, inverse)], [after, base]);
  env.log('ok immer');
  env.exit(0);
}
