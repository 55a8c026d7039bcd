import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { Ipc } from '../base/ipc.js';
import type { Port } from '../base/port.js';
import type { Capability } from '../base/capability.js';
import { ServiceDenied } from '../base/errors.js';
import { Terminal } from '../session/terminal/interface.js';
import { HostConsole } from './host_console.js';
import { FakeOutput, FakeTtyInput } from './host_console_fake.js';
import { INPUT_BUFFER, terminalService } from './terminal_service.js';

const channel = () => new MessageChannel() as unknown as { port1: Port; port2: Port };
const tick = () => new Promise((resolve) => setImmediate(resolve));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

function setup(output = new FakeOutput({ columns: 100, rows: 30 })) {
  const ipc = new Ipc({ pd: 0, channel, defer: (work) => void setImmediate(work) });
  const input = new FakeTtyInput(false);
  const console = new HostConsole({ input: () => input, output, environment: {}, escape: () => undefined, notice: () => undefined });
  const root = terminalService(ipc, console);
  const open = async (label: string) => {
    const { id, cap } = await root.session(`label="${label}", ram_quota=8192, cap_quota=2`);
    return { id, client: ipc.client(Terminal, cap as Capability<Terminal>) };
  };
  /* A signal handler that counts. */
  const counter = () => {
    const state = { count: 0, cap: ipc.signalContext((count) => { state.count += count; }) };
    return state;
  };
  return { ipc, input, output, console, root, open, counter };
}

test('Terminal service: input goes to the newest open session; when it closes, to the one before', async () => {
  const { input, root, open } = setup();
  const older = await open('shell');
  const newer = await open('editor');
  input.write('to the editor');
  await tick();
  assert.equal(await older.client.avail(), 0);
  assert.equal(text(await newer.client.read(100)), 'to the editor');
  await root.close(newer.id);
  input.write('to the shell');
  await tick();
  assert.equal(text(await older.client.read(100)), 'to the shell');
  await root.close(older.id);
  assert.equal(input.isPaused(), true, 'without sessions, stdin is left alone');
});

test('Terminal service: read takes at most max bytes, across chunks; avail counts what is left', async () => {
  const { input, open } = setup();
  const { client } = await open('app');
  input.write('abc');
  await tick();
  input.write('defg');
  await tick();
  assert.equal(await client.avail(), 7);
  assert.equal(text(await client.read(2)), 'ab');
  assert.equal(text(await client.read(3)), 'cde');
  assert.equal(text(await client.read(0)), '');
  assert.equal(text(await client.read(10)), 'fg');
  assert.equal((await client.read(10)).length, 0);
  await assert.rejects(client.read(-1), RangeError);
});

test('Terminal service: signals for input, end of input and size changes; eof once drained', async () => {
  const output = new FakeOutput({ columns: 100, rows: 30 });
  const { input, open, counter } = setup(output);
  const { client } = await open('app');
  const readAvail = counter();
  const sizeChanged = counter();
  const connected = counter();
  await client.readAvailSigh(readAvail.cap);
  await client.sizeChangedSigh(sizeChanged.cap);
  await client.connectedSigh(connected.cap);
  await tick();
  assert.equal(connected.count, 1, 'the console is connected from the start');
  assert.equal(readAvail.count, 0);
  assert.deepEqual(await client.size(), { columns: 100, rows: 30 });

  input.write('x');
  await tick();
  await tick();
  assert.equal(readAvail.count, 1);
  output.columns = 120;
  output.emit('resize');
  await tick();
  assert.equal(sizeChanged.count, 1);
  assert.deepEqual(await client.size(), { columns: 120, rows: 30 });

  input.end();
  await tick();
  await tick();
  assert.equal(readAvail.count, 2, 'the end wakes readers');
  assert.equal(await client.eof(), false, 'not before the last byte was read');
  assert.equal(text(await client.read(10)), 'x');
  assert.equal(await client.eof(), true);
});

test('Terminal service: a full input buffer stops reading the host until the client read', async () => {
  const { input, open } = setup();
  const { client } = await open('slow');
  input.write(Buffer.alloc(INPUT_BUFFER, 0x61));
  await tick();
  assert.equal(input.isPaused(), true);
  input.write('more');
  await tick();
  assert.equal(await client.avail(), INPUT_BUFFER);
  await client.read(10);
  await tick();
  assert.equal(input.isPaused(), false);
  assert.equal(await client.avail(), INPUT_BUFFER - 10 + 4);
});

test('Terminal service: writes of every session reach the output', async () => {
  const output = new FakeOutput();
  const { open } = setup(output);
  const one = await open('one');
  const two = await open('two');
  assert.equal(await one.client.write(new TextEncoder().encode('from one\n')), 9);
  assert.equal(await two.client.write(new TextEncoder().encode('from two\n')), 9);
  assert.equal(output.text(), 'from one\nfrom two\n');
  await assert.rejects(one.client.write('text' as unknown as Uint8Array), TypeError);
});

test('Terminal service: without a host console, sessions are denied', async () => {
  const ipc = new Ipc({ pd: 0, channel, defer: (work) => void setImmediate(work) });
  await assert.rejects(terminalService(ipc, undefined).session('label="app", ram_quota=8192, cap_quota=2'), ServiceDenied);
});
