import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`fast-xml-parser ${what}: got ${g}, want ${w}`);
}

const xml = '<?xml version="1.0"?><config version="2"><start name="timer" ram="1M"/><start name="init"><arg>a &amp; b</arg><arg>7</arg></start></config>';

export function construct(env) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', ignoreDeclaration: true, isArray: (name) => name === 'start' });
  const doc = parser.parse(xml);
  expect('parse', doc, { config: { start: [{ '@name': 'timer', '@ram': '1M' }, { arg: ['a & b', 7], '@name': 'init' }], '@version': '2' } });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });
  const out = builder.build({ root: { '@id': 'r', item: ['x', 'y'], empty: '' } });
  expect('build', out, '<root id="r"><item>x</item><item>y</item><empty/></root>');
  expect('round trip', parser.parse(builder.build(doc)), doc);
  expect('validate good', XMLValidator.validate(xml), true);
  const bad = XMLValidator.validate('<a><b></a>');
  expect('validate bad', [bad.err.code, bad.err.line], ['InvalidTag', 1]);
  env.log('ok fast-xml-parser');
  env.exit(0);
}
