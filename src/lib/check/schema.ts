/*
 * The schema model: what a component's config may contain. An element has
 * attributes of a value type, known sub elements, and says what a
 * component does with the unknown: Genode's components ignore what they do
 * not know (a warning), a few refuse it (an error). The same model drives
 * the check (validate.ts) and the XSD for editors (xsd.ts).
 *
 *   const log = element('log', 'Logs the string.', { attributes: [attribute('string', 'label', 'the text')] });
 */

import { parseNumBytes } from '../../util/num_bytes.js';
import type { XmlNode } from '../../util/xml.js';

/** Value types of attributes (spec/init.md §1.1, and what the shipped components read). */
export type ValueType =
  /** Any text. */
  | { readonly kind: 'string' }
  /** A name: non-empty, no white space at either end (child, service, file names). */
  | { readonly kind: 'name' }
  /** A session label or part of one: at most 159 characters. */
  | { readonly kind: 'label' }
  /** An unsigned decimal. */
  | { readonly kind: 'number' }
  /** An optionally signed decimal. */
  | { readonly kind: 'integer' }
  /** A size in bytes with an optional K, M or G suffix (`4M`, `512K`). */
  | { readonly kind: 'size' }
  /** `yes`/`true`/`on` or `no`/`false`/`off`. */
  | { readonly kind: 'boolean' }
  /** `#rrggbb` or `#rgb`. */
  | { readonly kind: 'colour' }
  /** An absolute path (`/dev/log`). */
  | { readonly kind: 'path' }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

export const STRING: ValueType = { kind: 'string' };
export const NAME: ValueType = { kind: 'name' };
export const LABEL: ValueType = { kind: 'label' };
export const NUMBER: ValueType = { kind: 'number' };
export const INTEGER: ValueType = { kind: 'integer' };
export const SIZE: ValueType = { kind: 'size' };
export const BOOLEAN: ValueType = { kind: 'boolean' };
export const COLOUR: ValueType = { kind: 'colour' };
export const PATH: ValueType = { kind: 'path' };

export function oneOf(...values: string[]): ValueType {
  return { kind: 'enum', values };
}

export type Severity = 'error' | 'warning';

export interface AttributeSchema {
  readonly name: string;
  readonly type: ValueType;
  readonly doc: string;
  /** A missing required attribute is a finding of `required`'s severity. */
  readonly required: Severity | undefined;
  /** What the component does with a value of the wrong type: uses the default (warning) or refuses the config (error). */
  readonly malformed: Severity;
  readonly fallback: string | undefined;
}

/** What an element's content is. */
export type Content =
  /** Sub elements, checked against `children`. */
  | 'elements'
  /** Text (an inline file): sub elements are not looked at. */
  | 'text'
  /** Anything: the content is another component's business (an inline config, a script step's node). */
  | 'any';

export interface ElementSchema {
  readonly name: string;
  readonly doc: string;
  readonly attributes: readonly AttributeSchema[];
  /** Known sub elements (a function where elements nest recursively, as `<dir>` in a `<vfs>`). */
  readonly children: () => readonly ElementSchema[];
  readonly content: Content;
  /** What the component does with an attribute it does not know. */
  readonly unknownAttribute: Severity;
  /** Attributes are another component's business (an inline `<config>`): none is unknown. */
  readonly anyAttributes: boolean;
  /** What the component does with a sub element it does not know. */
  readonly unknownChild: Severity;
  /** A missing required sub element is a finding of this severity. */
  readonly required: Severity | undefined;
  /** Only one counts (the last, as init's singletons, or the first): a second is a warning. */
  readonly single: 'first' | 'last' | undefined;
  /**
   * Configs of other components within this element: test-init's
   * `<init_config>` is init's, a launcher's `<config>` its binary's.
   */
  readonly nested: ((node: XmlNode) => readonly NestedConfig[]) | undefined;
  /** Attributes and sub elements of Genode's older syntax, or well-known mistakes, with what to write instead. */
  readonly retired: readonly Retired[];
}

export interface NestedConfig {
  /** The binary whose schema applies (`init`). */
  readonly component: string;
  /** The config's root node. */
  readonly node: XmlNode;
  /** The quota the component runs with, where the config says (a plugin's `ram`), for init's quota check. */
  readonly ram?: number;
  readonly caps?: number;
  /** Why errors in it are only warnings (test-init tests init with mistakes on purpose), or undefined. */
  readonly demoted?: string;
}

/** A name that once meant something here, or is often written here by mistake. */
export interface Retired {
  readonly kind: 'attribute' | 'element';
  readonly name: string;
  readonly severity: Severity;
  /** The message and hint for the node that carries it (an attribute's value: `node.attribute(name)`). */
  readonly explain: (node: XmlNode) => { readonly message: string; readonly hint: string | undefined };
}

export interface AttributeOptions {
  readonly required?: Severity;
  readonly malformed?: Severity;
  readonly fallback?: string;
}

export function attribute(name: string, type: ValueType, doc: string, options: AttributeOptions = {}): AttributeSchema {
  return Object.freeze({
    name,
    type,
    doc,
    required: options.required,
    malformed: options.malformed ?? 'warning',
    fallback: options.fallback,
  });
}

