import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { CapabilityRevoked } from '../../base/errors.js';
import { NoSpace, PermissionDenied } from './interface.js';
import { Opcode, SEEK_TAIL, type Packet } from './packet.js';
import { formatPacketStream, packetStreamSize, QUEUE_DEPTH, SUBMIT_HEAD } from './packet_queue.js';
import { PacketStreamSink, PacketStreamSource } from './packet_stream.js';
import { PacketStreamClient } from './packet_stream_client.js';
import { DIRECTORY_ENTRY_SIZE, encodeDirectoryEntry } from './directory_entry.js';

function stream(bulkSize: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(packetStreamSize(bulkSize));
  formatPacketStream(buffer, bulkSize);
  return buffer;
}

/* A server with one growable file (handle 1), one read-only file (handle 2) and a directory of three entries (handle 3). */
function fileServer(sink: PacketStreamSink, capacity = Infinity): { content: () => Uint8Array } {
  let file = new Uint8Array(0);
  void sink.serve((packet: Packet) => {
    const bulk = sink.bulk;
    if (packet.handle === 3) {
      const names = ['a', 'b', 'c'];
      const first = packet.position / DIRECTORY_ENTRY_SIZE;
      const count = Math.min(names.length - first, Math.floor(packet.length / DIRECTORY_ENTRY_SIZE));
      for (let i = 0; i < count; i++) {
        encodeDirectoryEntry(bulk, packet.bulkOffset + i * DIRECTORY_ENTRY_SIZE, { name: names[first + i] as string, type: 'continuous_file', inode: first + i });
      }
      return Math.max(0, count) * DIRECTORY_ENTRY_SIZE;
    }
    if (packet.opcode === Opcode.READ) {
      const bytes = file.subarray(packet.position, packet.position + packet.length);
      bulk.set(bytes, packet.bulkOffset);
      return bytes.length;
    }
    if (packet.opcode === Opcode.WRITE) {
      if (packet.handle === 2) throw new PermissionDenied('read only');
      const position = packet.position === SEEK_TAIL ? file.length : packet.position;
      const end = Math.min(position + packet.length, capacity);
      if (end <= position) throw new NoSpace('full');
      if (end > file.length) {
        const grown = new Uint8Array(end);
        grown.set(file);
        file = grown;
      }
      file.set(bulk.subarray(packet.bulkOffset, packet.bulkOffset + (end - position)), position);
      return end - position;
    }
    return 0;
  });
  return { content: () => file };
}

function pattern(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + seed) & 0xff;
  return bytes;
}

test('packets are acknowledged in order across many laps of the queues; no more than QUEUE_DEPTH in flight', async () => {
  const buffer = stream(4096);
  const sink = new PacketStreamSink(buffer);
  const seen: number[] = [];
  void sink.serve((packet) => {
    seen.push(packet.tag);
    return packet.length;
  });
  const source = new PacketStreamSource(buffer);
  let next = 1;
  const acked: number[] = [];
  while (acked.length < 10 * QUEUE_DEPTH) {
    while (source.ready && next <= 10 * QUEUE_DEPTH) {
      source.submit({ tag: next, handle: 1, opcode: Opcode.READ, position: 2 ** 40 + next, bulkOffset: 0, length: next });
      next++;
    }
    assert.ok(source.inFlight <= QUEUE_DEPTH);
    await source.waitAck();
    for (let ack = source.takeAck(); ack !== undefined; ack = source.takeAck()) {
      assert.equal(ack.result, ack.tag);
      assert.equal(ack.position, 2 ** 40 + ack.tag, 'positions beyond 32 bits survive');
      acked.push(ack.tag);
    }
  }
  assert.deepEqual(acked, seen);
  assert.deepEqual(acked, Array.from({ length: 10 * QUEUE_DEPTH }, (_, i) => i + 1));
  sink.close();
});

