/*
 * The two ends of a File_system packet stream (spec/runtime.md §3): the
 * client's source submits packets and takes acknowledgements, the server's
 * sink processes submissions on its event loop and acknowledges them.
 *
 * The source serves two kinds of client. A synchronous one (a WebAssembly
 * program inside a system call) blocks: it spins for a bounded, adaptive
 * number of iterations (the machine has two cores; an unbounded spin would
 * starve the server) and then sleeps in Atomics.wait. A terminated server
 * cannot notify anybody, so the sleeper wakes every 20 ms and calls its
 * probe, which throws when the server is gone (src/base/sync_channel.ts
 * does the same for RPCs). An asynchronous client awaits
 * Atomics.waitAsync instead.
 *
 * Flow control: the source keeps at most QUEUE_DEPTH packets in flight
 * (submitted and not yet taken back), so the submit queue never fills and
 * the server always finds room for their acknowledgements, except for the
 * CONTENT_CHANGED packets it originates, which wait at the server
 * (coalesced per handle) until the client has taken enough.
 */

import { CapabilityRevoked, NidoError } from '../../base/errors.js';
import { InvalidHandle, NoSpace, PermissionDenied, Unavailable } from './interface.js';
import { Opcode, PacketError, type Packet } from './packet.js';
import { ACK_TAIL, PacketStreamMemory, QUEUE_DEPTH, SUBMIT_HEAD, InvalidPacketStream, type PacketFields } from './packet_queue.js';

/*
 * Spinning before sleeping (µs). A client in a loop of small operations
 * submits again within microseconds, and a server answers a small packet
 * within microseconds; waking from Atomics.wait, or through the event loop
 * from Atomics.waitAsync, takes tens of them, and two sides that both
 * sleep wake each other up at that pace. So a blocked client spins up to
 * MAX_SPIN_US, and so does a server whose session had a packet within
 * STREAMING_MS; an idle session's server spins MIN_SPIN_US. Bounded,
 * because the machine has two cores.
 */
const MIN_SPIN_US = 2;
const MAX_SPIN_US = 100;
const STREAMING_MS = 1;
/* See Spinner. */
const PAYS = 0.8;
const PROBE_EVERY = 16;
const LIVENESS_POLL_MS = 20;
const ASYNC_LIVENESS_POLL_MS = 50;
/* A server whose ack queue is full of its own CONTENT_CHANGED packets looks again this often. */
const CHANGE_RETRY_MS = 10;
/* The longest a server's stream keeps its event loop to itself while packets keep coming. */
const YIELD_INTERVAL_MS = 2;

export interface PacketStreamSourceOptions {
  /** Names the session in error messages. */
  readonly where?: string;
  /** Called after every 20 ms of blocking; throws (CapabilityRevoked) when the server is gone. */
  readonly probe?: () => void;
  /** The same for asynchronous waits. */
  readonly probeAsync?: () => Promise<void>;
}

/*
 * A bounded spin that stops when it does not pay. Spinning helps while the
 * other side runs on the other core; on a crowded machine (another process
 * busy on one of the two cores) it keeps the other side from the core it
 * needs, and a 4 KiB round trip took twice as long as without spinning.
 * So a side whose recent full spins (an average over about eight) caught
 * the other side less than PAYS of the time spins only MIN_SPIN_US, and
 * tries a full spin every PROBE_EVERY waits to notice when it pays again.
 */
class Spinner {
  #hits = 1;
  #waits = 0;

  /** Whether words[index] leaves `value` within `us` microseconds (the clock is read every 128 loads). */
  spin(words: Int32Array, index: number, value: number, us: number): boolean {
    const full = this.#hits >= PAYS || ++this.#waits % PROBE_EVERY === 0;
    const deadline = performance.now() + (full ? us : MIN_SPIN_US) / 1000;
    let hit = false;
    for (let i = 1; ; i++) {
      if (Atomics.load(words, index) !== value) {
        hit = true;
        break;
      }
      if ((i & 127) === 0 && performance.now() > deadline) break;
    }
    if (full) this.#hits += ((hit ? 1 : 0) - this.#hits) / 8;
    return hit;
  }
}

