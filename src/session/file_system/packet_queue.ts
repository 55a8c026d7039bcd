/*
 * The shared memory of a File_system packet stream and its two queues
 * (spec/runtime.md §3): one SharedArrayBuffer dataspace that the server
 * allocates from the session quota, holding
 *
 *   header     magic, depth, bulk offset and size, the closed flag, and
 *              the four queue counters, each on its own 64-byte line so
 *              that client and server do not write the same cache line
 *   submit     32 packet slots, client → server
 *   ack        32 packet slots, server → client
 *   bulk       the data of the packets, `tx_buf_size` bytes
 *
 * Each queue is a ring with one producer and one consumer: the producer
 * fills a slot and then publishes it by storing the head counter with
 * Atomics (which orders the slot's plain writes before it), the consumer
 * reads the slot and then stores the tail counter. Counters run freely and
 * wrap at 2^32; `head - tail` is the number of queued packets.
 */

import { NidoError } from '../../base/errors.js';
import type { Opcode, Packet } from './packet.js';

/** The memory is not a packet stream of this layout, or a value does not fit it. */
export class InvalidPacketStream extends NidoError {}

/** Packets per queue (Genode's default queue size). */
export const QUEUE_DEPTH = 32;
const PACKET_BYTES = 32;

const MAGIC = 0x4e46_5370;
/* Int32 words of the header. */
const MAGIC_WORD = 0;
const DEPTH_WORD = 1;
const BULK_OFFSET_WORD = 2;
const BULK_SIZE_WORD = 3;
export const CLOSED_WORD = 4;
export const SUBMIT_HEAD = 16;
export const SUBMIT_TAIL = 32;
export const ACK_HEAD = 48;
export const ACK_TAIL = 64;
const HEADER_BYTES = 320;

const SUBMIT_RING = HEADER_BYTES;
const ACK_RING = SUBMIT_RING + QUEUE_DEPTH * PACKET_BYTES;
/** Byte offset of the bulk buffer within the dataspace (a multiple of 64). */
export const BULK_START = ACK_RING + QUEUE_DEPTH * PACKET_BYTES;

/** Largest bulk buffer: bulk offsets and lengths travel as 32-bit integers. */
export const MAX_BULK_SIZE = 1 << 30;

/* Fields of a slot: Int32 words 0..5, the position as a Float64 at byte 24. */
const TAG = 0;
const HANDLE = 1;
const OPCODE = 2;
const BULK_OFFSET = 3;
const LENGTH = 4;
const RESULT = 5;
const POSITION_BYTE = 24;

/** Bytes of a packet-stream dataspace with `bulkSize` bytes of bulk buffer. */
export function packetStreamSize(bulkSize: number): number {
  return BULK_START + bulkSize;
}

/** Writes the header of a fresh packet stream (the server does this once, before handing it out). */
export function formatPacketStream(buffer: SharedArrayBuffer, bulkSize: number): void {
  if (!Number.isSafeInteger(bulkSize) || bulkSize <= 0 || bulkSize > MAX_BULK_SIZE) {
    throw new InvalidPacketStream(`bulk buffer of ${bulkSize} bytes: must be 1 to ${MAX_BULK_SIZE}`);
  }
  if (buffer.byteLength < packetStreamSize(bulkSize)) {
    throw new InvalidPacketStream(`dataspace of ${buffer.byteLength} bytes cannot hold a packet stream with ${bulkSize} bytes of bulk buffer`);
  }
  const words = new Int32Array(buffer, 0, HEADER_BYTES / 4);
  words.fill(0);
  words[DEPTH_WORD] = QUEUE_DEPTH;
  words[BULK_OFFSET_WORD] = BULK_START;
  words[BULK_SIZE_WORD] = bulkSize;
  Atomics.store(words, MAGIC_WORD, MAGIC);
}

/** The views of a formatted packet stream, checked. */
export class PacketStreamMemory {
  readonly words: Int32Array;
  readonly bulk: Uint8Array;
  readonly submit: PacketQueue;
  readonly ack: PacketQueue;

