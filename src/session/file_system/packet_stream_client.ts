/*
 * The client's use of a packet stream: reads and writes of any length,
 * split into packets that fit the bulk buffer and pipelined (the next
 * packet is copied in while the server works on the previous one), for a
 * blocking caller and for an awaiting one alike.
 *
 * Each operation is written once, as a generator that yields whenever it
 * must wait for an acknowledgement; `runSync` drives it by blocking on the
 * ack queue, `runAsync` by awaiting it. An acknowledgement completes its
 * request as soon as it is taken from the queue, whoever takes it: data
 * of a READ is copied out and the bulk region freed right there, so a
 * blocking operation never waits for bulk space that an awaiting one holds.
 */

import { NidoError } from '../../base/errors.js';
import { BulkAllocator, BULK_ALIGNMENT } from './bulk_allocator.js';
import { decodeDirectoryEntry, DIRECTORY_ENTRY_SIZE, type DirectoryEntryRecord } from './directory_entry.js';
import { Opcode, SEEK_TAIL, packetError, type Packet } from './packet.js';
import { PacketStreamSource, type PacketStreamSourceOptions } from './packet_stream.js';

/** An operation that does not fit the packet stream (a length or position out of range). */
export class InvalidTransfer extends NidoError {}

/* Largest packet: big enough to amortise the per-packet cost, small enough to overlap copying with the server. */
const MAX_PACKET = 256 * 1024;
const MAX_TAG = 0x7fff_ffff;

class Request {
  ack: Packet | undefined;
  settle: (() => void) | undefined;
  constructor(readonly tag: number, readonly bulkOffset: number | undefined, readonly complete: (ack: Packet) => void) {}
}

/** What an operation yields: the request to wait for, or undefined to wait for any acknowledgement. */
type Steps<T> = Generator<Request | undefined, T, void>;

export class PacketStreamClient {
  readonly #source: PacketStreamSource;
  readonly #bulk: BulkAllocator;
  readonly #where: string;
  readonly #pending = new Map<number, Request>();
  readonly #changed: (handle: number) => void;
  /** Bytes of a data packet: a quarter of the bulk buffer, so that several are in flight. */
  readonly packetSize: number;
  #tag = 0;
  #pumping = false;
  #failure: Error | undefined;

  constructor(buffer: SharedArrayBuffer, options: PacketStreamSourceOptions & { changed?: (handle: number) => void } = {}) {
    this.#source = new PacketStreamSource(buffer, options);
    this.#bulk = new BulkAllocator(this.#source.bulk.length);
    this.#where = options.where ?? 'File_system session';
    this.#changed = options.changed ?? (() => undefined);
    const quarter = Math.floor(this.#bulk.size / 4 / BULK_ALIGNMENT) * BULK_ALIGNMENT;
    this.packetSize = Math.max(BULK_ALIGNMENT, Math.min(MAX_PACKET, quarter));
  }

  get closed(): boolean {
    return this.#source.closed;
  }

  /* ------------------------------------------------------------ dispatch */

  #submit(handle: number, opcode: Opcode, position: number, length: number, bulkOffset: number | undefined,
    complete: (ack: Packet) => void = () => undefined): Request {
    this.#tag = this.#tag >= MAX_TAG ? 1 : this.#tag + 1;
    const request = new Request(this.#tag, bulkOffset, complete);
    this.#source.submit({ tag: request.tag, handle, opcode, position, bulkOffset: bulkOffset ?? 0, length });
    this.#pending.set(request.tag, request);
    return request;
  }

  #dispatch(ack: Packet): void {
    if (ack.tag === 0) {
      if (ack.opcode === Opcode.CONTENT_CHANGED) this.#changed(ack.handle);
      return;
    }
    const request = this.#pending.get(ack.tag);
    if (request === undefined) return;
    this.#pending.delete(ack.tag);
    request.ack = ack;
    try {
      request.complete(ack);
    } finally {
      if (request.bulkOffset !== undefined) this.#bulk.free(request.bulkOffset);
      request.settle?.();
    }
  }