/** The client end: submits packets, takes acknowledgements. */
export class PacketStreamSource {
  /** The bulk buffer; packets refer to it by offset. */
  readonly bulk: Uint8Array;
  readonly #memory: PacketStreamMemory;
  readonly #options: PacketStreamSourceOptions;
  #inFlight = 0;
  readonly #spinner = new Spinner();

  constructor(buffer: SharedArrayBuffer, options: PacketStreamSourceOptions = {}) {
    this.#memory = new PacketStreamMemory(buffer);
    this.bulk = this.#memory.bulk;
    this.#options = options;
  }

  /** Packets submitted whose acknowledgement was not taken yet. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Whether another packet may be submitted now. */
  get ready(): boolean {
    return this.#inFlight < QUEUE_DEPTH;
  }

  get closed(): boolean {
    return this.#memory.closed;
  }

  #checkOpen(): void {
    if (this.#memory.closed) throw new CapabilityRevoked(`packet stream of ${this.#options.where ?? 'File_system session'} closed by the server`);
  }

  /** Submits a packet (its result is ignored); check `ready` first. */
  submit(packet: Omit<PacketFields, 'result'>): void {
    this.#checkOpen();
    if (this.#inFlight >= QUEUE_DEPTH) throw new InvalidPacketStream(`${QUEUE_DEPTH} packets in flight on ${this.#options.where ?? 'File_system session'}: take acknowledgements first`);
    if (packet.tag === 0) throw new InvalidPacketStream('tag 0 is reserved for packets the server originates');
    const queue = this.#memory.submit;
    queue.push({ ...packet, result: 0 });
    this.#inFlight++;
    queue.notifyConsumer();
  }

  /** The oldest acknowledgement (or server-originated packet, tag 0), or undefined. */
  takeAck(): Packet | undefined {
    const queue = this.#memory.ack;
    const wasFull = queue.full;
    const packet = queue.pop();
    if (packet === undefined) return undefined;
    if (packet.tag !== 0) this.#inFlight--;
    /* A server with changes to report waits for room. */
    if (wasFull) queue.notifyProducer();
    return packet;
  }

  /** Blocks until an acknowledgement is there: bounded spin, then sleep with liveness probes. */
  waitAckSync(): void {
    const words = this.#memory.words;
    const { head, tail } = this.#memory.ack;
    const seen = Atomics.load(words, tail);
    if (Atomics.load(words, head) !== seen) return;
    this.#checkOpen();
    /* The caller is blocked anyway: spin the whole bound, a sleep costs tens of microseconds to wake from. */
    if (this.#spinner.spin(words, head, seen, MAX_SPIN_US)) return;
    for (;;) {
      const outcome = Atomics.wait(words, head, seen, LIVENESS_POLL_MS);
      if (Atomics.load(words, head) !== seen) return;
      this.#checkOpen();
      if (outcome === 'timed-out') this.#options.probe?.();
    }
  }

  /** Resolves when an acknowledgement is there. */
  async waitAck(): Promise<void> {
    const words = this.#memory.words;
    const { head, tail } = this.#memory.ack;
    for (;;) {
      const seen = Atomics.load(words, tail);
      if (Atomics.load(words, head) !== seen) return;
      this.#checkOpen();
      const wait = Atomics.waitAsync(words, head, seen, ASYNC_LIVENESS_POLL_MS);
      const outcome = wait.async ? await wait.value : wait.value;
      if (Atomics.load(words, head) !== seen) return;
      this.#checkOpen();
      if (outcome === 'timed-out') await this.#options.probeAsync?.();
    }
  }
}

/** What a server answers for a packet: bytes transferred; or it throws a File_system error. */
export type PacketHandler = (packet: Packet) => number | Promise<number>;

/** The result code for an error a packet handler threw. */
export function packetResultOf(error: unknown): PacketError {
  if (error instanceof InvalidHandle) return PacketError.INVALID_HANDLE;
  if (error instanceof PermissionDenied) return PacketError.PERMISSION_DENIED;
  if (error instanceof NoSpace) return PacketError.NO_SPACE;
  if (error instanceof Unavailable) return PacketError.UNAVAILABLE;
  return PacketError.INVALID;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The server end: processes submissions in order and acknowledges them. */
export class PacketStreamSink {
  /** The bulk buffer; packets refer to it by offset. */
  readonly bulk: Uint8Array;
  readonly #memory: PacketStreamMemory;
  /* Handles whose CONTENT_CHANGED could not be posted yet (coalesced). */
  readonly #changes = new Set<number>();
  #serving: Promise<void> | undefined;
  /* When the last packet came: a session that streams is worth spinning for, an idle one is not. */
  #lastPacket = 0;
  readonly #spinner = new Spinner();

  constructor(buffer: SharedArrayBuffer) {
    this.#memory = new PacketStreamMemory(buffer);
    this.bulk = this.#memory.bulk;
  }

  get closed(): boolean {
    return this.#memory.closed;
  }

  /**
   * Processes packets with `handler` until `close()`. A result of 0 or more
   * is the bytes transferred; a File_system error thrown by the handler
   * becomes the packet's failure code. Other errors are passed to
   * `failed` (the server's bug, logged there) and answered as INVALID.
   */
  serve(handler: PacketHandler, failed: (error: unknown, packet: Packet) => void = () => undefined): Promise<void> {
    this.#serving ??= this.#loop(handler, failed);
    return this.#serving;
  }

  /** Tells the client that the node behind its `handle` changed (CONTENT_CHANGED, tag 0). */
  contentChanged(handle: number): void {
    this.#changes.add(handle);
    this.#postChanges();
  }

  /** Ends the loop and wakes the client: its waits fail with CapabilityRevoked. */
  close(): void {
    this.#memory.close();
  }

  #postChanges(): void {
    if (this.#changes.size === 0 || this.#memory.closed) return;
    const queue = this.#memory.ack;
    let posted = false;
    for (const handle of this.#changes) {
      if (!queue.push({ tag: 0, handle, opcode: Opcode.CONTENT_CHANGED, position: 0, bulkOffset: 0, length: 0, result: 0 })) break;
      this.#changes.delete(handle);
      posted = true;
    }
    if (posted) queue.notifyConsumer();
  }

  async #process(handler: PacketHandler, failed: (error: unknown, packet: Packet) => void, packet: Packet): Promise<number> {
    try {
      const result = handler(packet);
      return typeof result === 'number' ? result : await result;
    } catch (error) {
      const code = packetResultOf(error);
      if (code === PacketError.INVALID && !(error instanceof NidoError)) failed(error, packet);
      return code;
    }
  }

  async #loop(handler: PacketHandler, failed: (error: unknown, packet: Packet) => void): Promise<void> {
    const memory = this.#memory;
    const { submit, ack, words } = memory;
    let yielded = performance.now();
    while (!memory.closed) {
      this.#postChanges();
      let processed = 0;
      while (!ack.full) {
        const packet = submit.pop();
        if (packet === undefined) break;
        const result = await this.#process(handler, failed, packet);
        if (memory.closed) return;
        ack.push({ ...packet, result });
        ack.notifyConsumer();
        processed++;
      }
      if (processed > 0) this.#lastPacket = performance.now();
      if (processed > 0) {
        /* A streaming client keeps the queue busy: let RPCs and the other sessions' streams in now and then. */
        if (performance.now() - yielded > YIELD_INTERVAL_MS) {
          await yieldToEventLoop();
          yielded = performance.now();
        }
        continue;
      }
      if (ack.full) {
        const tail = Atomics.load(words, ACK_TAIL);
        const wait = Atomics.waitAsync(words, ACK_TAIL, tail, this.#changes.size > 0 ? CHANGE_RETRY_MS : undefined);
        if (wait.async) await wait.value;
        continue;
      }
      const head = Atomics.load(words, SUBMIT_HEAD);
      if (!submit.empty) continue;
      const streaming = performance.now() - this.#lastPacket < STREAMING_MS;
      if (this.#spinner.spin(words, SUBMIT_HEAD, head, streaming ? MAX_SPIN_US : MIN_SPIN_US)) continue;
      const wait = Atomics.waitAsync(words, SUBMIT_HEAD, head, this.#changes.size > 0 ? CHANGE_RETRY_MS : undefined);
      if (wait.async) {
        await wait.value;
        yielded = performance.now();
      }
    }
  }

}
