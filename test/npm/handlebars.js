import Handlebars from 'handlebars';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`handlebars ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const hb = Handlebars.create();
  hb.registerHelper('shout', (s) => String(s).toUpperCase() + '!');
  hb.registerHelper('sum', (...args) => args.slice(0, -1).reduce((a, b) => a + b, 0));
  hb.registerPartial('item', '<li>{{@index}}:{{name}}{{#if done}} ✓{{/if}}</li>');
  const template = hb.compile('<h1>{{shout title}}</h1><ul>{{#each items}}{{> item}}{{/each}}</ul>{{sum 1 2 3}} {{html}} {{{html}}}{{#unless items.length}}empty{{/unless}}');
  expect('compile', template({ title: 'todo', items: [{ name: 'a', done: true }, { name: 'b' }], html: '<i>&</i>' }),
    '<h1>TODO!</h1><ul><li>0:a ✓</li><li>1:b</li></ul>6 &lt;i&gt;&amp;&lt;/i&gt; <i>&</i>');
  expect('with/lookup', hb.compile('{{#with user}}{{first}} {{lookup ../roles role}}{{/with}}')({ user: { first: 'Ann', role: 0 }, roles: ['admin'] }), 'Ann admin');
  hb.registerHelper('link', function (url, options) { return new hb.SafeString(`<a href="${hb.escapeExpression(url)}">${options.fn(this)}</a>`); });
  expect('block helper', hb.compile('{{#link url}}go{{/link}}')({ url: '/a?b="c"' }), '<a href="/a?b&#x3D;&quot;c&quot;">go</a>');
  let error = null;
  try { hb.compile('{{#if x}}open')({}); } catch (e) { error = e.message.split('\n')[0]; }
  expect('bad template', error, 'Parse error on line 1:');
  env.log('ok handlebars');
  env.exit(0);
}
