/*
 * XmlGenerator: writes XML the way Genode's Xml_generator does: one node
 * per line, sub nodes indented by a tab, empty nodes closed with "/>",
 * attributes in the order they were added (spec/init.md §5.1).
 *
 *   XmlGenerator.generate('state', (g) => {
 *     g.attribute('version', 'v1');
 *     g.node('child', (c) => c.attribute('name', 'hello'));
 *   });
 *   // '<state version="v1">\n\t<child name="hello"/>\n</state>\n'
 */

import { escapeXmlAttribute, escapeXmlText } from './xml.js';

export class XmlGenerator {
  readonly #type: string;
  readonly #attributes: string[] = [];
  /* Sub nodes and text in order; a string starting with "<" is a rendered sub node. */
  readonly #content: { kind: 'node' | 'text' | 'raw'; text: string }[] = [];

  private constructor(type: string) {
    this.#type = type;
  }

  /** Generates a document whose root node is `type`, filled by `fill`. */
  static generate(type: string, fill: (g: XmlGenerator) => void): string {
    const g = new XmlGenerator(type);
    fill(g);
    return g.#render('') + '\n';
  }

  attribute(name: string, value: string | number | boolean): void {
    const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    this.#attributes.push(` ${name}="${escapeXmlAttribute(text)}"`);
  }

  /** Adds a sub node. */
  node(type: string, fill: (g: XmlGenerator) => void = () => undefined): void {
    const g = new XmlGenerator(type);
    fill(g);
    this.#content.push({ kind: 'node', text: g.#render('\t') });
  }

  /** Adds escaped text content. */
  appendText(text: string): void {
    this.#content.push({ kind: 'text', text: escapeXmlText(text) });
  }

  /** Adds XML that is already well-formed (a node copied verbatim from another document). */
  appendRaw(xml: string): void {
    this.#content.push({ kind: 'raw', text: xml });
  }

  #render(indent: string): string {
    const head = `<${this.#type}${this.#attributes.join('')}`;
    if (this.#content.length === 0) return `${head}/>`;
    const nested = this.#content.some((part) => part.kind === 'node');
    if (!nested) return `${head}>${this.#content.map((part) => part.text).join('')}</${this.#type}>`;
    const lines = this.#content.map((part) => (part.kind === 'node' ? '\t' + part.text : part.text));
    return `${head}>\n${lines.join('\n')}\n</${this.#type}>`.replace(/\n/g, `\n${indent}`).replace(new RegExp(`\n${indent}$`), '\n');
  }
}
