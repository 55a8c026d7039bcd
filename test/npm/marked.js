import { Marked, marked } from 'marked';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`marked ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const html = marked.parse('# Title\n\nSome *em*, **strong** and `a<b`.\n\n- one\n- [link](https://example.com "t")\n');
  expect('parse', html, '<h1>Title</h1>\n<p>Some <em>em</em>, <strong>strong</strong> and <code>a&lt;b</code>.</p>\n<ul>\n<li>one</li>\n<li><a href="https://example.com" title="t">link</a></li>\n</ul>\n');
  expect('gfm table', marked.parse('| a | b |\n|---|--:|\n| 1 | 2 |\n'), '<table>\n<thead>\n<tr>\n<th>a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>\n<td align="right">2</td>\n</tr>\n</tbody></table>\n');
  expect('inline', marked.parseInline('~~gone~~ _x_'), '<del>gone</del> <em>x</em>');
  expect('lexer', marked.lexer('## H\n\ntext').filter((t) => t.type !== 'space').map((t) => t.type + (t.depth ?? '')), ['heading2', 'paragraph']);
  const custom = new Marked({ renderer: { heading({ tokens, depth }) { return `<h${depth + 1}>${this.parser.parseInline(tokens)}</h${depth + 1}>\n`; } } });
  expect('extension', custom.parse('# *Up*'), '<h2><em>Up</em></h2>\n');
  env.log('ok marked');
  env.exit(0);
}