  /** Takes every acknowledgement that is there (also called by the session's signal handler for CONTENT_CHANGED). */
  drain(): void {
    for (let ack = this.#source.takeAck(); ack !== undefined; ack = this.#source.takeAck()) this.#dispatch(ack);
  }

  /* Blocks until `request` (or, undefined, any request) completed. */
  #waitSync(request: Request | undefined): void {
    for (;;) {
      if (request !== undefined && request.ack !== undefined) return;
      const ack = this.#source.takeAck();
      if (ack === undefined) {
        this.#source.waitAckSync();
        continue;
      }
      this.#dispatch(ack);
      if (request === undefined) return;
    }
  }

  #waitAsync(request: Request | undefined): Promise<void> {
    if (request?.ack !== undefined) return Promise.resolve();
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const settled = new Promise<void>((resolve, reject) => {
      const target = request ?? this.#anyWaiter();
      const previous = target.settle;
      target.settle = () => {
        previous?.();
        if (this.#failure !== undefined && target.ack === undefined) reject(this.#failure);
        else resolve();
      };
    });
    if (!this.#pumping) void this.#runPump();
    return settled;
  }

  /* A placeholder request settled by the next acknowledgement of any kind. */
  #anyWaiter(): Request {
    const oldest = this.#pending.values().next().value;
    if (oldest === undefined) throw new InvalidTransfer(`nothing in flight on ${this.#where} to wait for`);
    return oldest;
  }

