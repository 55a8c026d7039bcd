/*
 * Short summaries of RPC arguments and results for a log line: strings
 * cut, byte arrays and shared memory as their sizes, capabilities as
 * "cap", at most a few items of arrays and objects.
 *
 *   summary(['hello', new Uint8Array(10)])  // '"hello", <10 bytes>'
 */

const MAX_STRING = 40;
const MAX_ITEMS = 4;
const MAX_DEPTH = 2;
const MAX_TOTAL = 120;

/* A component's compartment has no SharedArrayBuffer global: shared memory is recognised by its tag. */
function isShared(value: object): value is SharedArrayBuffer {
  return Object.prototype.toString.call(value) === '[object SharedArrayBuffer]';
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function one(value: unknown, depth: number): string {
  if (typeof value === 'string') return cut(JSON.stringify(value), MAX_STRING);
  if (typeof value !== 'object' || value === null) return String(value);
  if (isShared(value)) return `<shared ${value.byteLength} bytes>`;
  if (value instanceof ArrayBuffer) return `<${value.byteLength} bytes>`;
  if (ArrayBuffer.isView(value)) return `<${value.byteLength} bytes>`;
  if (value instanceof Error) return value.name;
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return `[${value.length}]`;
    const items = value.slice(0, MAX_ITEMS).map((item) => one(item, depth + 1));
    return `[${items.join(', ')}${value.length > MAX_ITEMS ? ', …' : ''}]`;
  }
  const keys = Object.keys(value);
  /* A capability is an empty frozen object without prototype. */
  if (keys.length === 0 && Object.getPrototypeOf(value) === null) return 'cap';
  if (depth >= MAX_DEPTH) return '{…}';
  const entries = keys.slice(0, MAX_ITEMS).map((key) => `${key}: ${one((value as Record<string, unknown>)[key], depth + 1)}`);
  return `{${entries.join(', ')}${keys.length > MAX_ITEMS ? ', …' : ''}}`;
}

/** A value in a few dozen characters. */
export function summary(value: unknown): string {
  return cut(one(value, 0), MAX_TOTAL);
}

/** Arguments as a comma-separated list. */
export function argumentSummary(args: readonly unknown[]): string {
  return cut(args.map((arg) => one(arg, 1)).join(', '), MAX_TOTAL);
}

/** Bytes a value moves: string lengths (UTF-16 units), byte arrays and shared memory by size; capabilities and numbers count 8. */
export function transferBytes(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return value === undefined ? 0 : 8;
  if (isShared(value) || value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (depth > 8) return 0;
  let total = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) total += transferBytes(item, depth + 1);
  return Math.max(total, 8);
}
