import { DomUtils, Parser, parseDocument } from 'htmlparser2';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`htmlparser2 ${what}: got ${g}, want ${w}`);
}

const html = '<!doctype html><html><body><h1 class="t">Hi &amp; bye</h1><ul><li><a href="/a">A</a><li><a href="/b">B</a></ul><p>unclosed<br>text</body></html>';

export function construct(env) {
  const dom = parseDocument(html);
  const links = DomUtils.findAll((el) => el.name === 'a', dom.children);
  expect('links', links.map((a) => [a.attribs.href, DomUtils.textContent(a)]), [['/a', 'A'], ['/b', 'B']]);
  expect('text', DomUtils.textContent(DomUtils.findOne((el) => el.name === 'h1', dom.children)), 'Hi & bye');
  expect('implied close', DomUtils.getElementsByTagName('li', dom).length, 2);
  const events = [];
  const parser = new Parser({
    onopentag: (name, attrs) => events.push(`<${name}${attrs.id ? '#' + attrs.id : ''}>`),
    ontext: (text) => events.push(text),
    onclosetag: (name) => events.push(`</${name}>`),
  }, { xmlMode: true });
  parser.write('<r><x id="1">t</x>');
  parser.end('<y/></r>');
  expect('sax', events, ['<r>', '<x#1>', 't', '</x>', '<y>', '</y>', '</r>']);
  env.log('ok htmlparser2');
  env.exit(0);
}
