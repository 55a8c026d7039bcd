/*
 * Dataspaces: memory shared between protection domains, a
 * SharedArrayBuffer underneath. A handle travels by value in RPC messages;
 * the memory itself is shared, not copied.
 */

export interface DataspaceHandle {
  /** Identifies the allocation at its owner (for free()). */
  readonly id: number;
  readonly buffer: SharedArrayBuffer;
  /** Bytes of content (at most buffer.byteLength). */
  readonly size: number;
}

const decoder = new TextDecoder();

/**
 * The content of a dataspace as text: UTF-8 up to the first NUL. The whole
 * buffer is scanned, because a ROM updated in place may have grown within it.
 */
export function dataspaceText(ds: DataspaceHandle): string {
  const bytes = new Uint8Array(ds.buffer);
  const nul = bytes.indexOf(0);
  /* TextDecoder refuses views of shared memory: copy first. */
  return decoder.decode(bytes.slice(0, nul < 0 ? bytes.length : nul));
}

/** A copy of the dataspace content. */
export function dataspaceBytes(ds: DataspaceHandle): Uint8Array {
  return new Uint8Array(ds.buffer, 0, ds.size).slice();
}
