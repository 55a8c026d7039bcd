/*
 * Where random_get's bytes come from. With `<libc rng="/dev/random">` they
 * are read from that VFS file, as Genode's libc reads its rng path; without
 * it from `crypto.getRandomValues`, which the protection domain's trusted
 * runtime reaches (it is a global of every worker thread; SES lockdown
 * leaves it in the start compartment, and the component's own compartment
 * never sees it).
 */

import type { VfsHandle } from '../vfs/interface.js';
import { SyscallError } from './errors.js';
import { WasiErrno } from './wasi_abi.js';

/* crypto.getRandomValues refuses more than 64 KiB per call. */
const MAX_CHUNK = 65536;

interface WebCrypto {
  getRandomValues(array: Uint8Array): Uint8Array;
}

export type Entropy = (buffer: Uint8Array) => void;

/** The runtime's own source. */
export function cryptoEntropy(): Entropy {
  const crypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (crypto === undefined) return () => { throw new SyscallError(WasiErrno.NOSYS, 'no entropy source in this realm'); };
  return (buffer) => {
    for (let at = 0; at < buffer.length; at += MAX_CHUNK) crypto.getRandomValues(buffer.subarray(at, at + MAX_CHUNK));
  };
}

/** Reads from an open VFS file until `buffer` is full; a device that ends early is EIO. */
export function fileEntropy(handle: VfsHandle): Entropy {
  /* A device ignores the offset; a regular file (a fixed seed in a test) is read on. */
  let offset = 0;
  return (buffer) => {
    let filled = 0;
    while (filled < buffer.length) {
      const got = handle.read(buffer.subarray(filled), offset);
      if (got === 0) throw new SyscallError(WasiErrno.IO, 'the rng file ended');
      filled += got;
      offset += got;
    }
  };
}
