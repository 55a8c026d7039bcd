/*
 * Byte encoding of RPC messages for the synchronous path, where a message is
 * written into shared memory instead of being posted.
 *
 * Layout: u32 json length, u32 chunk count, json (UTF-8), then per chunk
 * u32 length and the raw bytes. Binary data (Uint8Array) travels as chunks,
 * referenced from the JSON by {"$b": index}, so that file data is copied
 * once and never turned into text.
 *
 * A WireBuffer writes a message straight into its slot and reads it
 * straight out of it: the text goes in by encodeInto and comes out of a
 * view, so a small message allocates no buffer on either side. Inside a
 * protection domain every buffer is metered (a charge per allocation, and
 * garbage that costs a collection sooner or later), and the synchronous
 * path runs for every system call of a program. Only binary chunks are
 * copied out, as the receiver keeps them.
 */

import { UnmarshallableValue } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/* u32 json length, u32 chunk count. */
const HEADER = 8;

/* Whether `value` is shaped like a chunk reference, which the encoding could not tell from one. */
function isMarker(keys: readonly string[]): boolean {
  return keys.length === 1 && keys[0] === '$b';
}

/* `value` with every Uint8Array replaced by a reference to its chunk (copies only what holds one). */
function extract(value: unknown, chunks: Uint8Array[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) {
    chunks.push(value);
    return { $b: chunks.length - 1 };
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw new UnmarshallableValue('synchronous RPC carries binary data only as Uint8Array');
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = extract(item, chunks);
      if (mapped !== item) {
        out ??= value.slice();
        out[i] = mapped;
      }
    }
    return out ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (isMarker(keys)) throw new UnmarshallableValue('an object with the single key "$b" cannot be sent synchronously');
  let out: Record<string, unknown> | undefined;
  for (const key of keys) {
    const item = record[key];
    const mapped = extract(item, chunks);
    if (mapped !== item) {
      out ??= { ...record };
      out[key] = mapped;
    }
  }
  return out ?? value;
}

function inject(value: unknown, chunks: readonly Uint8Array[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = inject(value[i], chunks);
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (isMarker(keys)) {
    const index = record['$b'];
    const chunk = typeof index === 'number' ? chunks[index] : undefined;
    if (chunk === undefined) throw new UnmarshallableValue(`binary chunk ${String(index)} missing`);
    return chunk;
  }
  for (const key of keys) record[key] = inject(record[key], chunks);
  return record;
}

/** A message that did not fit the buffer it was written to, kept for a larger one. */
export interface Encoded {
  /** Bytes the message takes. */
  readonly size: number;
}

class EncodedMessage implements Encoded {
  readonly size: number;
  constructor(readonly json: Uint8Array, readonly chunks: readonly Uint8Array[]) {
    let size = HEADER + json.length;
    for (const chunk of chunks) size += 4 + chunk.length;
    this.size = size;
  }
}

/** Encodes `value` on its own: for a message larger than the buffer at hand. */
export function encodeWire(value: unknown): Encoded {
  const chunks: Uint8Array[] = [];
  return new EncodedMessage(encoder.encode(JSON.stringify(extract(value, chunks)) ?? 'null'), chunks);
}

/**
 * A message slot at `offset` of a buffer (the synchronous channel's shared
 * memory): writes a JSON-like value with Uint8Array leaves into it and
 * reads one out.
 *
 * ```ts
 * const wire = new WireBuffer(new SharedArrayBuffer(4096), 16);
 * wire.write({ m: 'write', a: [1, new Uint8Array([120])] });
 * wire.read(); // { m: 'write', a: [1, Uint8Array [120]] }
 * ```
 */
export class WireBuffer {
  readonly #offset: number;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  /* Where the text goes, to the end of the buffer. */
  readonly #text: Uint8Array;

  constructor(buffer: ArrayBufferLike, offset: number) {
    this.#offset = offset;
    this.#bytes = new Uint8Array(buffer);
    this.#view = new DataView(buffer);
    this.#text = new Uint8Array(buffer, offset + HEADER);
  }

  /** Bytes a message may take here. */
  get capacity(): number {
    return this.#bytes.length - this.#offset;
  }

  /**
   * Writes `value`. Answers undefined, or, when it does not fit, the
   * message for a larger buffer (what was written here is then garbage).
   */
  write(value: unknown): Encoded | undefined {
    const chunks: Uint8Array[] = [];
    const json = JSON.stringify(extract(value, chunks)) ?? 'null';
    const { read, written } = encoder.encodeInto(json, this.#text);
    if (read !== json.length || !this.#writeChunks(this.#offset + HEADER + written, chunks)) {
      return new EncodedMessage(encoder.encode(json), chunks);
    }
    this.#view.setUint32(this.#offset, written, true);
    this.#view.setUint32(this.#offset + 4, chunks.length, true);
    return undefined;
  }

  /** Writes a message that did not fit elsewhere; it must fit here (`capacity`). */
  writeEncoded(encoded: Encoded): void {
    if (!(encoded instanceof EncodedMessage) || encoded.size > this.capacity) {
      throw new RangeError(`wire: a message of ${encoded.size} bytes does not fit a buffer of ${this.capacity}`);
    }
    this.#text.set(encoded.json);
    this.#writeChunks(this.#offset + HEADER + encoded.json.length, encoded.chunks);
    this.#view.setUint32(this.#offset, encoded.json.length, true);
    this.#view.setUint32(this.#offset + 4, encoded.chunks.length, true);
  }

  /* Puts `chunks` from `at` on; false if they do not fit. */
  #writeChunks(at: number, chunks: readonly Uint8Array[]): boolean {
    const bytes = this.#bytes;
    for (const chunk of chunks) {
      if (at + 4 + chunk.length > bytes.length) return false;
      this.#view.setUint32(at, chunk.length, true);
      bytes.set(chunk, at + 4);
      at += 4 + chunk.length;
    }
    return true;
  }

  /**
   * Reads the message written here; binary leaves are copies. Throws
   * (UnmarshallableValue, SyntaxError, RangeError) on bytes that are no
   * message, which a hostile writer may have put there.
   */
  read(): unknown {
    const view = this.#view;
    const jsonLength = view.getUint32(this.#offset, true);
    const count = view.getUint32(this.#offset + 4, true);
    if (HEADER + jsonLength > this.capacity) throw new RangeError(`wire: a text of ${jsonLength} bytes overruns the buffer`);
    const value: unknown = JSON.parse(decoder.decode(this.#text.subarray(0, jsonLength)));
    if (count === 0) return value;
    const chunks: Uint8Array[] = [];
    let at = this.#offset + HEADER + jsonLength;
    for (let i = 0; i < count; i++) {
      const length = view.getUint32(at, true);
      if (at + 4 + length > this.#bytes.length) throw new RangeError(`wire: chunk ${i} of ${length} bytes overruns the buffer`);
      chunks.push(this.#bytes.slice(at + 4, at + 4 + length));
      at += 4 + length;
    }
    return inject(value, chunks);
  }
}
