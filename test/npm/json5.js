import JSON5 from 'json5';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`json5 ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const doc = JSON5.parse(`{
    // a comment
    unquoted: 'single',
    hex: 0xFF, lead: .5, plus: +1,
    list: [1, 2, 3,],
    /* block */ "multi": "a\\
b",
  }`);
  expect('parse', doc, { unquoted: 'single', hex: 255, lead: 0.5, plus: 1, list: [1, 2, 3], multi: 'ab' });
  expect('Infinity/NaN', [JSON5.parse('Infinity'), Number.isNaN(JSON5.parse('NaN'))], [null, true]);
  expect('stringify', JSON5.stringify({ a: 1, 'b-c': "it's", d: [Infinity] }), `{a:1,'b-c':"it's",d:[Infinity]}`);
  let error = null;
  try { JSON5.parse('{a: 1,, }'); } catch (e) { error = [e.name, e.lineNumber, e.columnNumber]; }
  expect('bad json5', error, ['SyntaxError', 1, 7]);
  env.log('ok json5');
  env.exit(0);
}
