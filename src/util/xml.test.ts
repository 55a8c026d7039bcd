import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XmlNode, XmlParseError, escapeXmlAttribute, escapeXmlText, parseXml } from './xml.js';

/* The node or a failed assertion, so tests need no non-null assertions. */
function present(node: XmlNode | undefined, what = 'node'): XmlNode {
  assert.ok(node !== undefined, `${what} missing`);
  return node;
}

/* The XmlParseError thrown for `text`. */
function parseError(text: string, source?: string): XmlParseError {
  try {
    parseXml(text, source === undefined ? {} : { source });
  } catch (error) {
    assert.ok(error instanceof XmlParseError, `expected XmlParseError, got ${String(error)}`);
    return error;
  }
  assert.fail(`parsed malformed document ${JSON.stringify(text)}`);
}

test('parses the root node, its type and attributes in document order', () => {
  const root = parseXml('<config verbose="yes" prio_levels="4"><start name="a"/></config>');
  assert.ok(root instanceof XmlNode);
  assert.equal(root.type, 'config');
  assert.deepEqual(root.attributes, [['verbose', 'yes'], ['prio_levels', '4']]);
  assert.equal(root.hasAttribute('verbose'), true);
  assert.equal(root.hasAttribute('name'), false);
  assert.equal(root.attribute('prio_levels'), '4');
  assert.equal(root.attribute('absent'), undefined);
});

test('attributes: single quotes, entities and character references are decoded', () => {
  const node = parseXml(`<a s='x "y"' e="&lt;&amp;&gt;&quot;&apos;" c="&#65;&#x42;&#10;"/>`);
  assert.equal(node.attribute('s'), 'x "y"');
  assert.equal(node.attribute('e'), `<&>"'`);
  assert.equal(node.attribute('c'), 'AB\n');
});

test('stringAttribute falls back only when the attribute is absent', () => {
  const node = parseXml('<a name="" label="x"/>');
  assert.equal(node.stringAttribute('label', 'd'), 'x');
  assert.equal(node.stringAttribute('name', 'd'), '', 'an empty value is a value');
  assert.equal(node.stringAttribute('absent', 'd'), 'd');
});

test('boolAttribute: yes/true/on, no/false/off, anything else the default (spec/init.md §1.1)', () => {
  const node = parseXml('<a y="yes" t="true" o="on" n="no" f="false" x="off" cap="Yes" one="1" empty="" blank=" yes"/>');
  for (const name of ['y', 't', 'o']) {
    assert.equal(node.boolAttribute(name, false), true, name);
    assert.equal(node.boolAttribute(name, true), true, name);
  }
  for (const name of ['n', 'f', 'x']) {
    assert.equal(node.boolAttribute(name, true), false, name);
    assert.equal(node.boolAttribute(name, false), false, name);
  }
  for (const name of ['cap', 'one', 'empty', 'blank', 'absent']) {
    assert.equal(node.boolAttribute(name, true), true, name);
    assert.equal(node.boolAttribute(name, false), false, name);
  }
});

test('numBytesAttribute: sizes with K/M/G, default when absent or malformed', () => {
  const node = parseXml('<a ram="16M" k="8K" g="1G" plain="4096" bad="16MB" neg="-1" empty=""/>');
  assert.equal(node.numBytesAttribute('ram', 0), 16 * 1024 * 1024);
  assert.equal(node.numBytesAttribute('k', 0), 8192);
  assert.equal(node.numBytesAttribute('g', 0), 1024 ** 3);
  assert.equal(node.numBytesAttribute('plain', 0), 4096);
  assert.equal(node.numBytesAttribute('bad', 7), 7);
  assert.equal(node.numBytesAttribute('neg', 7), 7);
  assert.equal(node.numBytesAttribute('empty', 7), 7);
  assert.equal(node.numBytesAttribute('absent', 7), 7);
});

test('naturalAttribute: unsigned decimals only', () => {
  const node = parseXml('<a n="42" z="0" lead="007" neg="-1" plus="+1" frac="1.5" hex="0x10" exp="1e3" word="many" empty="" big="99999999999999999999"/>');
  assert.equal(node.naturalAttribute('n', 9), 42);
  assert.equal(node.naturalAttribute('z', 9), 0);
  assert.equal(node.naturalAttribute('lead', 9), 7);
  for (const name of ['neg', 'plus', 'frac', 'hex', 'exp', 'word', 'empty', 'big', 'absent']) {
    assert.equal(node.naturalAttribute(name, 9), 9, name);
  }
});

