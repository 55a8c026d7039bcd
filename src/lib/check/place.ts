/*
 * Places of nodes and attributes for findings. XmlNode knows where its `<`
 * stands; an attribute's place is found by reading the node's start tag,
 * so a finding about `quantum="3"` points at `quantum`, not at `<start`.
 */

import type { XmlNode } from '../../util/xml.js';
import type { Place } from './finding.js';

export function nodePlace(file: string, node: XmlNode): Place {
  return { file, line: node.line, column: node.column };
}

/** Offsets (within `node.raw()`) of each attribute name in the start tag, in document order. */
function attributeOffsets(raw: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let at = 1;
  while (at < raw.length && !/[\s/>]/.test(raw[at] as string)) at++;
  for (;;) {
    while (at < raw.length && /\s/.test(raw[at] as string)) at++;
    const char = raw[at];
    if (char === undefined || char === '>' || char === '/') break;
    const start = at;
    while (at < raw.length && !/[\s=/>]/.test(raw[at] as string)) at++;
    const name = raw.slice(start, at);
    if (name === '') break;
    if (!offsets.has(name)) offsets.set(name, start);
    while (at < raw.length && /\s/.test(raw[at] as string)) at++;
    if (raw[at] !== '=') continue;
    at++;
    while (at < raw.length && /\s/.test(raw[at] as string)) at++;
    const quote = raw[at];
    if (quote === '"' || quote === "'") {
      const end = raw.indexOf(quote, at + 1);
      at = end < 0 ? raw.length : end + 1;
    }
  }
  return offsets;
}

/** The place `offset` characters (UTF-16 units) into the node's source text. */
function placeWithin(file: string, node: XmlNode, raw: string, offset: number): Place {
  let line = node.line;
  let column = node.column;
  for (let i = 0; i < offset && i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && raw.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      column = 1;
    } else if (code < 0xdc00 || code > 0xdfff) {
      /* the low half of a surrogate pair shares the column of its high half */
      column++;
    }
  }
  return { file, line, column };
}

/** Where attribute `name` of `node` is written; the node's place when it is not there. */
export function attributePlace(file: string, node: XmlNode, name: string): Place {
  const raw = node.raw();
  const offset = attributeOffsets(raw).get(name);
  return offset === undefined ? nodePlace(file, node) : placeWithin(file, node, raw, offset);
}