  /* Takes acknowledgements while awaited requests are in flight (it may finish before its first await). */
  async #runPump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#pending.size > 0) {
        this.drain();
        if (this.#pending.size === 0) break;
        await this.#source.waitAck();
      }
    } catch (error) {
      this.#failure = error instanceof Error ? error : new NidoError(String(error));
      const failed = [...this.#pending.values()];
      this.#pending.clear();
      for (const request of failed) request.settle?.();
    } finally {
      this.#pumping = false;
    }
  }

  runSync<T>(steps: Steps<T>): T {
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done === true) return step.value;
      this.#waitSync(step.value);
    }
  }

  async runAsync<T>(steps: Steps<T>): Promise<T> {
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done === true) return step.value;
      await this.#waitAsync(step.value);
    }
  }

  /* ------------------------------------------------------------ operations */

  /* Waits until other operations give back bulk space or queue slots. */
  *#awaitRoom(): Steps<void> {
    if (this.#pending.size === 0) throw new InvalidTransfer(`bulk buffer of ${this.#where} (${this.#bulk.size} bytes) is too small for a packet of ${this.packetSize} bytes`);
    yield undefined;
  }

  /* A bulk region of up to `want` bytes (at least `least`), waiting for room as needed. */
  *#allocate(want: number, least: number): Generator<Request | undefined, { offset: number; length: number }, void> {
    for (;;) {
      if (this.#source.ready) {
        const length = Math.min(want, Math.max(least, Math.floor(this.#bulk.largest / BULK_ALIGNMENT) * BULK_ALIGNMENT));
        const offset = length >= least ? this.#bulk.alloc(length) : undefined;
        if (offset !== undefined) return { offset, length };
      }
      if (this.#pending.size === 0) throw new InvalidTransfer(`bulk buffer of ${this.#where} (${this.#bulk.size} bytes) cannot hold ${least} bytes`);
      yield undefined;
    }
  }

  /** Writes `data` at `position` (SEEK_TAIL appends); answers the bytes written. NoSpace etc. only when none were. */
  *write(handle: number, data: Uint8Array, position: number): Steps<number> {
    checkPosition(position, true);
    const bulk = this.#source.bulk;
    return yield* this.#transfer(handle, Opcode.WRITE, data.length, position,
      (offset, from, want) => { bulk.set(data.subarray(from, from + want), offset); return undefined; });
  }

  /** Reads up to `target.length` bytes at `position` into `target`; answers the bytes read (fewer at the end). */
  *read(handle: number, target: Uint8Array, position: number): Steps<number> {
    checkPosition(position, false);
    const bulk = this.#source.bulk;
    return yield* this.#transfer(handle, Opcode.READ, target.length, position, (offset, from, want) => (ack: Packet) => {
      if (ack.result > 0) target.set(bulk.subarray(offset, offset + Math.min(ack.result, want)), from);
    });
  }

  /*
   * Moves `length` bytes at `position` in packets of at most packetSize,
   * as many in flight as the bulk buffer and the queue take. `packet`
   * prepares the packet for bytes [from, from + want) at bulk `offset` and
   * may answer what its acknowledgement does. Answers the bytes moved up
   * to the first short or failed packet; the failure is thrown only when
   * nothing was moved.
   */
  *#transfer(handle: number, opcode: Opcode, length: number, position: number,
    packet: (offset: number, from: number, want: number) => ((ack: Packet) => void) | undefined): Steps<number> {
    const inFlight: { request: Request; length: number }[] = [];
    let submitted = 0;
    let moved = 0;
    let failure: Packet | undefined;
    let short = false;
    while (submitted < length || inFlight.length > 0) {
      while (failure === undefined && !short && submitted < length && this.#source.ready) {
        const want = Math.min(this.packetSize, length - submitted);
        const offset = this.#bulk.alloc(want);
        if (offset === undefined) break;
        const at = position === SEEK_TAIL ? SEEK_TAIL : position + submitted;
        inFlight.push({ request: this.#submit(handle, opcode, at, want, offset, packet(offset, submitted, want)), length: want });
        submitted += want;
      }
      const oldest = inFlight.shift();
      if (oldest === undefined) {
        if (failure !== undefined || short) break;
        yield* this.#awaitRoom();
        continue;
      }
      if (oldest.request.ack === undefined) yield oldest.request;
      const ack = oldest.request.ack as Packet | undefined;
      if (ack === undefined || failure !== undefined || short) continue;
      if (ack.result < 0) failure = ack;
      else {
        moved += ack.result;
        short = ack.result < oldest.length;
      }
    }
    if (moved === 0 && failure !== undefined) throw packetError(failure, this.#where);
    return moved;
  }

  /** The entries of the directory behind `handle`, in the server's order. */
  *readdir(handle: number): Steps<DirectoryEntryRecord[]> {
    const entries: DirectoryEntryRecord[] = [];
    const bulk = this.#source.bulk;
    const batch = Math.max(1, Math.floor(this.packetSize / DIRECTORY_ENTRY_SIZE)) * DIRECTORY_ENTRY_SIZE;
    for (;;) {
      const region = yield* this.#allocate(batch, DIRECTORY_ENTRY_SIZE);
      const length = region.length - (region.length % DIRECTORY_ENTRY_SIZE);
      const position = entries.length * DIRECTORY_ENTRY_SIZE;
      const request = this.#submit(handle, Opcode.READ, position, length, region.offset, (ack) => {
        for (let at = 0; at + DIRECTORY_ENTRY_SIZE <= Math.min(ack.result, length); at += DIRECTORY_ENTRY_SIZE) {
          entries.push(decodeDirectoryEntry(bulk, region.offset + at));
        }
      });
      if (request.ack === undefined) yield request;
      const ack = request.ack as Packet | undefined;
      if (ack === undefined) throw new InvalidTransfer(`READ of directory ${handle} on ${this.#where} was not acknowledged`);
      if (ack.result < 0) throw packetError(ack, this.#where);
      if (ack.result < length) return entries;
    }
  }

  /** A packet without data (SYNC, READ_READY, WRITE_TIMESTAMP, CONTENT_CHANGED); throws the packet's error. */
  *control(handle: number, opcode: Opcode, position = 0): Steps<void> {
    while (!this.#source.ready) yield undefined;
    const request = this.#submit(handle, opcode, position, 0, undefined);
    if (request.ack === undefined) yield request;
    const ack = request.ack as Packet | undefined;
    if (ack !== undefined && ack.result < 0) throw packetError(ack, this.#where);
  }
}

function checkPosition(position: number, write: boolean): void {
  if (write && position === SEEK_TAIL) return;
  if (!Number.isSafeInteger(position) || position < 0) throw new InvalidTransfer(`invalid file position ${position}`);
}