test('integerAttribute: optionally signed decimals', () => {
  const node = parseXml('<a n="42" neg="-17" plus="+5" zero="-0" frac="-1.5" word="x" empty="" big="-99999999999999999999"/>');
  assert.equal(node.integerAttribute('n', 9), 42);
  assert.equal(node.integerAttribute('neg', 9), -17);
  assert.equal(node.integerAttribute('plus', 9), 5);
  assert.equal(node.integerAttribute('zero', 9), 0, '"-0" is plain 0');
  for (const name of ['frac', 'word', 'empty', 'big', 'absent']) {
    assert.equal(node.integerAttribute(name, 9), 9, name);
  }
});

test('children(type), child(type) and hasChild find sub nodes in document order', () => {
  const root = parseXml('<config><start name="a"/><alias name="x"/><start name="b"><config/></start></config>');
  assert.deepEqual(root.children().map((node) => node.type), ['start', 'alias', 'start']);
  assert.deepEqual(root.children('start').map((node) => node.attribute('name')), ['a', 'b']);
  assert.deepEqual(root.children('absent'), []);
  assert.equal(present(root.child('start')).attribute('name'), 'a', 'child is the first of its type');
  assert.equal(root.child('absent'), undefined);
  assert.equal(root.hasChild('alias'), true);
  assert.equal(root.hasChild('config'), false, 'only direct sub nodes count');
  assert.equal(present(root.children('start')[1]).hasChild('config'), true);
  /* children returns a copy: changing it does not change the node */
  root.children().length = 0;
  assert.equal(root.children().length, 3);
});

test('raw() is the exact source text of the node, whitespace included', () => {
  const text = '<?xml version="1.0"?>\n<!-- a <comment> -->\n<config  a = \'1\' >\n\t<start name="x" >\n\t\t<config>  hi &amp; <![CDATA[<raw>]]> </config>\n\t</start >\n\t<empty   />\n</config >\n';
  const root = parseXml(text);
  assert.equal(root.raw(), text.slice(text.indexOf('<config'), text.lastIndexOf('>') + 1));
  const start = present(root.child('start'));
  assert.equal(start.raw(), '<start name="x" >\n\t\t<config>  hi &amp; <![CDATA[<raw>]]> </config>\n\t</start >');
  assert.equal(present(start.child('config')).raw(), '<config>  hi &amp; <![CDATA[<raw>]]> </config>');
  assert.equal(present(root.child('empty')).raw(), '<empty   />');
});

test('content() is the exact inner text, "" for an empty node', () => {
  const root = parseXml('<a>\n\t<b>x &lt; y</b>\n\t<c/>\n\t<d></d>\n</a>');
  assert.equal(root.content(), '\n\t<b>x &lt; y</b>\n\t<c/>\n\t<d></d>\n');
  assert.equal(present(root.child('b')).content(), 'x &lt; y');
  assert.equal(present(root.child('c')).content(), '');
  assert.equal(present(root.child('d')).content(), '');
});

test('text() is the decoded text of the node itself, sub nodes left out', () => {
  const root = parseXml('<a>one &amp; <b>inner</b>two<![CDATA[ <three> ]]></a>');
  assert.equal(root.text(), 'one & two <three> ');
  assert.equal(present(root.child('b')).text(), 'inner');
  assert.equal(parseXml('<a/>').text(), '');
  assert.equal(parseXml('<a>\r\nx\r\n</a>').text(), '\nx\n', 'line ends are normalised as XML demands');
  assert.equal(parseXml('<a>\r\nx\r\n</a>').content(), '\r\nx\r\n', 'but content stays as written');
});

