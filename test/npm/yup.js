import { array, number, object, string } from 'yup';

function expect(what, got, want) {
  /* Keys sorted: yup builds cast objects in its own order. */
  const canon = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
  const g = canon(got), w = canon(want);
  if (g !== w) throw new Error(`yup ${what}: got ${g}, want ${w}`);
}

export async function construct(env) {
  const schema = object({
    name: string().trim().required(),
    age: number().integer().min(0).required(),
    email: string().email(),
    tags: array(string()).default([]),
  });
  expect('cast', schema.validateSync({ name: '  ann ', age: '31', email: 'ann@example.com' }), { name: 'ann', age: 31, email: 'ann@example.com', tags: [] });
  let errors = null;
  try {
    await schema.validate({ name: '', age: -2.5, email: 'nope' }, { abortEarly: false });
  } catch (e) {
    errors = e.inner.map((i) => `${i.path}:${i.type}`).sort();
  }
  expect('errors', errors, ['age:integer', 'age:min', 'email:email', 'name:required']);
  expect('isValid', [await schema.isValid({ name: 'x', age: 1 }), schema.isValidSync({ age: 1 })], [true, false]);
  env.log('ok yup');
  env.exit(0);
}