test('a source refuses the 33rd packet in flight', () => {
  const source = new PacketStreamSource(stream(4096));
  for (let tag = 1; tag <= QUEUE_DEPTH; tag++) source.submit({ tag, handle: 1, opcode: Opcode.SYNC, position: 0, bulkOffset: 0, length: 0 });
  assert.equal(source.ready, false);
  assert.throws(() => source.submit({ tag: 99, handle: 1, opcode: Opcode.SYNC, position: 0, bulkOffset: 0, length: 0 }), /in flight/);
});

test('asynchronous client: pipelined writes and reads larger than the bulk buffer, appends, directory entries, typed errors', async () => {
  const buffer = stream(16 * 1024);
  const sink = new PacketStreamSink(buffer);
  const server = fileServer(sink);
  const client = new PacketStreamClient(buffer);
  const data = pattern(100_000, 3);
  assert.equal(await client.runAsync(client.write(1, data, 0)), data.length);
  assert.equal(await client.runAsync(client.write(1, pattern(10, 9), SEEK_TAIL)), 10);
  assert.deepEqual(server.content().subarray(0, data.length), data);
  assert.deepEqual(server.content().subarray(data.length), pattern(10, 9));
  const back = new Uint8Array(120_000);
  assert.equal(await client.runAsync(client.read(1, back, 0)), 100_010, 'a read past the end is short');
  assert.deepEqual(back.subarray(0, data.length), data);
  const entries = await client.runAsync(client.readdir(3));
  assert.deepEqual(entries.map((e) => e.name), ['a', 'b', 'c']);
  await assert.rejects(client.runAsync(client.write(2, data, 0)), PermissionDenied);
  /* Operations in parallel share the bulk buffer and the queue. */
  const parallel = await Promise.all([0, 1, 2, 3].map((i) => client.runAsync(client.read(1, new Uint8Array(30_000), i * 1000))));
  assert.deepEqual(parallel, [30_000, 30_000, 30_000, 30_000]);
  sink.close();
});

test('a full server: a partial write answers what fit, the next one NoSpace', async () => {
  const buffer = stream(16 * 1024);
  const sink = new PacketStreamSink(buffer);
  fileServer(sink, 50_000);
  const client = new PacketStreamClient(buffer);
  assert.equal(await client.runAsync(client.write(1, pattern(80_000, 1), 0)), 50_000);
  await assert.rejects(client.runAsync(client.write(1, pattern(10, 1), SEEK_TAIL)), NoSpace);
  sink.close();
});

test('CONTENT_CHANGED from the server reaches the client; beyond a full ack queue, changes wait at the server, coalesced', async () => {
  const buffer = stream(4096);
  const sink = new PacketStreamSink(buffer);
  fileServer(sink);
  const changed: number[] = [];
  const client = new PacketStreamClient(buffer, { changed: (handle) => changed.push(handle) });
  for (let handle = 1; handle <= QUEUE_DEPTH + 8; handle++) sink.contentChanged(handle);
  sink.contentChanged(QUEUE_DEPTH + 8);
  client.drain();
  assert.equal(changed.length, QUEUE_DEPTH, 'the ack queue held what fit');
  /* The server posts the rest when there is room again; a SYNC packet's acknowledgement comes after them. */
  await client.runAsync(client.control(1, Opcode.SYNC));
  client.drain();
  assert.deepEqual(changed, Array.from({ length: QUEUE_DEPTH + 8 }, (_, i) => i + 1));
  sink.close();
});

