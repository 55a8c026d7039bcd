/*
 * XML nodes as Genode's Xml_node offers them: typed attribute accessors
 * with defaults, sub nodes by type, and the node's exact source text
 * (init compares start nodes byte-wise and serves inline configs verbatim,
 * spec/init.md §4.4, §2.3). Parsing is done by saxes; errors carry the
 * source name, line and column.
 *
 *   const config = parseXml('<config><start name="hello"/></config>', { source: 'config' });
 *   config.child('start')?.stringAttribute('name', '') // 'hello'
 */

import { SaxesParser } from 'saxes';
import { parseNumBytes } from './num_bytes.js';

export class XmlParseError extends Error {
  constructor(readonly source: string, readonly line: number, readonly column: number, readonly reason: string) {
    super(`${source}:${line}:${column}: ${reason}`);
    this.name = 'XmlParseError';
  }
}

const TRUE = new Set(['yes', 'true', 'on']);
const FALSE = new Set(['no', 'false', 'off']);

export class XmlNode {
  readonly #children: XmlNode[] = [];
  readonly #attributes: ReadonlyMap<string, string>;
  readonly #source: string;
  readonly #start: number;
  #end = 0;
  #contentStart = 0;
  #contentEnd = 0;
  #text = '';

  /** @internal nodes are made by parseXml */
  constructor(
    readonly type: string,
    attributes: ReadonlyMap<string, string>,
    source: string,
    start: number,
    /** Where the node starts in its document (1-based). */
    readonly line: number,
    readonly column: number,
  ) {
    this.#attributes = attributes;
    this.#source = source;
    this.#start = start;
  }

  /** Attribute names and values in document order. */
  get attributes(): [string, string][] {
    return [...this.#attributes];
  }

  hasAttribute(name: string): boolean {
    return this.#attributes.has(name);
  }

  /** The attribute's value, or undefined when absent. */
  attribute(name: string): string | undefined {
    return this.#attributes.get(name);
  }

  stringAttribute(name: string, fallback: string): string {
    return this.#attributes.get(name) ?? fallback;
  }

  /** `yes`/`true`/`on` and `no`/`false`/`off`; anything else is `fallback` (spec/init.md §1.1). */
  boolAttribute(name: string, fallback: boolean): boolean {
    const value = this.#attributes.get(name);
    if (value === undefined) return fallback;
    return TRUE.has(value) ? true : FALSE.has(value) ? false : fallback;
  }

  /** A size with optional K/M/G suffix; `fallback` when absent or malformed. */
  numBytesAttribute(name: string, fallback: number): number {
    const value = this.#attributes.get(name);
    return value === undefined ? fallback : parseNumBytes(value) ?? fallback;
  }

  /** An unsigned decimal; `fallback` when absent or malformed. */
  naturalAttribute(name: string, fallback: number): number {
    const value = this.#attributes.get(name);
    if (value === undefined || !/^\s*\d+\s*$/.test(value)) return fallback;
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : fallback;
  }

  /** An optionally signed decimal; `fallback` when absent or malformed. */
  integerAttribute(name: string, fallback: number): number {
    const value = this.#attributes.get(name);
    if (value === undefined || !/^\s*[-+]?\d+\s*$/.test(value)) return fallback;
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : fallback;
  }

  /** Sub nodes in document order, all or of one type. */
  children(type?: string): XmlNode[] {
    return type === undefined ? [...this.#children] : this.#children.filter((child) => child.type === type);
  }

  hasChild(type: string): boolean {
    return this.#children.some((child) => child.type === type);
  }

  /** The first sub node of `type`. */
  child(type: string): XmlNode | undefined {
    return this.#children.find((child) => child.type === type);
  }

  /** The node exactly as written in its document, from `<` to the closing `>`. */
  raw(): string {
    return this.#source.slice(this.#start, this.#end);
  }

  /** What stands between the opening and the closing tag, as written ("" for `<x/>`). */
  content(): string {
    return this.#source.slice(this.#contentStart, this.#contentEnd);
  }

  /** The node's own text (entities decoded, sub nodes left out). */
  text(): string {
    return this.#text;
  }

  /** @internal */
  static build(node: XmlNode, parts: { end: number; contentStart: number; contentEnd: number; text: string }): void {
    node.#end = parts.end;
    node.#contentStart = parts.contentStart;
    node.#contentEnd = parts.contentEnd;
    node.#text = parts.text;
  }

  /** @internal */
  static adopt(parent: XmlNode, child: XmlNode): void {
    parent.#children.push(child);
  }
}

export interface ParseOptions {
  /** Name of the document in error messages (a file name, a ROM module). */
  readonly source?: string;
}

interface Open {
  readonly node: XmlNode;
  readonly contentStart: number;
  text: string;
}

/** Parses a document and returns its root node. Throws XmlParseError. */
export function parseXml(text: string, options: ParseOptions = {}): XmlNode {
  const source = options.source ?? 'xml';
  const parser = new SaxesParser({ position: true });
  const stack: Open[] = [];
  let root: XmlNode | undefined;
  let error: XmlParseError | undefined;
  let tagStart = 0;
  let tagLine = 1;
  let tagColumn = 1;

  parser.on('error', (cause) => {
    /* saxes prefixes its messages with "line:column: ". */
    const reason = cause.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    error ??= new XmlParseError(source, parser.line, parser.column, reason);
  });
  parser.on('opentagstart', () => {
    tagStart = text.lastIndexOf('<', parser.position - 1);
    const before = text.slice(0, tagStart);
    tagLine = before.split('\n').length;
    tagColumn = tagStart - before.lastIndexOf('\n');
  });
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    for (const [name, value] of Object.entries(tag.attributes)) attributes.set(name, typeof value === 'string' ? value : value.value);
    const node = new XmlNode(tag.name, attributes, text, tagStart, tagLine, tagColumn);
    const parent = stack.at(-1);
    if (parent !== undefined) XmlNode.adopt(parent.node, node);
    else root = node;
    stack.push({ node, contentStart: parser.position, text: '' });
  });
  parser.on('text', (content) => {
    const open = stack.at(-1);
    if (open !== undefined) open.text += content;
  });
  parser.on('cdata', (content) => {
    const open = stack.at(-1);
    if (open !== undefined) open.text += content;
  });
  parser.on('closetag', (tag) => {
    const open = stack.pop();
    if (open === undefined) return;
    const end = parser.position;
    const contentEnd = tag.isSelfClosing ? open.contentStart : text.lastIndexOf('</', end - 1);
    XmlNode.build(open.node, { end, contentStart: open.contentStart, contentEnd: Math.max(open.contentStart, contentEnd), text: open.text });
  });

  try {
    parser.write(text).close();
  } catch (cause) {
    if (error === undefined) throw cause;
  }
  if (error !== undefined) throw error;
  if (root === undefined) throw new XmlParseError(source, 1, 1, 'document has no root node');
  return root;
}

/** Escapes a value for a double-quoted attribute. */
export function escapeXmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** Escapes text content. */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
