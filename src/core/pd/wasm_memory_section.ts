/*
 * What a WebAssembly binary says about its own linear memory: whether it
 * defines one, how large it starts, and whether it exports it. The RAM
 * meter needs it before the engine compiles or instantiates the module
 * (metered_webassembly.ts): a memory that is defined but not exported
 * could never be measured, and the initial size is charged before
 * instantiation allocates it.
 */

const SECTION_MEMORY = 5;
const SECTION_EXPORT = 7;
const EXTERNAL_MEMORY = 2;
const PAGE = 64 * 1024;

export interface WasmMemoryInfo {
  /** Bytes of linear memory the module defines itself at instantiation (0 if it imports its memory or has none). */
  readonly initialBytes: number;
  /** Whether it defines a memory that it does not export. */
  readonly hidden: boolean;
}

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    const value = this.bytes[this.offset++];
    if (value === undefined) throw new RangeError('WebAssembly binary ends early');
    return value;
  }

  /* An unsigned LEB128 number (up to 2^53, enough for every size here). */
  unsigned(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
  }

  skip(bytes: number): void {
    this.offset += bytes;
  }
}

/** Reads the memory and export sections of `bytes` (a module the engine is about to compile). */
export function wasmMemoryInfo(bytes: Uint8Array): WasmMemoryInfo {
  const reader = new Reader(bytes);
  reader.skip(8);
  let initialBytes = 0;
  let defined = false;
  let exported = false;
  while (reader.offset < bytes.length) {
    const id = reader.byte();
    const size = reader.unsigned();
    const end = reader.offset + size;
    if (id === SECTION_MEMORY) {
      const count = reader.unsigned();
      for (let i = 0; i < count; i++) {
        const flags = reader.unsigned();
        initialBytes += reader.unsigned() * PAGE;
        if ((flags & 1) !== 0) reader.unsigned();
        defined = true;
      }
    } else if (id === SECTION_EXPORT) {
      const count = reader.unsigned();
      for (let i = 0; i < count; i++) {
        reader.skip(reader.unsigned());
        if (reader.byte() === EXTERNAL_MEMORY) exported = true;
        reader.unsigned();
      }
    }
    reader.offset = end;
  }
  return { initialBytes, hidden: defined && !exported };
}