/* Runs `body` (the source of an async function taking the test's modules and the stream) in a worker. */
function inWorker(buffer: SharedArrayBuffer, body: string): Promise<unknown> {
  const base = new URL('.', import.meta.url).href;
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const client = await import(${JSON.stringify(`${base}packet_stream_client.js`)});
      const packet = await import(${JSON.stringify(`${base}packet.js`)});
      const errors = await import(${JSON.stringify(new URL('../../base/errors.js', import.meta.url).href)});
      const buffer = workerData;
      ${body}
    })().then((value) => parentPort.postMessage({ value }), (error) => parentPort.postMessage({ error: error.name + ': ' + error.message }));
  `;
  const worker = new Worker(source, { eval: true, workerData: buffer });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { value?: unknown; error?: string }) => {
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.value);
    });
    worker.once('error', reject);
  });
}

test('synchronous client in a worker: blocking pipelined writes and reads against a server on its event loop', async () => {
  const buffer = stream(64 * 1024);
  const sink = new PacketStreamSink(buffer);
  const server = fileServer(sink);
  const result = await inWorker(buffer, `
    const stream = new client.PacketStreamClient(buffer);
    const data = new Uint8Array(1_000_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 13) & 0xff;
    let written = 0;
    for (let at = 0; at < data.length; at += 100_000) written += stream.runSync(stream.write(1, data.subarray(at, at + 100_000), at));
    const back = new Uint8Array(data.length + 10);
    const read = stream.runSync(stream.read(1, back, 0));
    let same = read === data.length;
    for (let i = 0; i < data.length && same; i++) same = back[i] === data[i];
    let denied = '';
    try { stream.runSync(stream.write(2, data.subarray(0, 10), 0)); } catch (error) { denied = error.name; }
    return { written, read, same, denied, entries: stream.runSync(stream.readdir(3)).length };
  `);
  assert.deepEqual(result, { written: 1_000_000, read: 1_000_000, same: true, denied: 'PermissionDenied', entries: 3 });
  assert.equal(server.content().length, 1_000_000);
  sink.close();
});

test('a blocked synchronous client: a server that is gone is an error (liveness probe), not a hang', async () => {
  const buffer = stream(4096);
  /* Nobody serves the stream: the probe reports the server gone on its second call. */
  const result = await inWorker(buffer, `
    let probes = 0;
    const stream = new client.PacketStreamClient(buffer, { probe: () => { if (++probes > 1) throw new errors.CapabilityRevoked('server gone'); } });
    try {
      stream.runSync(stream.control(1, packet.Opcode.SYNC));
      return 'answered';
    } catch (error) {
      return error.name + ' after ' + probes + ' probes';
    }
  `);
  assert.equal(result, 'CapabilityRevoked after 2 probes');
});

test('closing the stream wakes a blocked synchronous client with CapabilityRevoked', async () => {
  const buffer = stream(4096);
  const sink = new PacketStreamSink(buffer);
  const outcome = inWorker(buffer, `
    const stream = new client.PacketStreamClient(buffer);
    try {
      stream.runSync(stream.control(1, packet.Opcode.SYNC));
      return 'answered';
    } catch (error) {
      return error.name;
    }
  `);
  /* The worker's packet arrives in the submit queue; close without serving it. */
  const words = new Int32Array(buffer, 0, SUBMIT_HEAD + 1);
  while (Atomics.load(words, SUBMIT_HEAD) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  sink.close();
  assert.equal(await outcome, CapabilityRevoked.name);
});

test('asynchronous client against a server in another thread: acknowledgements that are there before the client waits', { timeout: 60_000 }, async () => {
  /* A pump that ended before its first await once stayed marked as running, and the next wait hung. */
  const buffer = stream(4096);
  const base = new URL('.', import.meta.url).href;
  const server = new Worker(`
    const { workerData } = require('node:worker_threads');
    import(${JSON.stringify(`${base}packet_stream.js`)}).then(({ PacketStreamSink }) => {
      const sink = new PacketStreamSink(workerData);
      void sink.serve((packet) => packet.length);
    });
    /* Atomics.waitAsync does not keep a thread alive; a component's ports do. */
    setInterval(() => undefined, 1000);
  `, { eval: true, workerData: buffer });
  try {
    const client = new PacketStreamClient(buffer);
    let written = 0;
    for (let i = 0; i < 3000; i++) written += await client.runAsync(client.write(1, new Uint8Array(8), i * 8));
    assert.equal(written, 3000 * 8);
  } finally {
    await server.terminate();
  }
});
