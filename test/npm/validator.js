import validator from 'validator';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`validator ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  expect('isEmail', [validator.isEmail('ann@example.com'), validator.isEmail('ann@'), validator.isEmail('a b@example.com')], [true, false, false]);
  expect('isURL', [validator.isURL('https://example.com/a?b=1'), validator.isURL('http://'), validator.isURL('ftp://x.org', { protocols: ['http', 'https'] })], [true, false, false]);
  expect('isIP', [validator.isIP('192.168.1.1', 4), validator.isIP('256.1.1.1'), validator.isIP('::1', 6)], [true, false, true]);
  expect('isUUID', [validator.isUUID('fdda765f-fc57-5604-a269-52a7df8164ec', 5), validator.isUUID('fdda765f-fc57-5604-a269', 5)], [true, false]);
  expect('isISO8601', [validator.isISO8601('2024-02-29T12:00:00Z', { strict: true }), validator.isISO8601('2023-02-29', { strict: true })], [true, false]);
  expect('isCreditCard', [validator.isCreditCard('4111111111111111'), validator.isCreditCard('4111111111111112')], [true, false]);
  expect('escape', validator.escape('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;&#x2F;a&gt;');
  expect('normalizeEmail', validator.normalizeEmail('Ann.Lee+news@GoogleMail.com'), 'annlee@gmail.com');
  env.log('ok validator');
  env.exit(0);
}
