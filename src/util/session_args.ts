/*
 * Session arguments: Genode's argument string
 * `label="init -> hello", ram_quota=8192, cap_quota=2`, parsed into an
 * immutable map that keeps the order of its keys.
 *
 *   const args = SessionArgs.parse('label="x", ram_quota=8K');
 *   args.ramQuota                    // 8192
 *   args.set('label', 'y').toString() // 'label="y", ram_quota=8K'
 */

import { parseNumBytes } from './num_bytes.js';

/** Malformed argument text, or a key that could not be printed back. */
export class SessionArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionArgsError';
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/;

/* A key toString can print and parse can read back. */
function checkedKey(key: string): string {
  if (KEY.exec(key)?.[0] !== key) throw new SessionArgsError(`invalid session argument key ${JSON.stringify(key)}`);
  return key;
}

type Value = string | number;

/* A value as written: quoted strings print quoted again, bare values bare. */
interface Entry {
  readonly text: string;
  readonly quoted: boolean;
}

function entry(value: Value): Entry {
  return typeof value === 'number' ? { text: String(value), quoted: false } : { text: value, quoted: true };
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export class SessionArgs {
  readonly #entries: ReadonlyMap<string, Entry>;

  private constructor(entries: ReadonlyMap<string, Entry>) {
    this.#entries = entries;
  }

  /** Arguments from a record; strings are quoted when printed, numbers are not. Throws SessionArgsError for a key parse could not read. */
  static from(record: Readonly<Record<string, Value>>): SessionArgs {
    return new SessionArgs(new Map(Object.entries(record).map(([key, value]) => [checkedKey(key), entry(value)])));
  }

  /**
   * Parses an argument string. Throws SessionArgsError naming the column
   * (1-based) of a syntax error. A key given twice is an error: Genode
   * reads the first occurrence, a map the last, and quota arguments must
   * not mean different things to different readers.
   */
  static parse(text: string): SessionArgs {
    const entries = new Map<string, Entry>();
    let at = 0;
    const fail = (what: string): never => {
      throw new SessionArgsError(`invalid session arguments at column ${at + 1}: ${what} in '${text}'`);
    };
    const skipBlanks = () => {
      while (at < text.length && /\s/.test(text[at] as string)) at++;
    };
    skipBlanks();
    while (at < text.length) {
      const key = KEY.exec(text.slice(at))?.[0] ?? fail('expected a key');
      if (entries.has(key)) fail(`duplicate key "${key}"`);
      at += key.length;
      skipBlanks();
      if (text[at] !== '=') fail(`expected "=" after "${key}"`);
      at++;
      skipBlanks();
      let value: Entry;
      if (text[at] === '"') {
        const quoteAt = at;
        at++;
        let out = '';
        for (;;) {
          if (at >= text.length) {
            at = quoteAt;
            fail('unterminated string');
          }
          const c = text[at] as string;
          if (c === '"') break;
          if (c === '\\' && at + 1 < text.length) {
            out += text[at + 1];
            at += 2;
          } else {
            out += c;
            at++;
          }
        }
        at++;
        value = { text: out, quoted: true };
      } else {
        const raw = /^[^,]*/.exec(text.slice(at))?.[0] ?? '';
        at += raw.length;
        value = { text: raw.trim(), quoted: false };
      }
      entries.set(key, value);
      skipBlanks();
      if (at < text.length) {
        if (text[at] !== ',') fail('expected ","');
        at++;
        skipBlanks();
      }
    }
    return new SessionArgs(entries);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** A string argument (quotes removed); `fallback` when absent. */
  string(key: string, fallback = ''): string {
    return this.#entries.get(key)?.text ?? fallback;
  }

  /** A numeric argument in num_bytes syntax; `fallback` when absent or malformed. */
  number(key: string, fallback = 0): number {
    const value = this.#entries.get(key);
    return value === undefined ? fallback : parseNumBytes(value.text) ?? fallback;
  }

  get label(): string {
    return this.string('label');
  }

  get ramQuota(): number {
    return this.number('ram_quota');
  }

  get capQuota(): number {
    return this.number('cap_quota');
  }

  /** A copy with `key` set (appended if new, replaced in place otherwise). Throws SessionArgsError for a key parse could not read. */
  set(key: string, value: Value): SessionArgs {
    const entries = new Map(this.#entries);
    entries.set(checkedKey(key), entry(value));
    return new SessionArgs(entries);
  }

  /** A copy without `key`. */
  remove(key: string): SessionArgs {
    const entries = new Map(this.#entries);
    entries.delete(key);
    return new SessionArgs(entries);
  }

  toString(): string {
    return [...this.#entries].map(([key, value]) => `${key}=${value.quoted ? quote(value.text) : value.text}`).join(', ');
  }
}
