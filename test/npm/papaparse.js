import Papa from 'papaparse';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`papaparse ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const csv = 'name,age,note\nann,31,"likes ""quotes"", commas"\nbob,25,\n';
  const result = Papa.parse(csv, { header: true, dynamicTyping: true, skipEmptyLines: true });
  expect('parse', [result.data, result.errors, result.meta.fields], [
    [{ name: 'ann', age: 31, note: 'likes "quotes", commas' }, { name: 'bob', age: 25, note: null }], [], ['name', 'age', 'note'],
  ]);
  expect('delimiter', Papa.parse('a;b\n1;2').data, [['a', 'b'], ['1', '2']]);
  expect('unparse', Papa.unparse([{ a: 1, b: 'x,y' }, { a: 2, b: 'z' }]), 'a,b\r\n1,"x,y"\r\n2,z');
  const bad = Papa.parse('a,b\n1,"unterminated\n', { header: true });
  expect('bad csv', bad.errors.map((e) => e.code), ['MissingQuotes']);
  env.log('ok papaparse');
  env.exit(0);
}
