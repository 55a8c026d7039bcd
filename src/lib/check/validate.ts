/*
 * Checks an XML tree against an element schema: unknown and misspelled
 * attributes and elements, values of the wrong type, missing required
 * ones, singletons given twice. Every finding at once; what the component
 * does with the mistake decides its severity (schema.ts).
 *
 *   validateElement(config, initSchema.config, { file: 'config', findings, nested: () => {} });
 */

import type { XmlNode } from '../../util/xml.js';
import { didYouMean } from './edit_distance.js';
import type { Findings } from './finding.js';
import { attributePlace, nodePlace } from './place.js';
import { typeHint, typeMismatch, type AttributeSchema, type ElementSchema, type NestedConfig } from './schema.js';

export interface ValidationContext {
  readonly file: string;
  readonly findings: Findings;
  /** Who reads the config, for messages ("init", "ram_fs"). */
  readonly reader: string;
  /** A config of another component within the checked one (`schema.nested`). */
  nested(config: NestedConfig): void;
}

/* Attributes editors and XML tools add, which no component reads. */
function foreign(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:') || name.startsWith('xml:');
}

function describeType(schema: AttributeSchema): string {
  return schema.fallback === undefined ? 'its default' : `the default ${schema.fallback === '' ? '("")' : `(${schema.fallback})`}`;
}

function checkAttributes(node: XmlNode, schema: ElementSchema, ctx: ValidationContext): void {
  const known = new Map(schema.attributes.map((a) => [a.name, a]));
  for (const [name, value] of node.attributes) {
    const attribute = known.get(name);
    if (attribute === undefined) {
      if (foreign(name) || schema.anyAttributes) continue;
      const retired = schema.retired.find((r) => r.kind === 'attribute' && r.name === name);
      if (retired !== undefined) {
        const { message, hint } = retired.explain(node);
        ctx.findings.add(retired.severity, attributePlace(ctx.file, node, name), message, hint);
        continue;
      }
      const consequence = schema.unknownAttribute === 'error' ? `${ctx.reader} refuses the config` : `${ctx.reader} ignores it`;
      const hint = didYouMean(name, known.keys()) ?? knownList('attributes', [...known.keys()]);
      ctx.findings.add(schema.unknownAttribute, attributePlace(ctx.file, node, name), `<${node.type}> has no attribute "${name}": ${consequence}`, hint);
      continue;
    }
    const mismatch = typeMismatch(attribute.type, value);
    if (mismatch !== undefined) {
      const consequence = attribute.malformed === 'error' ? `${ctx.reader} refuses it` : `${ctx.reader} uses ${describeType(attribute)}`;
      ctx.findings.add(attribute.malformed, attributePlace(ctx.file, node, name), `${name}="${value}" ${mismatch}: ${consequence}`, typeHint(attribute.type, value));
    }
  }
  for (const attribute of schema.attributes) {
    if (attribute.required === undefined || node.hasAttribute(attribute.name)) continue;
    ctx.findings.add(attribute.required, nodePlace(ctx.file, node), `<${node.type}> lacks the attribute "${attribute.name}" (${attribute.doc})`,
      `write <${node.type} ${attribute.name}="..."${node.attributes.length > 0 ? ' ...' : ''}>`);
  }
}

function knownList(what: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return `it has no ${what}`;
  return names.length <= 12 ? `known ${what}: ${names.join(', ')}` : undefined;
}

function checkChildren(node: XmlNode, schema: ElementSchema, ctx: ValidationContext): void {
  const known = new Map(schema.children().map((c) => [c.name, c]));
  const seen = new Map<string, XmlNode[]>();
  for (const child of node.children()) {
    const childSchema = known.get(child.type);
    if (childSchema === undefined) {
      const retired = schema.retired.find((r) => r.kind === 'element' && r.name === child.type);
      if (retired !== undefined) {
        const { message, hint } = retired.explain(child);
        ctx.findings.add(retired.severity, nodePlace(ctx.file, child), message, hint);
        continue;
      }
      const consequence = schema.unknownChild === 'error' ? `${ctx.reader} refuses the config` : `${ctx.reader} ignores it`;
      const hint = didYouMean(child.type, known.keys(), (text) => `<${text}>`) ?? knownList('sub nodes', [...known.keys()].map((k) => `<${k}>`));
      ctx.findings.add(schema.unknownChild, nodePlace(ctx.file, child), `<${node.type}> has no sub node <${child.type}>: ${consequence}`, hint);
      continue;
    }
    const list = seen.get(child.type);
    if (list === undefined) seen.set(child.type, [child]);
    else list.push(child);
    validateElement(child, childSchema, ctx);
  }
  for (const childSchema of known.values()) {
    const nodes = seen.get(childSchema.name) ?? [];
    if (nodes.length === 0 && childSchema.required !== undefined) {
      ctx.findings.add(childSchema.required, nodePlace(ctx.file, node), `<${node.type}> lacks a <${childSchema.name}> (${childSchema.doc})`);
    }
    if (nodes.length > 1 && childSchema.single !== undefined) {
      const ignored = childSchema.single === 'last' ? nodes.slice(0, -1) : nodes.slice(1);
      const counting = childSchema.single === 'last' ? nodes.at(-1) : nodes[0];
      for (const extra of ignored) {
        ctx.findings.warning(nodePlace(ctx.file, extra), `a second <${childSchema.name}>: only the ${childSchema.single} one counts (line ${counting?.line})`,
          `merge them into one <${childSchema.name}>`);
      }
    }
  }
}

/** Checks `node` and everything below it against `schema`. */
export function validateElement(node: XmlNode, schema: ElementSchema, ctx: ValidationContext): void {
  checkAttributes(node, schema, ctx);
  if (schema.content === 'elements') checkChildren(node, schema, ctx);
  for (const nested of schema.nested?.(node) ?? []) ctx.nested(nested);
}
