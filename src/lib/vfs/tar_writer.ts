/*
 * A small tar writer: what tests and tools need to make archives for the
 * `tar` plugin without a `tar` command. Writes POSIX ustar headers; a
 * name over 100 bytes goes into the ustar prefix field (`format:
 * 'ustar'`) or into a GNU long-name entry (`format: 'gnu'`, the default,
 * also used for long link targets).
 *
 *   const archive = writeTar([{ path: 'etc/motd', type: 'file', data: 'hi' }]);
 */

import { BLOCK } from './tar_archive.js';

export interface TarWriterEntry {
  readonly path: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'hardlink';
  readonly data?: Uint8Array | string;
  readonly linkTarget?: string;
  /** Seconds since the epoch (default 0). */
  readonly mtime?: number;
  readonly mode?: number;
}

export interface TarWriterOptions {
  readonly format?: 'gnu' | 'ustar';
}

const encoder = new TextEncoder();
const TYPEFLAG = { file: '0', hardlink: '1', symlink: '2', directory: '5' } as const;

function put(header: Uint8Array, at: number, length: number, value: string | Uint8Array): void {
  const bytes = typeof value === 'string' ? encoder.encode(value) : value;
  if (bytes.length > length) throw new RangeError(`tar field of ${length} bytes cannot hold ${bytes.length}`);
  header.set(bytes, at);
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0');
}

function header(name: Uint8Array, typeflag: string, size: number, entry: Partial<TarWriterEntry>, link: Uint8Array, prefix: Uint8Array): Uint8Array {
  const block = new Uint8Array(BLOCK);
  put(block, 0, 100, name);
  put(block, 100, 8, octal(entry.mode ?? (typeflag === '5' ? 0o755 : 0o644), 8));
  put(block, 108, 8, octal(0, 8));
  put(block, 116, 8, octal(0, 8));
  put(block, 124, 12, octal(size, 12));
  put(block, 136, 12, octal(entry.mtime ?? 0, 12));
  put(block, 156, 1, typeflag);
  put(block, 157, 100, link);
  put(block, 257, 6, 'ustar\0');
  put(block, 263, 2, '00');
  put(block, 345, 155, prefix);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(block, 148, 8, octal(sum, 7) + '\0');
  return block;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}

/* Splits a long name at a '/' so that both parts fit the ustar fields. */
function ustarSplit(name: Uint8Array): { prefix: Uint8Array; name: Uint8Array } | undefined {
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] === 0x2f && i <= 155 && name.length - i - 1 <= 100) return { prefix: name.subarray(0, i), name: name.subarray(i + 1) };
  }
  return undefined;
}

/** An archive holding `entries` in order, with the two zero blocks that end it. */
export function writeTar(entries: readonly TarWriterEntry[], options: TarWriterOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const empty: Uint8Array = new Uint8Array(0);
  for (const entry of entries) {
    const data = entry.type === 'file' ? (typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data ?? empty) : empty;
    let name: Uint8Array = encoder.encode(entry.type === 'directory' ? entry.path.replace(/\/?$/, '/') : entry.path);
    let prefix: Uint8Array = empty;
    let link: Uint8Array = encoder.encode(entry.linkTarget ?? '');
    if (link.length > 100) {
      parts.push(header(encoder.encode('././@LongLink'), 'K', link.length + 1, {}, empty, empty), padded(new Uint8Array([...link, 0])));
      link = link.subarray(0, 100);
    }
    if (name.length > 100) {
      const split = options.format === 'ustar' ? ustarSplit(name) : undefined;
      if (split !== undefined) {
        ({ prefix, name } = split);
      } else {
        parts.push(header(encoder.encode('././@LongLink'), 'L', name.length + 1, {}, empty, empty), padded(new Uint8Array([...name, 0])));
        name = name.subarray(0, 100);
      }
    }
    parts.push(header(name, TYPEFLAG[entry.type], data.length, entry, link, prefix), padded(data));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  const archive = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    archive.set(part, at);
    at += part.length;
  }
  return archive;
}
