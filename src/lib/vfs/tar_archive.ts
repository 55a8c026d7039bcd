/*
 * Reading tar archives: POSIX ustar headers with their 155-byte name
 * prefix, GNU long names and link targets (`././@LongLink` entries of
 * type L and K), pax extended headers (type x: path, linkpath, size,
 * mtime), and GNU base-256 numbers for sizes over 8 GiB. File data is
 * not copied: an entry's data is a view into the archive.
 *
 *   for (const entry of parseTar(bytes, 'archive.tar')) console.log(entry.path);
 */

export class TarArchiveInvalid extends Error {
  constructor(readonly source: string, readonly offset: number, reason: string) {
    super(`tar archive "${source}" at byte ${offset}: ${reason}`);
    this.name = 'TarArchiveInvalid';
  }
}

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink';

export interface TarEntry {
  /** The name as archived, without leading './' or '/' and trailing '/'. */
  readonly path: string;
  readonly type: TarEntryType;
  /** The content of a file (empty for other types): a view into the archive. */
  readonly data: Uint8Array;
  /** The target of a symlink or hard link. */
  readonly linkTarget: string;
  /** Seconds since the epoch. */
  readonly mtime: number;
  readonly mode: number;
}

export const BLOCK = 512;
const decoder = new TextDecoder();

function text(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decoder.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/* An octal field, or a GNU base-256 number (first byte with the high bit set). */
function number(field: Uint8Array): number | undefined {
  const first = field[0] ?? 0;
  if ((first & 0x80) !== 0) {
    let value = first & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const digits = text(field).trim();
  if (digits === '') return 0;
  return /^[0-7]+$/.test(digits) ? parseInt(digits, 8) : undefined;
}

function checksumOk(header: Uint8Array, stored: number): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  /* old archivers summed signed bytes */
  return stored === unsigned || stored === signed;
}

/* The records of a pax extended header: "LENGTH key=value\n", LENGTH in bytes (the values are UTF-8). */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : parseInt(decoder.decode(data.subarray(at, space)), 10);
    if (!Number.isFinite(length) || length <= space - at || at + length > data.length) break;
    const record = decoder.decode(data.subarray(space + 1, at + length - 1));
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

function cleanPath(path: string): string {
  return path.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

const TYPES: Readonly<Record<string, TarEntryType>> = {
  '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '5': 'directory',
};

/** The entries of a tar archive in archive order (devices, FIFOs and volume labels are left out). */
export function parseTar(archive: Uint8Array, source: string): TarEntry[] {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  for (let offset = 0; offset + BLOCK <= archive.length;) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const stored = number(header.subarray(148, 156));
    if (stored === undefined || !checksumOk(header, stored)) throw new TarArchiveInvalid(source, offset, 'header checksum mismatch');
    const headerSize = number(header.subarray(124, 136));
    if (headerSize === undefined) throw new TarArchiveInvalid(source, offset, 'malformed size field');
    const paxSize = pax.get('size');
    const size = paxSize !== undefined && /^\d+$/.test(paxSize) ? Number(paxSize) : headerSize;
    const dataStart = offset + BLOCK;
    if (dataStart + size > archive.length) throw new TarArchiveInvalid(source, offset, `entry of ${size} bytes runs past the end of the archive`);
    const data = archive.subarray(dataStart, dataStart + size);
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    const typeflag = String.fromCharCode(header[156] ?? 0);

    offset = next;
    /* these describe the entry that follows */
    if (typeflag === 'L') longName = text(data);
    else if (typeflag === 'K') longLink = text(data);
    else if (typeflag === 'x') pax = paxRecords(data);
    if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'g') continue;

    const type = TYPES[typeflag];
    if (type !== undefined) {
      /* POSIX ustar ("ustar\0") has a name prefix; GNU's "ustar  " uses that space otherwise */
      const posix = text(header.subarray(257, 263)) === 'ustar' && header[262] === 0;
      const prefix = posix ? text(header.subarray(345, 500)) : '';
      const name = pax.get('path') ?? longName ?? (prefix === '' ? '' : prefix + '/') + text(header.subarray(0, 100));
      const paxMtime = Number(pax.get('mtime') ?? NaN);
      entries.push({
        path: cleanPath(name),
        type,
        data: type === 'file' ? data : archive.subarray(0, 0),
        linkTarget: pax.get('linkpath') ?? longLink ?? text(header.subarray(157, 257)),
        mtime: Number.isFinite(paxMtime) ? Math.floor(paxMtime) : (number(header.subarray(136, 148)) ?? 0),
        mode: number(header.subarray(100, 108)) ?? 0,
      });
    }
    longName = undefined;
    longLink = undefined;
    pax = new Map();
  }
  return entries;
}
