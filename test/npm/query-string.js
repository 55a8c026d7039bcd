import queryString from 'query-string';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`query-string ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  expect('parse', { ...queryString.parse('?foo=bar&n=1&n=2&flag&e=%F0%9F%90%A6', { parseNumbers: true }) }, { e: '🐦', flag: null, foo: 'bar', n: [1, 2] });
  expect('parse bracket', { ...queryString.parse('a[]=1&a[]=2&b=true', { arrayFormat: 'bracket', parseBooleans: true }) }, { a: ['1', '2'], b: true });
  expect('stringify', queryString.stringify({ z: 1, a: ['x', 'y'], s: 'a b', skip: undefined, n: null }), 'a=x&a=y&n&s=a%20b&z=1');
  expect('stringify comma', queryString.stringify({ a: [1, 2] }, { arrayFormat: 'comma' }), 'a=1,2');
  const parsed = queryString.parseUrl('https://example.com/p?x=1#frag', { parseFragmentIdentifier: true });
  expect('parseUrl', [parsed.url, { ...parsed.query }, parsed.fragmentIdentifier], ['https://example.com/p', { x: '1' }, 'frag']);
  expect('stringifyUrl', queryString.stringifyUrl({ url: 'https://example.com/?a=1', query: { b: 2 } }), 'https://example.com/?a=1&b=2');
  env.log('ok query-string');
  env.exit(0);
}
