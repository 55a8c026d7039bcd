import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidXmlName, XmlGenerator } from './xml_generator.js';
import { parseXml, type XmlNode } from './xml.js';

/* A node's structure: type, attributes, text (without whitespace-only text) and sub nodes. */
interface Shape {
  type: string;
  attributes: [string, string][];
  text: string;
  children: Shape[];
}

function shape(node: XmlNode): Shape {
  return {
    type: node.type,
    attributes: node.attributes,
    text: node.children().length > 0 && node.text().trim() === '' ? '' : node.text(),
    children: node.children().map(shape),
  };
}

test('an empty root node is closed with "/>" and the document ends with a newline', () => {
  assert.equal(XmlGenerator.generate('state', () => undefined), '<state/>\n');
});

test('sub nodes go on lines of their own, indented by tabs', () => {
  const xml = XmlGenerator.generate('state', (g) => {
    g.attribute('version', 'v1');
    g.node('ram', (r) => {
      r.attribute('quota', '14M');
    });
    g.node('child', (c) => {
      c.attribute('name', 'server');
      c.node('requested', (r) => {
        r.node('session', (s) => s.attribute('service', 'LOG'));
      });
    });
    g.node('alias');
  });
  assert.equal(xml, [
    '<state version="v1">',
    '\t<ram quota="14M"/>',
    '\t<child name="server">',
    '\t\t<requested>',
    '\t\t\t<session service="LOG"/>',
    '\t\t</requested>',
    '\t</child>',
    '\t<alias/>',
    '</state>',
    '',
  ].join('\n'));
});

test('attributes keep their order; numbers as written, booleans as yes/no', () => {
  const xml = XmlGenerator.generate('caps', (g) => {
    g.attribute('quota', 1900);
    g.attribute('used', 0);
    g.attribute('negative', -3);
    g.attribute('enabled', true);
    g.attribute('verbose', false);
  });
  assert.equal(xml, '<caps quota="1900" used="0" negative="-3" enabled="yes" verbose="no"/>\n');
  const root = parseXml(xml);
  assert.equal(root.naturalAttribute('quota', 0), 1900);
  assert.equal(root.boolAttribute('enabled', false), true);
  assert.equal(root.boolAttribute('verbose', true), false);
});

test('text-only nodes stay on one line', () => {
  const xml = XmlGenerator.generate('state', (g) => {
    g.node('session', (s) => {
      s.attribute('service', 'LOG');
      s.node('args', (a) => a.appendText('label="server", ram_quota=8192, cap_quota=2'));
    });
  });
  assert.equal(xml, '<state>\n\t<session service="LOG">\n\t\t<args>label="server", ram_quota=8192, cap_quota=2</args>\n\t</session>\n</state>\n');
  assert.equal(XmlGenerator.generate('a', (g) => g.appendText('x')), '<a>x</a>\n');
});

test('attribute values are escaped and come back unchanged', () => {
  const value = 'init -> "quoted" <tag> & more\ttab\nnewline\rreturn \'single\' 😀';
  const xml = XmlGenerator.generate('session', (g) => g.attribute('label', value));
  assert.equal(xml, '<session label="init -> &quot;quoted&quot; &lt;tag> &amp; more&#9;tab&#10;newline&#13;return \'single\' 😀"/>\n');
  assert.equal(parseXml(xml).attribute('label'), value);
});

test('text is escaped and comes back unchanged, even in indented nodes', () => {
  const text = 'line one\nline two\n\tindented <b> & "q"\r\nend';
  const xml = XmlGenerator.generate('root', (g) => {
    g.node('outer', (o) => o.node('inner', (i) => i.appendText(text)));
  });
  assert.equal(xml, '<root>\n\t<outer>\n\t\t<inner>line one\nline two\n\tindented &lt;b&gt; &amp; "q"&#13;\nend</inner>\n\t</outer>\n</root>\n');
  assert.equal(present(present(parseXml(xml).child('outer')).child('inner')).text(), text);
});

