import { NIL, parse, stringify, v3, v4, v5, v7, validate, version } from 'uuid';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`uuid ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  /* The name-based values are the ones in uuid's README. */
  expect('v5', v5('hello.example.com', v5.DNS), 'fdda765f-fc57-5604-a269-52a7df8164ec');
  expect('v3', v3('hello.example.com', v3.DNS), '9125a8dc-52ee-365b-a5aa-81b0b3681cf6');
  const a = v4(), b = v4();
  expect('v4', [validate(a), version(a), a === b], [true, 4, false]);
  const t = v7();
  expect('v7', [validate(t), version(t)], [true, 7]);
  const bytes = parse('6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b');
  expect('parse/stringify', [bytes.length, bytes[0], bytes[15], stringify(bytes)], [16, 0x6e, 0x0b, '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b']);
  expect('validate', [validate(NIL), validate('not-a-uuid'), validate('6ec0bd7f-11c0-43da-975e-2a8ad9ebae0')], [true, false, false]);
  env.log('ok uuid');
  env.exit(0);
}
