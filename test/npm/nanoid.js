import { customAlphabet, customRandom, nanoid, urlAlphabet } from 'nanoid';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`nanoid ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const ids = new Set(Array.from({ length: 1000 }, () => nanoid()));
  const allUrlSafe = [...ids].every((id) => id.length === 21 && [...id].every((c) => urlAlphabet.includes(c)));
  expect('nanoid', [ids.size, allUrlSafe, nanoid(8).length], [1000, true, 8]);
  expect('customAlphabet', /^[abc]{10}$/.test(customAlphabet('abc', 10)()), true);
  /* With a fixed byte source the id is fixed: bytes 0x00,0x11,…,0x77 masked to the 16-letter alphabet, last first. */
  const fixed = customRandom('0123456789abcdef', 8, (size) => Uint8Array.from({ length: size }, (_, i) => i * 17));
  expect('customRandom', fixed(), '76543210');
  env.log('ok nanoid');
  env.exit(0);
}
