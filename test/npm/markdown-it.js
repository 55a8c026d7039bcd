import MarkdownIt from 'markdown-it';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`markdown-it ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const md = new MarkdownIt({ linkify: true, typographer: true });
  expect('render', md.render('# Title\n\nSome *em* and **strong** -- "quoted".\n\n1. one\n2. see https://example.com\n'),
    '<h1>Title</h1>\n<p>Some <em>em</em> and <strong>strong</strong> – “quoted”.</p>\n<ol>\n<li>one</li>\n<li>see <a href="https://example.com">https://example.com</a></li>\n</ol>\n');
  expect('escape html', new MarkdownIt().render('<script>x</script> & `<b>`'), '<p>&lt;script&gt;x&lt;/script&gt; &amp; <code>&lt;b&gt;</code></p>\n');
  expect('inline', md.renderInline('~~s~~ _e_'), '<s>s</s> <em>e</em>');
  expect('tokens', md.parse('> quote', {}).map((t) => t.type), ['blockquote_open', 'paragraph_open', 'inline', 'paragraph_close', 'blockquote_close']);
  expect('unsafe link', new MarkdownIt().render('[x](javascript:alert(1))'), '<p>[x](javascript:alert(1))</p>\n');
  env.log('ok markdown-it');
  env.exit(0);
}
