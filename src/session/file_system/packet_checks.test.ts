import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPacketPosition, directoryWindow, InvalidPacket, packetRange } from './packet_checks.js';
import { DIRECTORY_ENTRY_SIZE } from './directory_entry.js';
import { Opcode, type Packet } from './packet.js';

const packet = (fields: Partial<Packet>): Packet =>
  ({ tag: 1, handle: 1, opcode: Opcode.READ, position: 0, bulkOffset: 0, length: 0, result: 0, ...fields });

test('a packet\'s bulk region must lie inside the buffer', () => {
  const bulk = new Uint8Array(64);
  assert.equal(packetRange(bulk, packet({ bulkOffset: 16, length: 48 })).length, 48);
  assert.equal(packetRange(bulk, packet({ bulkOffset: 16, length: 48 })).byteOffset, 16);
  assert.throws(() => packetRange(bulk, packet({ bulkOffset: 16, length: 49 })), InvalidPacket);
  assert.throws(() => packetRange(bulk, packet({ bulkOffset: -1, length: 1 })), InvalidPacket);
  assert.throws(() => packetRange(bulk, packet({ bulkOffset: 0, length: -1 })), InvalidPacket);
});

test('a position is a safe, non-negative integer', () => {
  checkPacketPosition(0);
  checkPacketPosition(Number.MAX_SAFE_INTEGER);
  for (const bad of [-1, 0.5, Number.NaN, 2 ** 53]) assert.throws(() => checkPacketPosition(bad), InvalidPacket);
});

test('a directory is read in whole entries', () => {
  assert.deepEqual(directoryWindow(packet({ position: 2 * DIRECTORY_ENTRY_SIZE, length: 3 * DIRECTORY_ENTRY_SIZE + 7 })), { first: 2, count: 3 });
  assert.throws(() => directoryWindow(packet({ position: 5 })), InvalidPacket);
});
