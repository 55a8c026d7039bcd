/*
 * rom_filter's evaluation, as Genode's (repos/os/src/server/rom_filter,
 * main.cc and input_rom_registry.h): the value of an <input> taken from
 * its ROM's XML along a path of <node type attribute value> steps ending
 * in an <attribute name>, and the <output> generated from <inline>,
 * <input>, <attribute>, <node> and <if> <has_value/> <then/> <else/> </if>.
 * Pure: the input ROMs' XML is handed in.
 */

import { XmlGenerator, type XmlNode } from 'nido';

/** The XML of an input ROM by ROM name; undefined while it is absent. */
export type InputXml = (rom: string) => XmlNode | undefined;

/** Genode's bound on path depth. */
const MAX_PATH_DEPTH = 10;

/** The ROM an <input> reads: its `rom` attribute, else its name. */
export function inputRomName(input: XmlNode): string {
  return input.attribute('rom') ?? input.stringAttribute('name', '');
}

/** The ROM names the config's inputs read. */
export function inputRomNames(config: XmlNode): string[] {
  return [...new Set(config.children('input').map(inputRomName))];
}

function firstChild(node: XmlNode): XmlNode | undefined {
  return node.children()[0];
}

/* The value at `path` within `content` (_query_value). */
function queryPath(path: XmlNode, content: XmlNode, depth: number): string | undefined {
  if (depth === 0) return undefined;
  if (path.type === 'attribute') return content.attribute(path.stringAttribute('name', ''));
  if (path.type !== 'node') return undefined;
  const type = path.stringAttribute('type', '');
  const expectedAttribute = path.stringAttribute('attribute', '');
  const expectedValue = path.stringAttribute('value', '');
  for (const sub of content.children(type)) {
    const matches = expectedAttribute === '' || expectedValue === '' || sub.stringAttribute(expectedAttribute, '') === expectedValue;
    const subPath = firstChild(path);
    /* As Genode's: the first matching node with a further path step decides, found or not. */
    if (matches && subPath !== undefined) return queryPath(subPath, sub, depth - 1);
  }
  return undefined;
}

/** The value of the input node `input` given its ROM's XML (Entry::query_value). */
export function inputValue(input: XmlNode, content: XmlNode | undefined): string | undefined {
  const expectedTop = input.attribute('node') ?? input.stringAttribute('name', '');
  const path = firstChild(input);
  if (content !== undefined && content.type === expectedTop && path !== undefined) {
    const value = queryPath(path, content, MAX_PATH_DEPTH);
    if (value !== undefined) return value;
  }
  return input.attribute('default');
}

/** The value of the input named `name` in `config`, or undefined when it is missing. */
export function queryValue(config: XmlNode, name: string, xml: InputXml): string | undefined {
  let value: string | undefined;
  for (const input of config.children('input')) {
    if (input.stringAttribute('name', '') === name) value = inputValue(input, xml(inputRomName(input)));
  }
  return value;
}

export interface EvaluateContext {
  readonly config: XmlNode;
  readonly xml: InputXml;
  /** Told about an input whose value is missing (Genode's verbose warnings). */
  readonly missing?: (input: string) => void;
}

function appendContent(g: XmlGenerator, node: XmlNode): void {
  const children = node.children();
  if (children.length === 0) {
    const text = node.text().trim();
    if (text !== '') g.appendText(text);
    return;
  }
  for (const child of children) g.appendRaw(child.raw());
}

/* The sub nodes of an <output>, <then>, <else> or <node> (_evaluate_node). */
function evaluateNode(node: XmlNode, g: XmlGenerator, context: EvaluateContext): void {
  const value = (name: string) => {
    const found = queryValue(context.config, name, context.xml);
    if (found === undefined) context.missing?.(name);
    return found;
  };
  for (const sub of node.children()) {
    switch (sub.type) {
      case 'if': {
        const hasValue = sub.child('has_value');
        const satisfied = hasValue !== undefined
          && value(hasValue.stringAttribute('input', '')) === hasValue.stringAttribute('value', '');
        const branch = sub.child(satisfied ? 'then' : 'else');
        if (branch !== undefined) evaluateNode(branch, g, context);
        break;
      }
      case 'attribute': {
        const name = sub.stringAttribute('name', '');
        const input = sub.attribute('input');
        if (input === undefined) g.attribute(name, sub.stringAttribute('value', ''));
        else {
          const found = value(input);
          if (found !== undefined) g.attribute(name, found);
        }
        break;
      }
      case 'node':
        g.node(sub.stringAttribute('type', ''), (inner) => evaluateNode(sub, inner, context));
        break;
      case 'inline':
        appendContent(g, sub);
        break;
      case 'input': {
        const name = sub.stringAttribute('name', '');
        const declared = context.config.children('input').find((input) => input.stringAttribute('name', '') === name);
        const content = context.xml(declared === undefined ? name : inputRomName(declared));
        if (content === undefined || content.type === 'empty') break;
        if (sub.boolAttribute('skip_toplevel', false)) appendContent(g, content);
        else g.appendRaw(content.raw());
        break;
      }
      default:
        break;
    }
  }
}

/** Thrown for an <output> that cannot be generated. */
export class RomFilterConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RomFilterConfigError';
  }
}

/** The output ROM's content, or undefined when the config has no <output>. */
export function evaluate(context: EvaluateContext): string | undefined {
  const output = context.config.child('output');
  if (output === undefined) return undefined;
  const type = output.attribute('node');
  if (type === undefined) throw new RomFilterConfigError("missing 'node' attribute in '<output>' node");
  return XmlGenerator.generate(type, (g) => evaluateNode(output, g, context));
}