export interface ElementOptions {
  readonly attributes?: readonly AttributeSchema[];
  readonly children?: readonly ElementSchema[] | (() => readonly ElementSchema[]);
  readonly content?: Content;
  readonly unknownAttribute?: Severity;
  readonly anyAttributes?: boolean;
  readonly unknownChild?: Severity;
  readonly required?: Severity;
  readonly single?: 'first' | 'last';
  readonly nested?: (node: XmlNode) => readonly NestedConfig[];
  readonly retired?: readonly Retired[];
}

export function element(name: string, doc: string, options: ElementOptions = {}): ElementSchema {
  const children = options.children;
  const list = typeof children === 'function' ? children : () => children ?? [];
  return Object.freeze({
    name,
    doc,
    attributes: Object.freeze([...(options.attributes ?? [])]),
    children: list,
    content: options.content ?? 'elements',
    unknownAttribute: options.unknownAttribute ?? 'warning',
    anyAttributes: options.anyAttributes ?? false,
    unknownChild: options.unknownChild ?? 'warning',
    required: options.required,
    single: options.single,
    nested: options.nested,
    retired: Object.freeze([...(options.retired ?? [])]),
  });
}

/** A copy of `schema` under another name or with other options (a `<default-policy>` from a `<policy>`). */
export function variant(schema: ElementSchema, name: string, options: Partial<Omit<ElementSchema, 'name'>> = {}): ElementSchema {
  return Object.freeze({ ...schema, ...options, name });
}

/** A component's config schema: its root `<config>` and what the check knows beyond the grammar. */
export interface ComponentSchema {
  /** The binary name (`ram_fs`), also the name `nido schema` takes. */
  readonly name: string;
  /** One line on what the component is. */
  readonly summary: string;
  readonly config: ElementSchema;
  /** The container nodes whose `<policy>`s select sessions of a provided service by label (spec/init.md §2.8). */
  readonly policies?: (config: XmlNode) => readonly PolicyContainer[];
  /** Sessions the component opens, by what its config says (a `<fs label="home"/>` is a File_system session "home"). */
  readonly sessions?: (config: XmlNode) => readonly SessionNeed[];
  /** Checks beyond the grammar (a policy naming a domain no `<domain>` declares). */
  readonly check?: (config: XmlNode, report: ConfigReport) => void;
}

/** How a component's own check reports: at a node or at one of its attributes. */
export type ConfigReport = (severity: Severity, node: XmlNode, message: string, hint?: string, attribute?: string) => void;

export interface PolicyContainer {
  readonly service: string;
  readonly node: XmlNode;
  /** Whether a session without a matching policy is denied (else the container's absence of policies means "all"). */
  readonly denies: boolean;
}

export interface SessionNeed {
  readonly service: string;
  /** The label the component gives the session (init prefixes it with the child's name). */
  readonly label: string;
  /** Where the config asks for it. */
  readonly node: XmlNode;
}

const TRUE_WORDS = ['yes', 'true', 'on'];
const FALSE_WORDS = ['no', 'false', 'off'];

/**
 * Why `value` is not of `type`, or undefined when it is. The reason is
 * phrased to follow the value: `"3MB" is not a size ...`.
 */
export function typeMismatch(type: ValueType, value: string): string | undefined {
  switch (type.kind) {
    case 'string':
      return undefined;
    case 'name':
      if (value.trim() === '') return 'is empty';
      return value.trim() === value ? undefined : 'has white space at its ends';
    case 'label':
      return value.length > 159 ? `is longer than 159 characters (${value.length})` : undefined;
    case 'number':
      return /^\s*\d+\s*$/.test(value) && Number.isSafeInteger(Number(value)) ? undefined : 'is not a number (digits only)';
    case 'integer':
      return /^\s*[-+]?\d+\s*$/.test(value) ? undefined : 'is not a whole number';
    case 'size':
      return parseNumBytes(value) !== undefined ? undefined : 'is not a size (digits with an optional K, M or G: 512K, 4M)';
    case 'boolean':
      return TRUE_WORDS.includes(value) || FALSE_WORDS.includes(value) ? undefined : 'is not a boolean (yes or no)';
    case 'colour':
      return /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.test(value) ? undefined : 'is not a colour (#rrggbb)';
    case 'path':
      return value.startsWith('/') ? undefined : 'is not an absolute path (it must start with "/")';
    case 'enum':
      return type.values.includes(value) ? undefined : `is none of ${type.values.map((v) => `"${v}"`).join(', ')}`;
  }
}

/** A hint for a malformed value of `type`, e.g. the size `3MB` → `3M`. */
export function typeHint(type: ValueType, value: string): string | undefined {
  switch (type.kind) {
    case 'size': {
      const near = /^\s*(\d+)\s*([kmgKMG])(i?[bB])?\s*$/.exec(value);
      if (near !== null) return `write "${near[1]}${(near[2] as string).toUpperCase()}"`;
      return 'write a size such as "512K" or "4M"';
    }
    case 'boolean': {
      const lower = value.toLowerCase();
      if (TRUE_WORDS.includes(lower) || lower === '1') return 'write "yes"';
      if (FALSE_WORDS.includes(lower) || lower === '0') return 'write "no"';
      return 'write "yes" or "no"';
    }
    case 'colour':
      return /^[0-9a-fA-F]{6}$/.test(value) ? `write "#${value}"` : 'write "#rrggbb", e.g. "#336699"';
    case 'path':
      return `write "/${value}"`;
    default:
      return undefined;
  }
}
