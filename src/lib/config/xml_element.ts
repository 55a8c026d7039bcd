/*
 * XmlElement: a node of a Genode config built in TypeScript. Its type
 * parameter is the node type ('config', 'start', 'policy', ...), so a
 * place that takes only a `<config>` node takes only XmlElement<'config'>
 * and the compiler refuses anything else. Elements are immutable; they
 * render as Genode's Xml_generator writes (util/xml_generator.ts).
 *
 *   node('policy', { label_prefix: 'client', precision: 2 }).toString()
 *   // '<policy label_prefix="client" precision="2"/>'
 */

import { XmlGenerator } from '../../util/xml_generator.js';
import { InvalidConfig } from './invalid_config.js';

/** An attribute's value: text, a number (written in decimal) or a boolean (written `yes`/`no`). */
export type AttributeValue = string | number | boolean;

/** Attributes by name, in the order they are written; an undefined value leaves the attribute out. */
export type Attributes = { readonly [name: string]: AttributeValue | undefined };

/** What a node may contain: sub nodes, and text (escaped when written). */
export type Content = XmlElement | string;

/* The ASCII subset of XML names: every Genode node and attribute name is in it. */
const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/;

/** XML that is written as it is: a child's `<config>` given as text (start.ts). */
export class RawXml {
  constructor(readonly text: string) {
    Object.freeze(this);
  }
}

function attributeText(type: string, name: string, value: AttributeValue): string {
  if (!NAME.test(name)) throw new InvalidConfig(`<${type}>: ${JSON.stringify(name)} is no XML attribute name`);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidConfig(`<${type} ${name}>: ${value} is no number init can read`);
    return String(value);
  }
  if (typeof value !== 'string') throw new InvalidConfig(`<${type} ${name}>: expected a string, number or boolean, got ${typeof value}`);
  return value;
}

export class XmlElement<Type extends string = string> {
  /** The node type, e.g. 'start'. */
  readonly type: Type;
  /** Attribute names and values as written, in order. */
  readonly attributes: readonly (readonly [string, string])[];
  /** Sub nodes, text and raw XML, in order. */
  readonly content: readonly (XmlElement | RawXml | string)[];

  /** @internal elements are made by node() and the builders that use it */
  constructor(type: Type, attributes: Attributes, content: readonly (XmlElement | RawXml | string)[]) {
    if (!NAME.test(type)) throw new InvalidConfig(`${JSON.stringify(type)} is no XML node type`);
    const written: (readonly [string, string])[] = [];
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== undefined) written.push(Object.freeze([name, attributeText(type, name, value)] as const));
    }
    for (const part of content) {
      if (typeof part !== 'string' && !(part instanceof XmlElement) && !(part instanceof RawXml)) {
        throw new InvalidConfig(`<${type}>: content must be nodes (node(), start(), ...) or text, got ${describe(part)}`);
      }
    }
    this.type = type;
    this.attributes = Object.freeze(written);
    this.content = Object.freeze([...content]);
    Object.freeze(this);
  }

  /** The attribute's value as written, or undefined. */
  attribute(name: string): string | undefined {
    return this.attributes.find(([key]) => key === name)?.[1];
  }

  /** The sub nodes, all or of one type. */
  children(type?: string): XmlElement[] {
    return this.content.filter((part): part is XmlElement => part instanceof XmlElement && (type === undefined || part.type === type));
  }

  /** The node as XML in Genode's layout: one node a line, sub nodes indented by a tab, no trailing newline. */
  toString(): string {
    return XmlGenerator.generate(this.type, (g) => fill(g, this)).slice(0, -1);
  }
}

function fill(g: XmlGenerator, element: XmlElement): void {
  for (const [name, value] of element.attributes) g.attribute(name, value);
  for (const part of element.content) {
    if (typeof part === 'string') g.appendText(part);
    else if (part instanceof RawXml) g.appendRaw(part.text);
    else g.node(part.type, (sub) => fill(sub, part));
  }
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${Object.keys(value).slice(0, 3).join(', ') || 'no keys'})`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return `${typeof value} ${String(value)}`;
}

function isAttributes(value: unknown): value is Attributes {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof XmlElement) && !(value instanceof RawXml);
}

/**
 * A node of any type, for component configs that have no typed helper:
 * attributes first (may be left out), then sub nodes and text.
 *
 *   node('policy', { label_prefix: 'client', precision: 2 })
 *   node('fstab', node('tar', { name: 'tools.tar' }))
 */
export function node<Type extends string>(type: Type, attributes?: Attributes, ...content: Content[]): XmlElement<Type>;
export function node<Type extends string>(type: Type, ...content: Content[]): XmlElement<Type>;
export function node<Type extends string>(type: Type, ...rest: (Attributes | Content | undefined)[]): XmlElement<Type> {
  return element(type, rest);
}

/** @internal A node from optional attributes followed by content, as node() takes them. */
export function element<Type extends string>(type: Type, rest: readonly (Attributes | Content | undefined)[]): XmlElement<Type> {
  const [first, ...others] = rest;
  if (first === undefined || isAttributes(first)) return new XmlElement(type, first ?? {}, others as Content[]);
  return new XmlElement(type, {}, rest as Content[]);
}

/**
 * A `<config>` node for a component that has no typed helper: its
 * attributes, then sub nodes.
 *
 *   config({ rounds: 3 })                  // <config rounds="3"/>
 *   config({}, node('policy', { label_prefix: 'client' }))
 */
export function config(attributes?: Attributes, ...content: Content[]): XmlElement<'config'>;
export function config(...content: Content[]): XmlElement<'config'>;
export function config(...rest: (Attributes | Content | undefined)[]): XmlElement<'config'> {
  return element('config', rest);
}
