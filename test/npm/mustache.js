import Mustache from 'mustache';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`mustache ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const view = { name: 'Ann', items: [{ n: 1 }, { n: 2 }], none: [], html: '<b>&</b>', upper: () => (text, render) => render(text).toUpperCase() };
  expect('render', Mustache.render('Hi {{name}}! {{#items}}[{{n}}]{{/items}}{{^none}}(none){{/none}} {{html}} {{{html}}} {{#upper}}x{{name}}{{/upper}}', view),
    'Hi Ann! [1][2](none) &lt;b&gt;&amp;&lt;&#x2F;b&gt; <b>&</b> XANN');
  expect('partials', Mustache.render('<ul>{{#items}}{{> item}}{{/items}}</ul>', view, { item: '<li>{{n}}</li>' }), '<ul><li>1</li><li>2</li></ul>');
  expect('dotted/missing', Mustache.render('{{a.b.c}}|{{missing}}|{{a.b}}', { a: { b: { c: 3 } } }), '3||[object Object]');
  expect('parse', Mustache.parse('a {{b}} {{#c}}d{{/c}}').map((t) => t[0]), ['text', 'name', 'text', '#']);
  let error = null;
  try { Mustache.render('{{#open}}x', {}); } catch (e) { error = e.message; }
  expect('unclosed', error, 'Unclosed section "open" at 10');
  env.log('ok mustache');
  env.exit(0);
}
