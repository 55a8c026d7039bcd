/*
 * argv and environ as WASI lays them out: NUL-terminated strings in one
 * buffer and an array of pointers to them (args_get, environ_get), with
 * their count and total size (args_sizes_get, environ_sizes_get). Shared
 * by the C runtime and the noux process runtime.
 */

import { cString, type GuestMemory } from './guest_memory.js';

export interface StringTable {
  readonly encoded: readonly Uint8Array[];
  readonly bytes: number;
}

export function stringTable(strings: readonly string[]): StringTable {
  const encoded = strings.map(cString);
  return { encoded, bytes: encoded.reduce((sum, s) => sum + s.length, 0) };
}

/** The count and total size of the strings (the *_sizes_get calls). */
export function writeTableSizes(memory: GuestMemory, table: StringTable, countPtr: number, sizePtr: number): void {
  memory.setU32(countPtr, table.encoded.length);
  memory.setU32(sizePtr, table.bytes);
}

/** The strings into `buffer` and the pointers to them into `pointers` (the *_get calls). */
export function writeTable(memory: GuestMemory, table: StringTable, pointers: number, buffer: number): void {
  const target = memory.slice(buffer, table.bytes);
  let at = 0;
  table.encoded.forEach((string, index) => {
    memory.setU32(pointers + index * 4, buffer + at);
    target.set(string, at);
    at += string.length;
  });
}
