/*
 * What a File_system server checks in every packet a client submits
 * before it acts on it (spec/runtime.md §3): the bulk region lies inside
 * the buffer, a position is a file position, a directory is read in whole
 * entries. A packet that fails is answered INVALID (packetResultOf).
 * Shared by ram_fs and the vfs server.
 */

import { NidoError } from '../../base/errors.js';
import { DIRECTORY_ENTRY_SIZE } from './directory_entry.js';
import type { Packet } from './packet.js';

/** A packet whose fields do not fit together (answered as INVALID). */
export class InvalidPacket extends NidoError {}

/** The bulk region of `packet` within `bulk`; InvalidPacket if it lies outside. */
export function packetRange(bulk: Uint8Array, packet: Packet): Uint8Array {
  const { bulkOffset, length } = packet;
  if (bulkOffset < 0 || length < 0 || bulkOffset + length > bulk.length) {
    throw new InvalidPacket(`bulk range ${bulkOffset}+${length} outside the buffer of ${bulk.length} bytes`);
  }
  return bulk.subarray(bulkOffset, bulkOffset + length);
}

/** Throws InvalidPacket unless `position` is a file position (a safe, non-negative integer). */
export function checkPacketPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) throw new InvalidPacket(`invalid position ${position}`);
}

/** The entries a directory READ asks for: from `first`, at most `count`. */
export function directoryWindow(packet: Packet): { first: number; count: number } {
  if (packet.position % DIRECTORY_ENTRY_SIZE !== 0) {
    throw new InvalidPacket(`directory read at ${packet.position}: not a multiple of ${DIRECTORY_ENTRY_SIZE}`);
  }
  return { first: packet.position / DIRECTORY_ENTRY_SIZE, count: Math.floor(packet.length / DIRECTORY_ENTRY_SIZE) };
}
