/*
 * What ram_fs does with a packet of a session's stream (spec/runtime.md
 * §3): READ of a file, a symlink's target or a directory's entries
 * (DIRECTORY_ENTRY_SIZE records), WRITE to a file or symlink (SEEK_TAIL
 * appends), WRITE_TIMESTAMP, SYNC (tells the node's watchers about writes),
 * READ_READY (always ready: the data is in memory).
 *
 * The answer is the bytes transferred; a thrown File_system error becomes
 * the packet's failure code (packetResultOf in 'nido').
 */

import {
  checkPacketPosition, directoryWindow, DIRECTORY_ENTRY_SIZE, encodeDirectoryEntry, InvalidPacket, Opcode, packetRange,
  PermissionDenied, SEEK_TAIL, type Packet,
} from 'nido';
import { Directory, File, Symlink } from './node.js';
import type { OpenNode } from './open_node.js';

export interface PacketContext {
  open(handle: number): OpenNode;
  bulk(): Uint8Array;
  writeable(): boolean;
}

function readDirectory(directory: Directory, writeable: boolean, bulk: Uint8Array, packet: Packet): number {
  const { first, count } = directoryWindow(packet);
  const entries = [...directory.entries].slice(first, first + count);
  entries.forEach(([name, node], i) => encodeDirectoryEntry(bulk, packet.bulkOffset + i * DIRECTORY_ENTRY_SIZE,
    { name, type: node.type, inode: node.inode },
    { readable: true, writeable, executable: node instanceof Directory }));
  return entries.length * DIRECTORY_ENTRY_SIZE;
}

function read(context: PacketContext, open: OpenNode, packet: Packet): number {
  const bulk = context.bulk();
  packetRange(bulk, packet);
  checkPacketPosition(packet.position);
  const node = open.node;
  if (node instanceof Directory) return readDirectory(node, context.writeable(), bulk, packet);
  if (node instanceof Symlink) {
    const bytes = node.target.subarray(packet.position, packet.position + packet.length);
    bulk.set(bytes, packet.bulkOffset);
    return bytes.length;
  }
  if (!open.readable) throw new PermissionDenied(`handle ${packet.handle} is not open for reading`);
  return (node as File).data.read(bulk, packet.bulkOffset, packet.position, packet.length);
}

function write(context: PacketContext, open: OpenNode, packet: Packet): number | Promise<number> {
  const bulk = context.bulk();
  packetRange(bulk, packet);
  if (!context.writeable() || !open.writeable) throw new PermissionDenied(`handle ${packet.handle} is not open for writing`);
  const node = open.node;
  const position = packet.position === SEEK_TAIL ? node.size : packet.position;
  checkPacketPosition(position);
  if (position + packet.length > Number.MAX_SAFE_INTEGER) throw new InvalidPacket(`WRITE beyond the largest file size at ${position}`);
  open.written = true;
  if (node instanceof File) return node.data.write(bulk, packet.bulkOffset, position, packet.length);
  if (node instanceof Symlink) return node.write(bulk.slice(packet.bulkOffset, packet.bulkOffset + packet.length), position);
  throw new InvalidPacket(`WRITE to a ${node.type}`);
}

/** Processes one packet of a session; answers the bytes transferred. */
export function processPacket(context: PacketContext, packet: Packet): number | Promise<number> {
  const open = context.open(packet.handle);
  switch (packet.opcode) {
    case Opcode.READ:
      return read(context, open, packet);
    case Opcode.WRITE:
      return write(context, open, packet);
    case Opcode.WRITE_TIMESTAMP:
      if (!context.writeable()) throw new PermissionDenied(`timestamp of handle ${packet.handle}: read-only session`);
      if (!Number.isFinite(packet.position)) throw new InvalidPacket(`invalid timestamp ${packet.position}`);
      open.node.modificationTime = packet.position;
      return 0;
    case Opcode.SYNC:
      if (open.written) open.node.notify();
      return 0;
    case Opcode.READ_READY:
    case Opcode.CONTENT_CHANGED:
      return 0;
    default:
      throw new InvalidPacket(`unknown opcode ${String(packet.opcode)}`);
  }
}
