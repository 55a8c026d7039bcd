/*
 * The WebAssembly JS API, typed for this library. The project compiles
 * against ES2024 and Node's types, neither of which declares the
 * `WebAssembly` global (it lives in the DOM library), so the few parts the
 * C runtime uses are declared here and reached through `globalThis`.
 */

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module (an opaque engine object). */
export interface WasmModule {
  readonly __wasmModule?: never;
}

export interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

export interface ModuleImportDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

export interface ModuleExportDescriptor {
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

export type WasmImportFunction = (...args: never[]) => number | void;
export type WasmImports = Record<string, Record<string, WasmImportFunction>>;

type ErrorClass = new (message?: string) => Error;

interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: WasmImports): Promise<WasmInstance>;
  readonly Module: (abstract new (...args: never[]) => WasmModule) & {
    imports(module: WasmModule): ModuleImportDescriptor[];
    exports(module: WasmModule): ModuleExportDescriptor[];
    customSections(module: WasmModule, name: string): ArrayBuffer[];
  };
  readonly Instance: abstract new (...args: never[]) => WasmInstance;
  readonly Memory: abstract new (...args: never[]) => WasmMemory;
  readonly RuntimeError: ErrorClass;
  readonly CompileError: ErrorClass;
  readonly LinkError: ErrorClass;
}

export const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Whether `value` is a WebAssembly.Memory. */
export function isMemory(value: unknown): value is WasmMemory {
  return value instanceof WebAssemblyApi.Memory;
}

/** Whether `bytes` start with the WebAssembly magic `\0asm`. */
export function isWasmBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}
