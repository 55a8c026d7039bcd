/*
 * What the vfs server does with a packet of a session's stream
 * (spec/runtime.md §3): READ of a file, a symlink's target or a
 * directory's entries (DIRECTORY_ENTRY_SIZE records), WRITE to a file
 * (SEEK_TAIL appends) or a symlink (its target), WRITE_TIMESTAMP, SYNC,
 * READ_READY. The answer is the bytes transferred; a thrown File_system
 * error becomes the packet's failure code.
 */

import {
  checkPacketPosition, directoryWindow, DIRECTORY_ENTRY_SIZE, encodeDirectoryEntry, InvalidHandle, InvalidPacket, NoSpace, Opcode,
  packetRange, PermissionDenied, SEEK_TAIL, type Packet,
} from 'nido';
import { Errno, VfsError, type VfsTimes } from '../../lib/vfs/interface.js';
import type { OpenNode } from './open_node.js';

export interface PacketContext {
  open(handle: number): OpenNode;
  bulk(): Uint8Array;
  writeable(): boolean;
  /** Runs a VFS operation, turning VfsErrors into File_system errors. */
  vfs<T>(operation: () => T): T;
  /** The entries of a directory of the VFS. */
  entries(path: string): { name: string; type: 'directory' | 'symlink' | 'continuous_file'; inode: number }[];
  readlink(path: string): string;
  /** Makes (or replaces) the symlink at `path`. */
  writeSymlink(path: string, target: string): void;
  /** Tells the watchers of `path` that it changed. */
  changed(path: string): void;
  /** Sets the times of the node at `path` (not following a symlink). */
  setTimes(path: string, times: VfsTimes): void;
}

const decoder = new TextDecoder();

function range(context: PacketContext, packet: Packet): Uint8Array {
  return packetRange(context.bulk(), packet);
}

function readDirectory(context: PacketContext, open: OpenNode, packet: Packet): number {
  const { first, count } = directoryWindow(packet);
  const target = range(context, packet);
  const entries = context.entries(open.path).slice(first, first + count);
  entries.forEach((entry, i) => encodeDirectoryEntry(target, i * DIRECTORY_ENTRY_SIZE, entry,
    { readable: true, writeable: context.writeable(), executable: entry.type === 'directory' }));
  return entries.length * DIRECTORY_ENTRY_SIZE;
}

function read(context: PacketContext, open: OpenNode, packet: Packet): number {
  checkPacketPosition(packet.position);
  if (open.kind === 'directory') return readDirectory(context, open, packet);
  const target = range(context, packet);
  if (open.kind === 'symlink') {
    const bytes = new TextEncoder().encode(context.readlink(open.path)).subarray(packet.position, packet.position + packet.length);
    target.set(bytes);
    return bytes.length;
  }
  const file = open.file;
  if (file === undefined || !open.readable) throw new PermissionDenied(`handle ${packet.handle} is not open for reading`);
  return context.vfs(() => {
    try {
      return file.read(target, packet.position);
    } catch (error) {
      /* a device with nothing to read now (a terminal): nothing, not a failure */
      if (error instanceof VfsError && error.errno === Errno.AGAIN) return 0;
      throw error;
    }
  });
}

function write(context: PacketContext, open: OpenNode, packet: Packet): number {
  const data = range(context, packet);
  if (!context.writeable() || !open.writeable) throw new PermissionDenied(`handle ${packet.handle} is not open for writing`);
  if (open.kind === 'symlink') {
    if (packet.position !== 0) throw new InvalidPacket('a symlink\'s target is written at position 0');
    context.writeSymlink(open.path, decoder.decode(data.slice()));
    open.written = true;
    return data.length;
  }
  const file = open.file;
  if (file === undefined) throw new InvalidHandle(`WRITE to a ${open.kind}`);
  const position = packet.position === SEEK_TAIL ? context.vfs(() => file.stat().size) : packet.position;
  checkPacketPosition(position);
  const written = context.vfs(() => file.write(data, position));
  if (written === 0 && data.length > 0) throw new NoSpace(`write of ${data.length} bytes: the file system is full`);
  open.written = true;
  return written;
}

function writeTimestamp(context: PacketContext, open: OpenNode, packet: Packet): number {
  if (!context.writeable()) throw new PermissionDenied(`timestamp of handle ${packet.handle}: read-only session`);
  if (!Number.isSafeInteger(packet.position)) throw new InvalidPacket(`invalid timestamp ${packet.position}`);
  const times = { modification: BigInt(packet.position) * 1_000_000_000n };
  /* a file's handle also reaches a file that lost its name; other nodes go by path */
  const file = open.file;
  if (file === undefined) context.setTimes(open.path, times);
  else context.vfs(() => file.setTimes?.(times));
  return 0;
}

/** Processes one packet of a session; answers the bytes transferred. */
export function processPacket(context: PacketContext, packet: Packet): number {
  const open = context.open(packet.handle);
  switch (packet.opcode) {
    case Opcode.READ:
      return read(context, open, packet);
    case Opcode.WRITE:
      return write(context, open, packet);
    case Opcode.WRITE_TIMESTAMP:
      return writeTimestamp(context, open, packet);
    case Opcode.SYNC:
      context.vfs(() => open.file?.sync());
      if (open.written) context.changed(open.path);
      return 0;
    case Opcode.READ_READY:
    case Opcode.CONTENT_CHANGED:
      return 0;
    default:
      throw new InvalidPacket(`unknown opcode ${String(packet.opcode)}`);
  }
}
