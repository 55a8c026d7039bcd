import qs from 'qs';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`qs ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  expect('parse nested', qs.parse('a[b][c]=1&list[]=x&list[]=y&s=%C3%A9t%C3%A9+ok'), { a: { b: { c: '1' } }, list: ['x', 'y'], s: 'été ok' });
  expect('parse dots', qs.parse('a.b=1&a.c=2', { allowDots: true }), { a: { b: '1', c: '2' } });
  expect('parse prefix', qs.parse('?x=1&y', { ignoreQueryPrefix: true }), { x: '1', y: '' });
  expect('stringify', qs.stringify({ a: { b: 1 }, arr: [1, 2], s: 'a b&c' }, { encodeValuesOnly: true }), 'a[b]=1&arr[0]=1&arr[1]=2&s=a%20b%26c');
  expect('stringify brackets', qs.stringify({ arr: ['x', 'y'] }, { arrayFormat: 'brackets', encode: false }), 'arr[]=x&arr[]=y');
  expect('depth limit', qs.parse('a[b][c][d][e][f][g]=1', { depth: 2 }), { a: { b: { c: { '[d][e][f][g]': '1' } } } });
  expect('no proto pollution', [Object.keys(qs.parse('__proto__[x]=1')), ({}).x], [[], undefined]);
  env.log('ok qs');
  env.exit(0);
}
