/*
 * Byte encoding of RPC messages for the synchronous path, where a message is
 * written into shared memory instead of being posted.
 *
 * Layout: u32 json length, json (UTF-8), u32 chunk count, then per chunk
 * u32 length and the raw bytes. Binary data (Uint8Array) travels as chunks,
 * referenced from the JSON by {"$b": index}, so that file data is copied
 * once and never turned into text.
 */

import { UnmarshallableValue } from './errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

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
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const mapped = extract(item, chunks);
    if (mapped !== item) {
      out ??= { ...(value as Record<string, unknown>) };
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
  const index = record['$b'];
  if (typeof index === 'number' && Object.keys(record).length === 1) {
    const chunk = chunks[index];
    if (chunk === undefined) throw new UnmarshallableValue(`binary chunk ${index} missing`);
    return chunk;
  }
  for (const key of Object.keys(record)) record[key] = inject(record[key], chunks);
  return record;
}

/** Bytes needed to encode `value`, and a writer that puts it at `target[offset...]`. */
export interface Encoded {
  readonly size: number;
  write(target: Uint8Array, offset: number): void;
}

/** Encodes a JSON-like value with Uint8Array leaves. */
export function encodeWire(value: unknown): Encoded {
  const chunks: Uint8Array[] = [];
  const json = encoder.encode(JSON.stringify(extract(value, chunks) ?? null));
  let size = 8 + json.length;
  for (const chunk of chunks) size += 4 + chunk.length;
  return {
    size,
    write(target: Uint8Array, offset: number): void {
      const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
      view.setUint32(offset, json.length, true);
      target.set(json, offset + 4);
      let at = offset + 4 + json.length;
      view.setUint32(at, chunks.length, true);
      at += 4;
      for (const chunk of chunks) {
        view.setUint32(at, chunk.length, true);
        target.set(chunk, at + 4);
        at += 4 + chunk.length;
      }
    },
  };
}

/** Decodes what encodeWire wrote at `source[offset...]`; binary leaves are copies. */
export function decodeWire(source: Uint8Array, offset: number): unknown {
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const jsonLength = view.getUint32(offset, true);
  /* TextDecoder refuses views of shared memory: copy first. */
  const json = decoder.decode(source.slice(offset + 4, offset + 4 + jsonLength));
  let at = offset + 4 + jsonLength;
  const count = view.getUint32(at, true);
  at += 4;
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(at, true);
    chunks.push(source.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return inject(JSON.parse(json), chunks);
}
