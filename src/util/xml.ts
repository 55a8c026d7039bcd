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
    /** Where the node's `<` stands in its document (1-based; the column counts characters, not UTF-16 units). */
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
    /* "+ 0" turns the -0 of "-0" into 0 */
    const number = Number(value) + 0;
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

  /** Where the node stands in its document: `raw()` is `source.slice(start, end)` (UTF-16 offsets). */
  get range(): { readonly start: number; readonly end: number } {
    return { start: this.#start, end: this.#end };
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

interface Position {
  readonly line: number;
  readonly column: number;
}

/*
 * Line and column (both 1-based) of offsets into a document. Columns count
 * characters (code points), so an emoji is one column; "\r\n" and a lone
 * "\r" end a line as they do for the XML parser. Offsets are asked for in
 * increasing order while parsing, so the cursor only moves forward and a
 * document costs linear time however many nodes it has.
 */
class PositionCursor {
  #offset = 0;
  #line = 1;
  #column = 1;

  constructor(readonly text: string) {}

  at(offset: number): Position {
    if (offset < this.#offset) {
      this.#offset = 0;
      this.#line = 1;
      this.#column = 1;
    }
    const text = this.text;
    const target = Math.min(offset, text.length);
    while (this.#offset < target) {
      const code = text.charCodeAt(this.#offset);
      if (code === 0x0a || (code === 0x0d && text.charCodeAt(this.#offset + 1) !== 0x0a)) {
        this.#line++;
        this.#column = 1;
      } else if (code < 0xdc00 || code > 0xdfff || this.#offset === 0 || !isHighSurrogate(text.charCodeAt(this.#offset - 1))) {
        /* the low half of a surrogate pair shares the column of its high half */
        this.#column++;
      }
      this.#offset++;
    }
    return { line: this.#line, column: this.#column };
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Offset of the character read last before `position`, stepping over a whole surrogate pair. */
function lastCharacter(text: string, position: number): number {
  if (position <= 0) return 0;
  const at = Math.min(position, text.length) - 1;
  return at > 0 && isHighSurrogate(text.charCodeAt(at - 1)) && !isHighSurrogate(text.charCodeAt(at)) ? at - 1 : at;
}

/**
 * Parses a document and returns its root node. Throws XmlParseError naming
 * `source`, line and column: of the offending character, or for a tag left
 * open or closed by the wrong name, of the tag concerned.
 */
export function parseXml(text: string, options: ParseOptions = {}): XmlNode {
  const source = options.source ?? 'xml';
  const parser = new SaxesParser({ position: true });
  const cursor = new PositionCursor(text);
  const stack: Open[] = [];
  let root: XmlNode | undefined;
  let error: XmlParseError | undefined;
  /* Offset of the `<` of the start tag being read; undefined outside start tags. */
  let tagStart: number | undefined;

  const fail = (at: number | Position, reason: string) => {
    if (error !== undefined) return;
    const { line, column } = typeof at === 'number' ? cursor.at(at) : at;
    error = new XmlParseError(source, line, column, reason);
  };

  parser.on('error', (cause) => {
    /* saxes prefixes its messages with "line:column: ". */
    const reason = cause.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    const open = stack.at(-1);
    if (reason.startsWith('unclosed tag') && open !== undefined) {
      /* reported at the end of the document by saxes; the tag left open is what to fix */
      fail(open.node, `unclosed tag <${open.node.type}>`);
    } else if (reason === 'unexpected end' && tagStart !== undefined) {
      const name = /^<([^\s/>]*)/.exec(text.slice(tagStart))?.[1] ?? '';
      fail(tagStart, `document ends inside the start tag <${name}>`);
    } else {
      fail(lastCharacter(text, parser.position), reason);
    }
  });
  parser.on('opentagstart', () => {
    tagStart = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag) => {
    const start = tagStart ?? text.lastIndexOf('<', parser.position - 1);
    tagStart = undefined;
    const attributes = new Map<string, string>();
    for (const [name, value] of Object.entries(tag.attributes)) attributes.set(name, typeof value === 'string' ? value : value.value);
    const { line, column } = cursor.at(start);
    const node = new XmlNode(tag.name, attributes, text, start, line, column);
    const parent = stack.at(-1);
    if (parent !== undefined) XmlNode.adopt(parent.node, node);
    else root ??= node;
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
    const closeStart = tag.isSelfClosing ? open.contentStart : text.lastIndexOf('</', end - 1);
    if (!tag.isSelfClosing) {
      /* saxes closes the open tags up to a matching one before it complains; name both tags */
      const closing = /^<\/\s*([^\s>]*)/.exec(text.slice(closeStart, end))?.[1] ?? '';
      if (closing !== tag.name) fail(closeStart, `unexpected close tag </${closing}> (expected </${tag.name}>, opened at line ${open.node.line})`);
    }
    XmlNode.build(open.node, { end, contentStart: open.contentStart, contentEnd: Math.max(open.contentStart, closeStart), text: open.text });
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

/*
 * Characters XML 1.0 cannot carry, not even as character references: C0
 * controls other than tab, newline and carriage return, U+FFFE and U+FFFF.
 * Lone surrogates are made well-formed first. Both become U+FFFD, so a
 * label chosen by a client cannot make a report unparsable.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

function xmlCharacters(text: string): string {
  return text.toWellFormed().replace(NOT_XML, '\ufffd');
}

/**
 * Escapes a value for a double-quoted attribute. Tab, newline and carriage
 * return are written as character references, because a parser turns them
 * into spaces when they stand literally in an attribute value. `>` stays
 * as it is (it is legal there), so labels read as in Genode's reports:
 * `label="init -> server"`.
 *
 *   escapeXmlAttribute('a "b"\n') // 'a &quot;b&quot;&#10;'
 */
export function escapeXmlAttribute(value: string): string {
  return xmlCharacters(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * Escapes text content. A carriage return is written as a character
 * reference, because a parser turns a literal one into a newline.
 *
 *   escapeXmlText('a < b') // 'a &lt; b'
 */
export function escapeXmlText(text: string): string {
  return xmlCharacters(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}