test('raw() and content() are exact with non-ASCII text and emoji', () => {
  const text = '<päck name="grüße 😀">\n\t<ü>naïve 🧪 text ✓</ü>\n\t<e a="🇩🇪"/>\n</päck>';
  const root = parseXml(text);
  assert.equal(root.type, 'päck');
  assert.equal(root.raw(), text);
  assert.equal(root.attribute('name'), 'grüße 😀');
  const inner = present(root.child('ü'));
  assert.equal(inner.raw(), '<ü>naïve 🧪 text ✓</ü>');
  assert.equal(inner.content(), 'naïve 🧪 text ✓');
  assert.equal(inner.text(), 'naïve 🧪 text ✓');
  assert.equal(present(root.child('e')).raw(), '<e a="🇩🇪"/>');
  assert.equal(present(root.child('e')).attribute('a'), '🇩🇪');
});

test('nodes know their line and column (1-based)', () => {
  const root = parseXml('<config>\n\t<start name="a"/>\n  <start name="b">\n    <config/></start>\n</config>');
  assert.deepEqual([root.line, root.column], [1, 1]);
  const [a, b] = root.children('start');
  assert.deepEqual([present(a).line, present(a).column], [2, 2]);
  assert.deepEqual([present(b).line, present(b).column], [3, 3]);
  const inner = present(present(b).child('config'));
  assert.deepEqual([inner.line, inner.column], [4, 5]);
  const late = parseXml('\n\n   <x/>');
  assert.deepEqual([late.line, late.column], [3, 4]);
});

test('columns count characters: an emoji is one column', () => {
  const root = parseXml('<a>😀<b/>é<c/>\n🧪🧪<d/></a>');
  assert.deepEqual(root.children().map((node) => [node.line, node.column]), [[1, 5], [1, 10], [2, 3]]);
});

test('"\\r\\n" and a lone "\\r" end lines as they do for the parser', () => {
  const root = parseXml('<a>\r\n<b/>\r<c/>\r\n\r\n  <d/></a>');
  assert.deepEqual(root.children().map((node) => [node.line, node.column]), [[2, 1], [3, 1], [5, 3]]);
  assert.equal(present(root.child('c')).raw(), '<c/>');
});

test('positions stay right when a "<" stands in a comment, a CDATA section or an attribute', () => {
  const text = '<a x=">"><!-- <b> --><![CDATA[ < ]]><b y="&lt;>"/><?pi <x?><c/></a>';
  const root = parseXml(text);
  const b = present(root.child('b'));
  assert.equal(b.raw(), '<b y="&lt;>"/>');
  assert.equal(b.column, text.indexOf('<b y') + 1);
  assert.equal(present(root.child('c')).column, text.indexOf('<c/>') + 1);
});

test('parse errors name source, line and column', () => {
  const error = parseError('<config>\n\t<start name=hello/>\n</config>', 'boot/config');
  assert.equal(error.name, 'XmlParseError');
  assert.equal(error.source, 'boot/config');
  assert.equal(error.line, 2);
  assert.equal(error.column, 14);
  assert.match(error.reason, /unquoted attribute value/);
  assert.equal(error.message, `boot/config:2:14: ${error.reason}`);
  assert.equal(parseError('<a').source, 'xml', 'the default source name');
});

test('an empty document is an error at 1:1', () => {
  for (const text of ['', '   ', '<?xml version="1.0"?>', '<!-- nothing -->']) {
    const error = parseError(text, 'empty');
    assert.equal(error.line, 1, JSON.stringify(text));
    assert.ok(error.column >= 1, `columns are 1-based: ${error.message}`);
    assert.match(error.reason, /root/);
  }
  assert.equal(parseError('').column, 1);
});

test('an unclosed tag is reported where it was opened', () => {
  const error = parseError('<config>\n\t<start name="a">\n\t\t<route/>\n</config>\n', 'cfg');
  /* </config> closes <start>, which saxes reports as a mismatch */
  assert.deepEqual([error.line, error.column], [4, 1]);
  assert.equal(error.reason, 'unexpected close tag </config> (expected </start>, opened at line 2)');
  const open = parseError('<a>\n  <b>\n    <c/>\n');
  assert.deepEqual([open.line, open.column], [2, 3]);
  assert.equal(open.reason, 'unclosed tag <b>');
  assert.equal(parseError('<a>').reason, 'unclosed tag <a>');
});

