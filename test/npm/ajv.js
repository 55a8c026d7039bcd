import Ajv from 'ajv';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`ajv ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const ajv = new Ajv({ allErrors: true, useDefaults: true });
  const validate = ajv.compile({
    type: 'object',
    properties: {
      id: { type: 'integer', minimum: 1 },
      name: { type: 'string', pattern: '^[a-z]+$' },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      mode: { enum: ['r', 'rw'], default: 'r' },
    },
    required: ['id', 'name'],
    additionalProperties: false,
  });
  const good = { id: 3, name: 'ann', tags: ['x', 'y'] };
  expect('good', [validate(good), good.mode], [true, 'r']);
  expect('bad', validate({ id: 0, name: 'Ann', tags: ['x', 'x'], extra: 1 }), false);
  expect('errors', validate.errors.map((e) => `${e.instancePath || '/'} ${e.keyword}`).sort(), ['/ additionalProperties', '/id minimum', '/name pattern', '/tags uniqueItems']);
  expect('missing', [validate({ name: 'ann' }), validate.errors[0].params.missingProperty], [false, 'id']);
  env.log('ok ajv');
  env.exit(0);
}
