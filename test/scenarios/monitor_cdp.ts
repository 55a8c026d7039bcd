/*
 * A Chrome DevTools Protocol client for the monitor's scenario tests, as
 * a debugger speaks it (the `ws` package): requests by id, events kept in
 * order until a test waits for them, and the source map a script names
 * (a data: URL) applied as DevTools applies it.
 */

import WebSocket from 'ws';

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: Record<string, unknown>;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly message: string };
}

export type Params = Record<string, unknown>;

export class CdpClient {
  readonly #ws: WebSocket;
  #ids = 0;
  readonly #pending = new Map<number, { resolve(result: Params): void; reject(error: Error): void }>();
  readonly #events: { method: string; params: Params }[] = [];
  readonly #waiters: { method: string; predicate(params: Params): boolean; resolve(params: Params): void }[] = [];
  readonly closed: Promise<void>;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => this.#receive(JSON.parse(String(data)) as Message));
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
  }

  static connect(url: string): Promise<CdpClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new CdpClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_request, response) => reject(new Error(`${url}: HTTP ${response.statusCode}`)));
    });
  }

  #receive(message: Message): void {
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error !== undefined) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result ?? {});
      return;
    }
    if (message.method === undefined) return;
    const event = { method: message.method, params: message.params ?? {} };
    const waiter = this.#waiters.find((w) => w.method === event.method && w.predicate(event.params));
    if (waiter === undefined) {
      this.#events.push(event);
      return;
    }
    this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
    waiter.resolve(event.params);
  }

  send(method: string, params: Params = {}): Promise<Params> {
    const id = ++this.#ids;
    this.#ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  /** The first event `method` (kept since connecting, or coming) for which `predicate` holds. */
  event(method: string, predicate: (params: Params) => boolean = () => true, timeoutMs = 30_000): Promise<Params> {
    const kept = this.#events.findIndex((e) => e.method === method && predicate(e.params));
    if (kept >= 0) return Promise.resolve((this.#events.splice(kept, 1)[0] as { params: Params }).params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ method, predicate, resolve: (params) => { clearTimeout(timer); resolve(params); } });
    });
  }

  close(): Promise<void> {
    this.#ws.close();
    return this.closed;
  }
}

/* ------------------------------------------------------------------ source maps, as a debugger reads them */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One mapping: generated and original positions, 0-based as CDP counts. */
export interface Mapping {
  readonly line: number;
  readonly column: number;
  readonly source: string;
  readonly originalLine: number;
  readonly originalColumn: number;
}

export interface SourceMap {
  readonly sources: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
  readonly mappings: readonly Mapping[];
}

/** Decodes the map of a data: URL (Debugger.scriptParsed's sourceMapURL). */
export function sourceMapOf(url: string): SourceMap {
  const comma = url.indexOf(',');
  const json = JSON.parse(Buffer.from(url.slice(comma + 1), 'base64').toString('utf8')) as { sources: string[]; sourcesContent?: (string | null)[]; mappings: string };
  const mappings: Mapping[] = [];
  let sourceIndex = 0;
  let originalLine = 0;
  let originalColumn = 0;
  json.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      sourceIndex += fields[1] ?? 0;
      originalLine += fields[2] ?? 0;
      originalColumn += fields[3] ?? 0;
      mappings.push({ line: lineIndex, column, source: json.sources[sourceIndex] ?? '', originalLine, originalColumn });
    }
  });
  return { sources: json.sources, sourcesContent: json.sourcesContent, mappings };
}

/** The first generated position of original line `line` (0-based) of the source ending in `file`. */
export function generatedOf(map: SourceMap, file: string, line: number): Mapping | undefined {
  return map.mappings.find((m) => m.source.endsWith(`/${file}`) && m.originalLine === line);
}

/** The original position of a generated one: the last mapping at or before it on its line. */
export function originalOf(map: SourceMap, line: number, column: number): Mapping | undefined {
  return map.mappings.filter((m) => m.line === line && m.column <= column).at(-1);
}
