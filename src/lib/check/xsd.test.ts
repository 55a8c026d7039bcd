import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, type XmlNode } from '../../util/xml.js';
import { SCHEMAS, componentSchema } from './schemas/index.js';
import { toXsd } from './xsd.js';

function types(xsd: XmlNode): Map<string, XmlNode> {
  return new Map(xsd.children('xs:complexType').map((type) => [type.attribute('name') ?? '', type]));
}

test('every schema is a well-formed XSD whose element types are all declared', () => {
  for (const schema of SCHEMAS) {
    const xsd = parseXml(toXsd(schema), { source: `${schema.name}.xsd` });
    assert.equal(xsd.type, 'xs:schema', schema.name);
    const declared = types(xsd);
    const used = [...toXsd(schema).matchAll(/<xs:element name="[^"]*" type="([^"]*)"/g)].map((match) => match[1] as string);
    for (const type of used) assert.ok(declared.has(type), `${schema.name}: type ${type} used, not declared`);
  }
});

test('init\'s XSD: <start> with its attributes, required name, sizes and enumerations; an inline config left open', () => {
  const init = componentSchema('init');
  assert.ok(init !== undefined);
  const all = types(parseXml(toXsd(init)));
  const start = all.get('init.config.start');
  assert.ok(start !== undefined);
  const name = start.children('xs:attribute').find((a) => a.attribute('name') === 'name');
  assert.equal(name?.attribute('use'), 'required');
  assert.equal(start.children('xs:attribute').find((a) => a.attribute('name') === 'ram')?.attribute('type'), 'size');
  const config = all.get('init.config.start.config');
  assert.equal(config?.attribute('mixed'), 'true');
  assert.ok(config?.hasChild('xs:anyAttribute'));
  const resource = all.get('init.config.resource');
  const values = resource?.children('xs:attribute').find((a) => a.attribute('name') === 'name')?.child('xs:simpleType')?.child('xs:restriction')?.children('xs:enumeration').map((e) => e.attribute('value'));
  assert.deepEqual(values, ['RAM', 'CAP']);
});

test('a recursive element (a VFS <dir>) is one named type that refers to itself', () => {
  const vfs = componentSchema('vfs');
  assert.ok(vfs !== undefined);
  const all = types(parseXml(toXsd(vfs)));
  const dir = all.get('vfs.config.vfs.dir');
  assert.ok(dir !== undefined);
  const inner = dir.child('xs:choice')?.children('xs:element').find((e) => e.attribute('name') === 'dir');
  assert.equal(inner?.attribute('type'), 'vfs.config.vfs.dir');
});
