/*
 * Messages between core and the runtime of a protection domain, on the
 * worker's own port. Only trusted code on both sides sees them.
 */

export interface CapDescriptorMessage {
  readonly port: unknown;
  readonly badge: number;
  readonly home: number;
}

/**
 * A script's source map for its stack traces: the map's JSON (UTF-8,
 * shared by every start of the binary), the index of the module itself
 * among its sources and the file that module is (`client.ts`).
 */
export interface ScriptMap {
  readonly json: SharedArrayBuffer;
  readonly main: number;
  readonly file: string;
}

/** A component's binary as the runtime receives it: a script for its compartment, or a WebAssembly program. */
export type Binary =
  | { readonly kind: 'script'; readonly code: string; readonly globals: readonly string[]; readonly map?: ScriptMap }
  | { readonly kind: 'wasm'; readonly bytes: Uint8Array };

export type CoreToPd =
  | {
    readonly t: 'start';
    readonly pd: number;
    readonly label: string;
    readonly binary: Binary;
    readonly filename: string;
    /** RAM the component may still use when it starts (a WebAssembly program's memory limit). */
    readonly ramAvail: number;
    readonly parent: CapDescriptorMessage;
    readonly liveness: SharedArrayBuffer;
    readonly capQuota: number;
    /** The RAM account's shared cells (core/ram_cells.ts): the runtime charges what the component allocates there. */
    readonly ram: SharedArrayBuffer;
  }
  | { readonly t: 'caps'; readonly quota: number };

export type PdToCore =
  | { readonly t: 'ready'; readonly cache?: Uint8Array }
  | { readonly t: 'started' }
  | { readonly t: 'caps'; readonly used: number }
  /** The component holds more than its RAM quota: end it with `message`. */
  | { readonly t: 'ram'; readonly message: string }
  | { readonly t: 'exit'; readonly code: number };
