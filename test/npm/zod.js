import { z } from 'zod';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`zod ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const User = z.object({
    name: z.string().min(1),
    age: z.number().int().nonnegative(),
    email: z.email(),
    role: z.enum(['admin', 'user']).default('user'),
    tags: z.array(z.string()).max(3),
  });
  const good = User.safeParse({ name: 'ann', age: 31, email: 'ann@example.com', tags: ['a'] });
  expect('good', good, { success: true, data: { name: 'ann', age: 31, email: 'ann@example.com', role: 'user', tags: ['a'] } });
  const bad = User.safeParse({ name: '', age: -1, email: 'nope', role: 'root', tags: ['a', 'b', 'c', 'd'] });
  expect('bad paths', bad.success ? [] : bad.error.issues.map((i) => i.path.join('.')).sort(), ['age', 'email', 'name', 'role', 'tags']);
  const Point = z.tuple([z.coerce.number(), z.coerce.number()]).transform(([x, y]) => ({ x, y }));
  expect('coerce/transform', Point.parse(['1.5', '2']), { x: 1.5, y: 2 });
  const Shape = z.discriminatedUnion('kind', [z.object({ kind: z.literal('circle'), r: z.number() }), z.object({ kind: z.literal('square'), s: z.number() })]);
  expect('union', [Shape.safeParse({ kind: 'square', s: 2 }).success, Shape.safeParse({ kind: 'square', r: 2 }).success], [true, false]);
  env.log('ok zod');
  env.exit(0);
}
