import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PIPE_BUF, PIPE_CAPACITY, PIPE_CELLS, PIPE_RING_BYTES, PipeCell, pipeFill } from '../../session/noux/pipe_ring.js';
import { PipeRingIo } from './pipe_io.js';

/* A ring as noux makes it: one reader, one writer open. */
function ring(): { buffer: SharedArrayBuffer; cells: Int32Array; reader: PipeRingIo; writer: PipeRingIo } {
  const buffer = new SharedArrayBuffer(PIPE_RING_BYTES);
  const cells = new Int32Array(buffer, 0, PIPE_CELLS);
  cells[PipeCell.READERS] = 1;
  cells[PipeCell.WRITERS] = 1;
  return { buffer, cells, reader: new PipeRingIo(buffer, 'read'), writer: new PipeRingIo(buffer, 'write') };
}

const bytes = (n: number, seed = 0) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

test('what is written is read back, in order, across the ring\'s end', () => {
  const { reader, writer, cells } = ring();
  const out = new Uint8Array(PIPE_CAPACITY);
  /* Move the positions near the end of the ring, so that the next write wraps. */
  for (let round = 0; round < 3; round++) {
    assert.equal(writer.write(bytes(40_000, round), 2), 40_000);
    assert.equal(reader.read([out], 3), 40_000);
    assert.deepEqual(out.subarray(0, 40_000), bytes(40_000, round));
  }
  assert.equal(pipeFill(cells), 0);
  /* A read into two targets takes the first's room, then the second's. */
  writer.write(bytes(100, 9), 2);
  const a = new Uint8Array(30);
  const b = new Uint8Array(100);
  assert.equal(reader.read([a, b], 3), 100);
  assert.deepEqual([...a, ...b.subarray(0, 70)], [...bytes(100, 9)]);
});

test('a full ring takes no more; a write of at most PIPE_BUF is never split', () => {
  const { reader, writer } = ring();
  assert.equal(writer.write(bytes(PIPE_CAPACITY - 100), 2), PIPE_CAPACITY - 100);
  assert.equal(writer.write(bytes(200), 2), 'full', 'a small write waits for room for all of it');
  assert.equal(writer.write(bytes(PIPE_BUF + 1), 2), 100, 'a large write takes what fits');
  assert.equal(writer.write(bytes(1), 2), 'full');
  const out = new Uint8Array(PIPE_CAPACITY);
  assert.equal(reader.read([out], 3), PIPE_CAPACITY);
  assert.equal(writer.write(bytes(200), 2), 200);
});

test('an empty ring is "empty" while a writer is open and the end of file once none is', () => {
  const { reader, writer, cells } = ring();
  const out = new Uint8Array(10);
  assert.equal(reader.read([out], 3), 'empty');
  writer.write(bytes(5), 2);
  cells[PipeCell.WRITERS] = 0;
  assert.equal(reader.read([out], 3), 5, 'what the last writer wrote before closing is still read');
  assert.equal(reader.read([out], 3), 0);
});

test('a write without a reader is "broken"', () => {
  const { writer, cells } = ring();
  cells[PipeCell.READERS] = 0;
  assert.equal(writer.write(bytes(5), 2), 'broken');
});

test('the end\'s flags and the watch are noux\'s cells', () => {
  const { reader, writer, cells } = ring();
  cells[PipeCell.READ_FLAGS] = 4;
  assert.equal(reader.flags, 4);
  assert.equal(writer.flags, 0);
  assert.equal(reader.watched, false);
  cells[PipeCell.WATCH] = 1;
  assert.equal(writer.watched, true);
});