test('mismatched tags are reported at the close tag, naming both tags', () => {
  const error = parseError('<a>\n  <b></c>\n</a>');
  assert.deepEqual([error.line, error.column], [2, 6]);
  assert.equal(error.reason, 'unexpected close tag </c> (expected </b>, opened at line 2)');
  assert.equal(parseError('<a></b>').reason, 'unexpected close tag </b> (expected </a>, opened at line 1)');
  const boot = parseError('<config>\n  <start name="a">\n  </strat>\n</config>\n', 'config');
  assert.equal(boot.message, 'config:3:3: unexpected close tag </strat> (expected </start>, opened at line 2)');
});

test('bad attribute quoting is an error', () => {
  const unquoted = parseError('<a x=1/>');
  assert.deepEqual([unquoted.line, unquoted.column], [1, 6]);
  const unterminated = parseError('<a>\n <b x="1/>\n</a>');
  assert.ok(unterminated.line >= 2, unterminated.message);
  const atEnd = parseError('<a x="1/>');
  assert.deepEqual([atEnd.line, atEnd.column], [1, 1]);
  assert.match(atEnd.reason, /start tag <a>/);
  assert.match(parseError('<a x="1"y="2"/>').reason, /whitespace between attributes/);
  assert.match(parseError('<a x="1" x="2"/>').reason, /duplicate attribute/);
  assert.ok(parseError('<a x="<"/>') instanceof XmlParseError, 'a "<" in an attribute value');
  assert.ok(parseError('<a x/>') instanceof XmlParseError, 'an attribute without a value');
});

test('other malformed documents: two roots, text outside the root, bad entities, control characters', () => {
  for (const text of ['<a/><b/>', '<a/>text', 'text', '<a>&unknown;</a>', '<a>&amp</a>', '<a>\u0001</a>', '<a x="&#1;"/>', '</a>', '<a><</a>', '<1a/>']) {
    const error = parseError(text);
    assert.ok(error.line >= 1 && error.column >= 1, `${JSON.stringify(text)}: ${error.message}`);
  }
  const control = parseError('<a>\n😀\u0001</a>');
  assert.deepEqual([control.line, control.column], [2, 2], 'error columns count characters too');
});

test('the first error is the one reported', () => {
  const error = parseError('<a x=1>\n<b></c>');
  assert.equal(error.line, 1);
  assert.match(error.reason, /unquoted/);
});

test('positions are right in a long document on one line', () => {
  /* positions are counted incrementally; counting from the start for every node made this quadratic */
  const doc = `<config>${'<start name="c" caps="100"><resource name="RAM" quantum="1M"/></start>'.repeat(5000)}</config>`;
  const root = parseXml(doc);
  const last = present(root.children('start').at(-1));
  assert.equal(last.column, doc.lastIndexOf('<start') + 1);
  assert.equal(last.line, 1);
});

test('escapeXmlAttribute and escapeXmlText escape what a parser would misread', () => {
  assert.equal(escapeXmlAttribute('a "b" <c> & d'), 'a &quot;b&quot; &lt;c> &amp; d');
  assert.equal(escapeXmlAttribute('tab\tnl\ncr\r'), 'tab&#9;nl&#10;cr&#13;');
  assert.equal(escapeXmlAttribute("it's"), "it's");
  assert.equal(escapeXmlText('a < b && c > "d"'), 'a &lt; b &amp;&amp; c &gt; "d"');
  assert.equal(escapeXmlText('line\nnext\ttab\r'), 'line\nnext\ttab&#13;');
  const value = 'all "of" <it> & \t\n\r \' 😀';
  assert.equal(parseXml(`<a v="${escapeXmlAttribute(value)}"/>`).attribute('v'), value);
  assert.equal(parseXml(`<a>${escapeXmlText(value)}</a>`).text(), value);
});

test('characters XML cannot carry become U+FFFD instead of breaking the document', () => {
  assert.equal(escapeXmlText('a\u0000b\u001bc\uffffd'), 'a\ufffdb\ufffdc\ufffdd');
  assert.equal(escapeXmlAttribute('\ud800x'), '\ufffdx', 'a lone surrogate');
  assert.equal(escapeXmlAttribute('😀'), '😀', 'a surrogate pair stays');
  const hostile = 'evil\u001b[2J\u0007label';
  assert.equal(parseXml(`<a v="${escapeXmlAttribute(hostile)}">${escapeXmlText(hostile)}</a>`).attribute('v'), 'evil\ufffd[2J\ufffdlabel');
});
