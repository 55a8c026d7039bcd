/*
 * Messages between core and the runtime of a protection domain, on the
 * worker's own port. Only trusted code on both sides sees them.
 */

export interface CapDescriptorMessage {
  readonly port: unknown;
  readonly badge: number;
  readonly home: number;
}

/** A component's binary as the runtime receives it: a script for its compartment, or a WebAssembly program. */
export type Binary =
  | { readonly kind: 'script'; readonly code: string; readonly globals: readonly string[] }
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
