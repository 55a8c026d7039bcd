/*
 * Packets of the File_system packet stream (spec/runtime.md §3): what a
 * client asks (READ, WRITE, ...) of an open node, where the data lies in
 * the bulk buffer, and what the server answered.
 *
 * A packet's `result` is the server's answer: bytes transferred (0 or
 * more) when the operation succeeded, one of the negative PacketError codes
 * when it failed. Genode's packets carry only a success flag; the code lets
 * the client raise the same typed error (NoSpace, PermissionDenied, ...)
 * that an RPC would.
 */

import { NidoError } from '../../base/errors.js';
import { InvalidHandle, NoSpace, PermissionDenied, Unavailable } from './interface.js';

export const Opcode = {
  READ: 0,
  WRITE: 1,
  /** Sets the node's modification time to `position` (seconds since the epoch). */
  WRITE_TIMESTAMP: 2,
  /** Server → client: a watched node changed. Submitted by a client, it is acknowledged without effect. */
  CONTENT_CHANGED: 3,
  /** Acknowledged when a read of the node would not block (at once for files in memory). */
  READ_READY: 4,
  /** Acknowledged when earlier writes are done; tells watchers of the node. */
  SYNC: 5,
} as const;
export type Opcode = (typeof Opcode)[keyof typeof Opcode];

/** Position of a WRITE that appends at the current end of the file (Genode's SEEK_TAIL). */
export const SEEK_TAIL = -1;

/** Failure codes in a packet's `result`. */
export const PacketError = {
  INVALID_HANDLE: -1,
  PERMISSION_DENIED: -2,
  NO_SPACE: -3,
  /** Opcode, bulk range, position or node type do not fit together. */
  INVALID: -4,
  UNAVAILABLE: -5,
} as const;
export type PacketError = (typeof PacketError)[keyof typeof PacketError];

/** Result of a packet that has not been acknowledged yet. */
export const PENDING = -0x7fff_ffff;

/** A packet as it travels in a queue. */
export interface Packet {
  /** Chosen by the submitter to match the acknowledgement; 0 for packets the server originates. */
  readonly tag: number;
  readonly handle: number;
  readonly opcode: Opcode;
  /** File offset (SEEK_TAIL to append), or the timestamp of WRITE_TIMESTAMP. */
  readonly position: number;
  /** Where the data lies in the bulk buffer (bytes from its start). */
  readonly bulkOffset: number;
  /** Bytes to transfer. */
  readonly length: number;
  /** PENDING, bytes transferred, or a PacketError. */
  readonly result: number;
}

/** A packet-level operation that the server refused, for opcodes without a more specific error. */
export class PacketFailed extends NidoError {}

const OPCODE_NAMES = ['READ', 'WRITE', 'WRITE_TIMESTAMP', 'CONTENT_CHANGED', 'READ_READY', 'SYNC'];

/** The name of an opcode, for messages. */
export function opcodeName(opcode: number): string {
  return OPCODE_NAMES[opcode] ?? `opcode ${opcode}`;
}

/** The typed error for a failed packet; `where` names the session. */
export function packetError(packet: Packet, where: string): Error {
  const what = `${opcodeName(packet.opcode)} of handle ${packet.handle} at ${packet.position} (${packet.length} bytes) on ${where}`;
  switch (packet.result) {
    case PacketError.INVALID_HANDLE: return new InvalidHandle(`${what}: invalid handle`);
    case PacketError.PERMISSION_DENIED: return new PermissionDenied(`${what}: permission denied (a read-only session or handle)`);
    case PacketError.NO_SPACE: return new NoSpace(`${what}: no space left (the session quota of the file system is used up)`);
    case PacketError.UNAVAILABLE: return new Unavailable(`${what}: unavailable`);
    default: return new PacketFailed(`${what}: refused by the server (code ${packet.result})`);
  }
}