test('text between sub nodes stays where it was added', () => {
  const xml = XmlGenerator.generate('root', (g) => {
    g.appendText('before');
    g.node('a');
    g.appendText('after');
  });
  assert.equal(xml, '<root>before\n\t<a/>after\n</root>\n');
  const root = parseXml(xml);
  assert.equal(root.text(), 'before\n\tafter\n');
  assert.equal(root.children().length, 1);
});

test('raw XML is copied byte for byte on a line of its own', () => {
  const config = '<config verbose="yes">\n    <x>keep\n  this</x>  &amp; <![CDATA[<y>]]>\n</config>';
  const xml = XmlGenerator.generate('start', (g) => {
    g.attribute('name', 'a');
    g.node('route');
    g.appendRaw(config);
  });
  assert.equal(xml, `<start name="a">\n\t<route/>\n\t${config}\n</start>\n`);
  const copied = present(parseXml(xml).child('config'));
  assert.equal(copied.raw(), config);
  assert.equal(present(copied.child('x')).text(), 'keep\n  this');
});

test('raw XML in a nested node is not re-indented', () => {
  const raw = '<policy label="x">\n\tline\n</policy>';
  const xml = XmlGenerator.generate('config', (g) => g.node('service', (s) => s.appendRaw(raw)));
  assert.equal(xml, `<config>\n\t<service>\n\t\t${raw}\n\t</service>\n</config>\n`);
  assert.equal(present(present(parseXml(xml).child('service')).child('policy')).raw(), raw);
});

test('raw text that is no node stays inline', () => {
  assert.equal(XmlGenerator.generate('a', (g) => g.appendRaw('x &amp; y')), '<a>x &amp; y</a>\n');
});

test('output parses back to the same structure', () => {
  const xml = XmlGenerator.generate('state', (g) => {
    g.attribute('version', 'v7 "beta"');
    g.node('ram', (n) => {
      n.attribute('quota', '14M');
      n.attribute('used', '1200K');
    });
    for (const name of ['server', 'client -> 0', 'weird <&> name']) {
      g.node('child', (c) => {
        c.attribute('name', name);
        c.node('requested', (r) => {
          r.node('session', (s) => {
            s.attribute('label', `${name} -> log`);
            s.node('args', (a) => a.appendText(`label="${name}", ram_quota=8K`));
          });
        });
        c.node('provided');
      });
    }
  });
  const expected: Shape = {
    type: 'state',
    attributes: [['version', 'v7 "beta"']],
    text: '',
    children: [
      { type: 'ram', attributes: [['quota', '14M'], ['used', '1200K']], text: '', children: [] },
      ...['server', 'client -> 0', 'weird <&> name'].map((name): Shape => ({
        type: 'child',
        attributes: [['name', name]],
        text: '',
        children: [
          {
            type: 'requested',
            attributes: [],
            text: '',
            children: [{
              type: 'session',
              attributes: [['label', `${name} -> log`]],
              text: '',
              children: [{ type: 'args', attributes: [], text: `label="${name}", ram_quota=8K`, children: [] }],
            }],
          },
          { type: 'provided', attributes: [], text: '', children: [] },
        ],
      })),
    ],
  };
  assert.deepEqual(shape(parseXml(xml)), expected);
});

test('names XML cannot carry and repeated attributes are rejected', () => {
  assert.throws(() => XmlGenerator.generate('a b', () => undefined), InvalidXmlName);
  assert.throws(() => XmlGenerator.generate('', () => undefined), InvalidXmlName);
  assert.throws(() => XmlGenerator.generate('a', (g) => g.node('<x>')), InvalidXmlName);
  assert.throws(() => XmlGenerator.generate('a', (g) => g.attribute('x="1" y', 1)), InvalidXmlName);
  assert.throws(() => XmlGenerator.generate('a', (g) => g.attribute('1x', 1)), InvalidXmlName);
  assert.throws(() => XmlGenerator.generate('a', (g) => {
    g.attribute('name', 'x');
    g.attribute('name', 'y');
  }), /given twice/);
  assert.equal(XmlGenerator.generate('default-policy', (g) => g.attribute('label_prefix', 'x')), '<default-policy label_prefix="x"/>\n');
});

function present(node: XmlNode | undefined): XmlNode {
  assert.ok(node !== undefined, 'node missing');
  return node;
}
