/*
 * Metered WebAssembly: compiled modules and linear memory are paid from
 * the PD's RAM account like every other allocation (ram_meter.ts).
 *
 * - A module costs its binary's size while it lives (the engine keeps the
 *   bytes and code of about that size), charged before it compiles.
 * - A module that defines a memory without exporting it is refused: its
 *   growth could never be measured.
 * - Linear memory is charged before the engine allocates it (a module's
 *   initial memory before instantiation, `new WebAssembly.Memory`,
 *   `memory.grow` from JavaScript) and measured by size afterwards, so
 *   that growth from inside the module (the `memory.grow` instruction,
 *   which no JavaScript sees) is paid at the next measurement. The C
 *   runtime also bounds it by the RAM its PD had at start (libc.md).
 * - Streaming compilation needs a Response, which no component has; it is
 *   refused outright rather than left unmetered.
 */

import type { RamMeter } from './ram_meter.js';
import {
  attempt, bufferByteLength, getter, Metering, toIndex, TypedArrayPrototype, typedArrayName, type Constructor,
} from './metering.js';
import { wasmMemoryInfo, type WasmMemoryInfo } from './wasm_memory_section.js';

const PAGE = 64 * 1024;

interface WebAssemblyNamespace {
  compile(bytes: unknown): Promise<object>;
  instantiate(source: unknown, imports?: unknown): Promise<unknown>;
  readonly Module: Constructor;
  readonly Instance: Constructor;
  readonly Memory: Constructor;
}

const WebAssemblyNamespace = (globalThis as unknown as { WebAssembly: WebAssemblyNamespace }).WebAssembly;
const OriginalModule = WebAssemblyNamespace.Module;
const OriginalInstance = WebAssemblyNamespace.Instance;
const OriginalMemory = WebAssemblyNamespace.Memory;
const memoryBuffer = getter(OriginalMemory.prototype, 'buffer');
const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
const typedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
const typedArrayByteLength = getter(TypedArrayPrototype, 'byteLength');
const dataViewBuffer = getter(DataView.prototype, 'buffer');
const dataViewByteOffset = getter(DataView.prototype, 'byteOffset');
const dataViewByteLength = getter(DataView.prototype, 'byteLength');
const OriginalUint8Array = Uint8Array;

/* The bytes of a BufferSource, read through the engine's own getters (an instance's own properties cannot lie here). */
function bytesOf(source: unknown): Uint8Array | undefined {
  const view = (buffer: unknown, offset: unknown, length: unknown) =>
    new OriginalUint8Array(buffer as ArrayBuffer, offset as number, length as number);
  if (typedArrayName.call(source) !== undefined) {
    return view(typedArrayBuffer.call(source), typedArrayByteOffset.call(source), typedArrayByteLength.call(source));
  }
  const dataView = attempt(() => view(dataViewBuffer.call(source), dataViewByteOffset.call(source), dataViewByteLength.call(source)));
  if (dataView !== undefined) return dataView;
  const length = bufferByteLength(source);
  return length === undefined ? undefined : view(source, 0, length);
}

function memoryBytes(memory: object): number {
  return bufferByteLength(memoryBuffer.call(memory)) ?? 0;
}

function isMemory(value: unknown): value is object {
  return attempt(() => memoryBuffer.call(value)) !== undefined;
}

/** Replaces the realm's WebAssembly compilers, instances and memories by metered ones. Call once, before SES is evaluated. */
export function installMeteredWebAssembly(meter: RamMeter): void {
  const metering = new Metering(meter);
  const modules = new WeakMap<object, WasmMemoryInfo>();

  /* The module's memory facts and its cost, or a refusal of a memory nobody could measure; undefined for what is no binary (the engine says why). */
  const inspect = (source: unknown): { info: WasmMemoryInfo; size: number } | undefined => {
    const bytes = bytesOf(source);
    if (bytes === undefined) return undefined;
    const info = attempt(() => wasmMemoryInfo(bytes));
    if (info === undefined) return undefined;
    if (info.hidden) {
      throw new RangeError('WebAssembly module refused: it defines a linear memory it does not export, which the RAM account could not measure');
    }
    return { info, size: bytes.length };
  };
  const adoptModule = (module: object, inspected: { info: WasmMemoryInfo; size: number } | undefined): void => {
    if (inspected === undefined) return;
    modules.set(module, inspected.info);
    meter.track(module, 'wasm', () => inspected.size);
  };
  const trackExports = (instance: object): void => {
    const exports = Reflect.get(instance, 'exports') as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      if (isMemory(value)) meter.track(value, 'wasm', memoryBytes);
    }
  };

  let inspected: { info: WasmMemoryInfo; size: number } | undefined;
  metering.replaceConstructor(WebAssemblyNamespace, OriginalModule, (args) => {
    inspected = inspect(args[0]);
    return inspected?.size ?? 0;
  }, (module) => adoptModule(module, inspected));

  metering.replaceConstructor(WebAssemblyNamespace, OriginalInstance, (args) => modules.get(args[0] as object)?.initialBytes ?? 0, trackExports);

  metering.replaceConstructor(WebAssemblyNamespace, OriginalMemory, (args) => {
    const descriptor = args[0];
    if (typeof descriptor !== 'object' || descriptor === null) return 0;
    /* Read once, so that the engine sees what was paid for. */
    const { initial, maximum, shared } = descriptor as { initial?: unknown; maximum?: unknown; shared?: unknown };
    args[0] = { initial, ...(maximum === undefined ? {} : { maximum }), ...(shared === undefined ? {} : { shared }) };
    return (toIndex(initial) ?? 0) * PAGE;
  }, (memory) => meter.track(memory, 'wasm', memoryBytes));

  metering.replaceMethod(OriginalMemory.prototype, 'grow', (original) => (self, [delta]) => {
    const pages = toIndex(delta);
    if (pages === undefined) return Reflect.apply(original, self, [delta]);
    return metering.paid(pages * PAGE, 'WebAssembly.Memory.prototype.grow', () => Reflect.apply(original, self, [pages]));
  });

  const compile = WebAssemblyNamespace.compile;
  metering.replaceMethod(WebAssemblyNamespace, 'compile', () => async (_self, [source]) => {
    const found = inspect(source);
    const size = found?.size ?? 0;
    const module = await metering.paid(size, 'WebAssembly.compile', () => Reflect.apply(compile, WebAssemblyNamespace, [source]) as Promise<object>)
      .catch((error: unknown) => {
        meter.refund(size);
        throw error;
      });
    adoptModule(module, found);
    return module;
  });
  metering.replaceMethod(WebAssemblyNamespace, 'instantiate', () => async (_self, [source, imports]) => {
    if (source instanceof OriginalModule) return new WebAssemblyNamespace.Instance(source as never, imports as never);
    const module = await WebAssemblyNamespace.compile(source);
    return { module, instance: new WebAssemblyNamespace.Instance(module as never, imports as never) };
  });
  for (const name of ['compileStreaming', 'instantiateStreaming']) {
    metering.replaceMethod(WebAssemblyNamespace, name, () => async () => {
      throw new TypeError(`WebAssembly.${name} is not available in a component: compile the module's bytes`);
    });
  }
}
