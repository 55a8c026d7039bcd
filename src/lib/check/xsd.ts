/*
 * A component's config schema as an XML Schema (XSD 1.0) for editors:
 * VS Code's XML extension (lemminx) completes elements and attributes,
 * shows their documentation and underlines what the schema does not
 * know, as `nido check` would warn (docs/cli.md, "nido schema").
 *
 *   process.stdout.write(toXsd(componentSchema('init')));
 */

import { escapeXmlAttribute, escapeXmlText } from '../../util/xml.js';
import type { AttributeSchema, ComponentSchema, ElementSchema, ValueType } from './schema.js';

/* Simple types by name; patterns are XSD's (anchored) regular expressions. */
const SIMPLE_TYPES: Readonly<Record<string, { readonly doc: string; readonly facets: string }>> = {
  name: { doc: 'A name: not empty, no blanks at its ends.', facets: '<xs:pattern value="\\S(.*\\S)?"/>' },
  label: { doc: 'A session label or part of one (at most 159 characters).', facets: '<xs:maxLength value="159"/>' },
  number: { doc: 'An unsigned decimal.', facets: '<xs:pattern value="\\s*[0-9]+\\s*"/>' },
  integer: { doc: 'An optionally signed decimal.', facets: '<xs:pattern value="\\s*[\\-+]?[0-9]+\\s*"/>' },
  size: { doc: 'A size in bytes with an optional K, M or G suffix: 512K, 4M.', facets: '<xs:pattern value="\\s*[0-9]+[KMG]?\\s*"/>' },
  boolean: { doc: 'yes or no (true/false, on/off too).', facets: ['yes', 'no', 'true', 'false', 'on', 'off'].map((v) => `<xs:enumeration value="${v}"/>`).join('') },
  colour: { doc: 'A colour: #rrggbb or #rgb.', facets: '<xs:pattern value="#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}"/>' },
  path: { doc: 'An absolute path.', facets: '<xs:pattern value="/.*"/>' },
};

function documentation(doc: string, indent: string): string {
  return `${indent}<xs:annotation><xs:documentation>${escapeXmlText(doc)}</xs:documentation></xs:annotation>\n`;
}

function typeReference(type: ValueType): string | undefined {
  switch (type.kind) {
    case 'string': return 'xs:string';
    case 'enum': return undefined;
    default: return type.kind;
  }
}

function attributeXsd(attribute: AttributeSchema, indent: string): string {
  const use = attribute.required === undefined ? '' : ' use="required"';
  const doc = attribute.fallback === undefined ? attribute.doc : `${attribute.doc} (default: ${attribute.fallback === '' ? '""' : attribute.fallback})`;
  const reference = typeReference(attribute.type);
  if (reference !== undefined) {
    return `${indent}<xs:attribute name="${escapeXmlAttribute(attribute.name)}" type="${reference}"${use}>\n${documentation(doc, `${indent}  `)}${indent}</xs:attribute>\n`;
  }
  const values = attribute.type.kind === 'enum' ? attribute.type.values : [];
  return `${indent}<xs:attribute name="${escapeXmlAttribute(attribute.name)}"${use}>\n${documentation(doc, `${indent}  `)}`
    + `${indent}  <xs:simpleType><xs:restriction base="xs:string">${values.map((v) => `<xs:enumeration value="${escapeXmlAttribute(v)}"/>`).join('')}</xs:restriction></xs:simpleType>\n`
    + `${indent}</xs:attribute>\n`;
}

/** Names of the complex types, one per element schema (elements of one name differ by place: `<service>` in a route, in `<parent-provides>`). */
class TypeNames {
  readonly #names = new Map<ElementSchema, string>();
  readonly #used = new Set<string>();
  readonly pending: ElementSchema[] = [];

  name(schema: ElementSchema, context: string): string {
    const known = this.#names.get(schema);
    if (known !== undefined) return known;
    const base = `${context === '' ? '' : `${context}.`}${schema.name}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    let name = base;
    for (let n = 2; this.#used.has(name); n++) name = `${base}.${n}`;
    this.#names.set(schema, name);
    this.#used.add(name);
    this.pending.push(schema);
    return name;
  }

  get(schema: ElementSchema): string {
    return this.#names.get(schema) ?? schema.name;
  }
}

function complexType(schema: ElementSchema, names: TypeNames): string {
  const name = names.get(schema);
  const open = schema.content !== 'elements';
  let body = `  <xs:complexType name="${escapeXmlAttribute(name)}"${open ? ' mixed="true"' : ''}>\n`;
  body += documentation(schema.doc, '    ');
  const children = schema.children();
  if (open) {
    body += '    <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>\n';
  } else if (children.length > 0) {
    body += '    <xs:choice minOccurs="0" maxOccurs="unbounded">\n';
    for (const child of children) {
      body += `      <xs:element name="${escapeXmlAttribute(child.name)}" type="${escapeXmlAttribute(names.name(child, name))}"/>\n`;
    }
    body += '    </xs:choice>\n';
  }
  for (const attribute of schema.attributes) body += attributeXsd(attribute, '    ');
  if (schema.anyAttributes) body += '    <xs:anyAttribute processContents="skip"/>\n';
  body += '  </xs:complexType>\n';
  return body;
}

/** The XSD of `component`'s config: the root element `config` and a named type per element. */
export function toXsd(component: ComponentSchema): string {
  const names = new TypeNames();
  const root = names.name(component.config, component.name);
  const types: string[] = [];
  for (let index = 0; index < names.pending.length; index++) types.push(complexType(names.pending[index] as ElementSchema, names));
  const simple = Object.entries(SIMPLE_TYPES).map(([name, { doc, facets }]) =>
    `  <xs:simpleType name="${name}">\n${documentation(doc, '    ')}    <xs:restriction base="xs:string">${facets}</xs:restriction>\n  </xs:simpleType>\n`).join('');
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<!-- The config of ${escapeXmlText(component.name)}: ${escapeXmlText(component.summary)}. Made by \`nido schema ${escapeXmlText(component.name)}\` (docs/check.md). -->\n`
    + '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">\n'
    + `  <xs:element name="config" type="${escapeXmlAttribute(root)}">\n${documentation(component.config.doc, '    ')}  </xs:element>\n`
    + simple + types.join('') + '</xs:schema>\n';
}