  constructor(buffer: SharedArrayBuffer) {
    if (buffer.byteLength < BULK_START) throw new InvalidPacketStream(`dataspace of ${buffer.byteLength} bytes is too small for a packet stream`);
    this.words = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    const magic = Atomics.load(this.words, MAGIC_WORD);
    const depth = this.words[DEPTH_WORD];
    const bulkOffset = this.words[BULK_OFFSET_WORD];
    const bulkSize = this.words[BULK_SIZE_WORD] ?? 0;
    if (magic !== MAGIC || depth !== QUEUE_DEPTH || bulkOffset !== BULK_START || bulkSize <= 0 || BULK_START + bulkSize > buffer.byteLength) {
      throw new InvalidPacketStream('dataspace does not hold a packet stream of this layout (not formatted, or a different version)');
    }
    this.bulk = new Uint8Array(buffer, BULK_START, bulkSize);
    this.submit = new PacketQueue(buffer, this.words, SUBMIT_HEAD, SUBMIT_TAIL, SUBMIT_RING);
    this.ack = new PacketQueue(buffer, this.words, ACK_HEAD, ACK_TAIL, ACK_RING);
  }

  get closed(): boolean {
    return Atomics.load(this.words, CLOSED_WORD) !== 0;
  }

  /** Marks the stream closed and wakes everybody waiting on it. */
  close(): void {
    Atomics.store(this.words, CLOSED_WORD, 1);
    for (const word of [CLOSED_WORD, SUBMIT_HEAD, SUBMIT_TAIL, ACK_HEAD, ACK_TAIL]) Atomics.notify(this.words, word);
  }
}

/** What a producer fills in. */
export interface PacketFields {
  readonly tag: number;
  readonly handle: number;
  readonly opcode: Opcode;
  readonly position: number;
  readonly bulkOffset: number;
  readonly length: number;
  readonly result: number;
}

/** One ring of packets; each side uses only its own half (push or peek/pop). */
export class PacketQueue {
  readonly #words: Int32Array;
  readonly #slots: Int32Array;
  readonly #positions: Float64Array;
  /** Index of the head counter in the header (for waiting on it). */
  readonly head: number;
  /** Index of the tail counter in the header. */
  readonly tail: number;

  constructor(buffer: SharedArrayBuffer, words: Int32Array, head: number, tail: number, ring: number) {
    this.#words = words;
    this.#slots = new Int32Array(buffer, ring, (QUEUE_DEPTH * PACKET_BYTES) / 4);
    this.#positions = new Float64Array(buffer, ring, (QUEUE_DEPTH * PACKET_BYTES) / 8);
    this.head = head;
    this.tail = tail;
  }

  /** Packets queued. */
  get count(): number {
    return (Atomics.load(this.#words, this.head) - Atomics.load(this.#words, this.tail)) | 0;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  get full(): boolean {
    return this.count >= QUEUE_DEPTH;
  }

  /** Producer: appends a packet; false when the queue is full. Wake the consumer with `notifyConsumer`. */
  push(packet: PacketFields): boolean {
    const head = Atomics.load(this.#words, this.head);
    if (((head - Atomics.load(this.#words, this.tail)) | 0) >= QUEUE_DEPTH) return false;
    const slot = (head & (QUEUE_DEPTH - 1)) * (PACKET_BYTES / 4);
    const slots = this.#slots;
    slots[slot + TAG] = packet.tag;
    slots[slot + HANDLE] = packet.handle;
    slots[slot + OPCODE] = packet.opcode;
    slots[slot + BULK_OFFSET] = packet.bulkOffset;
    slots[slot + LENGTH] = packet.length;
    slots[slot + RESULT] = packet.result;
    this.#positions[(slot * 4 + POSITION_BYTE) / 8] = packet.position;
    Atomics.store(this.#words, this.head, (head + 1) | 0);
    return true;
  }

  notifyConsumer(): void {
    Atomics.notify(this.#words, this.head);
  }

  notifyProducer(): void {
    Atomics.notify(this.#words, this.tail);
  }

  /** Consumer: removes and answers the oldest packet, or undefined when the queue is empty. */
  pop(): Packet | undefined {
    const tail = Atomics.load(this.#words, this.tail);
    if (Atomics.load(this.#words, this.head) === tail) return undefined;
    const slot = (tail & (QUEUE_DEPTH - 1)) * (PACKET_BYTES / 4);
    const slots = this.#slots;
    const packet: Packet = {
      tag: slots[slot + TAG] as number,
      handle: slots[slot + HANDLE] as number,
      opcode: slots[slot + OPCODE] as Opcode,
      position: this.#positions[(slot * 4 + POSITION_BYTE) / 8] as number,
      bulkOffset: slots[slot + BULK_OFFSET] as number,
      length: slots[slot + LENGTH] as number,
      result: slots[slot + RESULT] as number,
    };
    Atomics.store(this.#words, this.tail, (tail + 1) | 0);
    return packet;
  }
}
