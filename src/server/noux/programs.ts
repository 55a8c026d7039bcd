/*
 * The programs noux runs: a path read from the VFS becomes a WebAssembly
 * binary (directly or as a `#!` script's interpreter) with a number of its
 * own. The number is what lets a protection domain that already compiled
 * the binary skip sending and compiling it again: a shell's fork + exec
 * of the same program, or a PD noux kept for later processes (kernel.ts).
 *
 * A path read again gets the same number only if its bytes are the same:
 * the file is read and compared every time, so that a program rewritten
 * in place is never mistaken for the old one (reading and comparing cost
 * a fraction of a millisecond per MiB; compiling costs far more). Another
 * path with the same bytes gets the same number too: the symlinks of a
 * multicall binary (coreutils' bin/ls, bin/cat, … → coreutils) are one
 * program, compiled once, not one module of megabytes per name.
 */

import type { Vfs } from 'nido';
import { vfsCall } from './vfs_file.js';
import { WasiErrno } from './wasi.js';

/* The longest `#!` line Linux reads. */
const SHEBANG_MAX = 256;
/* Binaries remembered by path: enough for a shell and the tools of a pipeline. */
const REMEMBERED = 8;

export interface Binary {
  readonly bytes: Uint8Array;
  readonly id: number;
}

export interface Program {
  readonly binary: Binary;
  readonly argv: readonly string[];
}

export class Programs {
  readonly #vfs: Vfs;
  /* Path → binary, most recently used last. */
  readonly #byPath = new Map<string, Binary>();
  #nextId = 1;

  constructor(vfs: Vfs) {
    this.#vfs = vfs;
  }

  /**
   * The program at `path` with its argv: a WebAssembly binary, or a
   * `#!` script whose interpreter is one (argv as Linux builds it:
   * interpreter, its one optional argument, the script's path, the rest).
   * A negated errno when there is none.
   */
  load(path: string, argv: readonly string[]): Program | number {
    const bytes = this.#readFile(path);
    if (typeof bytes === 'number') return bytes;
    if (bytes[0] === 0x23 && bytes[1] === 0x21) {
      const end = bytes.indexOf(10);
      const line = new TextDecoder().decode(bytes.subarray(2, end < 0 ? Math.min(bytes.length, SHEBANG_MAX) : Math.min(end, SHEBANG_MAX))).trim();
      const space = line.search(/[ \t]/);
      const interpreter = space < 0 ? line : line.slice(0, space);
      const argument = space < 0 ? '' : line.slice(space).trim();
      if (interpreter === '') return -WasiErrno.NOEXEC;
      const binary = this.#readFile(interpreter);
      if (typeof binary === 'number') return binary;
      if (!isWasm(binary)) return -WasiErrno.NOEXEC;
      return { binary: this.#remember(interpreter, binary), argv: [interpreter, ...(argument === '' ? [] : [argument]), path, ...argv.slice(1)] };
    }
    if (!isWasm(bytes)) return -WasiErrno.NOEXEC;
    return { binary: this.#remember(path, bytes), argv };
  }

  /* The binary read from `path`: the remembered one if the bytes are the same, else a new one. */
  #remember(path: string, bytes: Uint8Array): Binary {
    const known = this.#byPath.get(path);
    this.#byPath.delete(path);
    const binary = (known !== undefined && equalBytes(known.bytes, bytes) ? known : undefined)
      ?? [...this.#byPath.values()].find((other) => equalBytes(other.bytes, bytes))
      ?? { bytes, id: this.#nextId++ };
    this.#byPath.set(path, binary);
    if (this.#byPath.size > REMEMBERED) this.#byPath.delete(this.#byPath.keys().next().value as string);
    return binary;
  }

  #readFile(path: string): Uint8Array | number {
    const stat = vfsCall(() => this.#vfs.stat(path, true));
    if (typeof stat === 'number') return stat;
    if (stat.type === 'directory') return -WasiErrno.ACCES;
    const handle = vfsCall(() => this.#vfs.open(path, { read: true, write: false, create: false, exclusive: false, truncate: false, append: false }));
    if (typeof handle === 'number') return handle;
    try {
      const bytes = new Uint8Array(stat.size);
      let at = 0;
      while (at < bytes.length) {
        const n = vfsCall(() => handle.read(bytes.subarray(at), at));
        if (typeof n === 'number' && n <= 0) break;
        at += n;
      }
      return bytes.subarray(0, at);
    } finally {
      vfsCall(() => handle.close());
    }
  }
}

function isWasm(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  /* Word by word where both are aligned (they are: fresh arrays from #readFile). */
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >>> 2;
    const wa = new Int32Array(a.buffer, a.byteOffset, words);
    const wb = new Int32Array(b.buffer, b.byteOffset, words);
    for (let i = 0; i < words; i++) if (wa[i] !== wb[i]) return false;
    for (let i = words * 4; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
