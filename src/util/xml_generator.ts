/*
 * XmlGenerator: writes XML the way Genode's Xml_generator does: one node
 * per line, sub nodes indented by a tab, empty nodes closed with "/>",
 * text-only nodes on one line, attributes in the order they were added
 * (spec/init.md §5.1).
 *
 *   XmlGenerator.generate('state', (g) => {
 *     g.attribute('version', 'v1');
 *     g.node('child', (c) => c.attribute('name', 'hello'));
 *   });
 *   // '<state version="v1">\n\t<child name="hello"/>\n</state>\n'
 *
 * Indentation goes only between nodes, never into text or raw content, so
 * the output parses back to the same nodes, attributes and text.
 */

import { escapeXmlAttribute, escapeXmlText } from './xml.js';

/** A node type or attribute name that XML cannot carry, or an attribute given twice. */
export class InvalidXmlName extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidXmlName';
  }
}

/* The ASCII subset of XML names: all Genode node and attribute names are in it. */
const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/;

function checkedName(name: string, what: string): string {
  if (!NAME.test(name)) throw new InvalidXmlName(`invalid XML ${what} name ${JSON.stringify(name)}`);
  return name;
}

/* A part of a node's content: a rendered sub node (laid out on its own line) or inline text. */
interface Part {
  readonly line: boolean;
  readonly text: string;
}

export class XmlGenerator {
  readonly #type: string;
  readonly #depth: number;
  readonly #attributes = new Map<string, string>();
  readonly #content: Part[] = [];

  private constructor(type: string, depth: number) {
    this.#type = checkedName(type, 'node');
    this.#depth = depth;
  }

  /** Generates a document whose root node is `type`, filled by `fill`. */
  static generate(type: string, fill: (g: XmlGenerator) => void): string {
    const g = new XmlGenerator(type, 0);
    fill(g);
    return g.#render() + '\n';
  }

  /** Adds an attribute; booleans are written `yes`/`no`. Throws InvalidXmlName for a bad or repeated name. */
  attribute(name: string, value: string | number | boolean): void {
    checkedName(name, 'attribute');
    if (this.#attributes.has(name)) throw new InvalidXmlName(`attribute "${name}" of <${this.#type}> given twice`);
    const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    this.#attributes.set(name, escapeXmlAttribute(text));
  }

  /** Adds a sub node. */
  node(type: string, fill: (g: XmlGenerator) => void = () => undefined): void {
    const g = new XmlGenerator(type, this.#depth + 1);
    fill(g);
    this.#content.push({ line: true, text: g.#render() });
  }

  /** Adds escaped text content. */
  appendText(text: string): void {
    this.#content.push({ line: false, text: escapeXmlText(text) });
  }

  /**
   * Adds XML that is already well-formed (a node copied verbatim from
   * another document). It is copied byte for byte; a node gets a line of
   * its own like a generated sub node, other text stays inline.
   */
  appendRaw(xml: string): void {
    this.#content.push({ line: xml.trimStart().startsWith('<'), text: xml });
  }

  #render(): string {
    const attributes = [...this.#attributes].map(([name, value]) => ` ${name}="${value}"`).join('');
    const head = `<${this.#type}${attributes}`;
    if (this.#content.length === 0) return `${head}/>`;
    const indent = '\t'.repeat(this.#depth);
    let body = '';
    let lines = false;
    for (const part of this.#content) {
      lines ||= part.line;
      body += part.line ? `\n${indent}\t${part.text}` : part.text;
    }
    return `${head}>${body}${lines ? `\n${indent}` : ''}</${this.#type}>`;
  }
}
