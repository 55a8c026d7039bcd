import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SIZE, ESCAPE_BYTE, HostConsole, type ConsoleListener, type HostConsoleOptions } from './host_console.js';
import { FakeOutput, FakeTtyInput } from './host_console_fake.js';

interface Recorded extends ConsoleListener {
  readonly inputs: string[];
  ends: number;
  resizes: number;
}

function recorder(): Recorded {
  const recorded: Recorded = {
    inputs: [],
    ends: 0,
    resizes: 0,
    input: (bytes) => recorded.inputs.push(Buffer.from(bytes).toString('latin1')),
    ended: () => { recorded.ends++; },
    resized: () => { recorded.resizes++; },
  };
  return recorded;
}

function hostConsole(input: FakeTtyInput, output: FakeOutput, extra: Partial<HostConsoleOptions> = {}) {
  const events = { fetched: 0, escapes: 0, notices: [] as string[] };
  const console = new HostConsole({
    input: () => { events.fetched++; return input; },
    output,
    environment: {},
    escape: () => { events.escapes++; },
    notice: (text) => { events.notices.push(text); },
    ...extra,
  });
  return { console, events };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('HostConsole: stdin is taken only while attached; a TTY is in raw mode meanwhile, with one notice', async () => {
  const input = new FakeTtyInput(true);
  const { console, events } = hostConsole(input, new FakeOutput({ columns: 100, rows: 40 }));
  assert.equal(events.fetched, 0, 'a run without Terminal sessions never touches stdin');
  const listener = recorder();
  console.attach(listener);
  assert.equal(events.fetched, 1);
  assert.deepEqual(input.rawModes, [true]);
  assert.equal(events.notices.length, 1);
  assert.match(events.notices[0] ?? '', /Ctrl-\] ends the run/);
  input.write('ab');
  await tick();
  assert.deepEqual(listener.inputs, ['ab']);
  console.detach();
  assert.deepEqual(input.rawModes, [true, false]);
  assert.equal(input.isPaused(), true);
  input.write('unread');
  await tick();
  assert.deepEqual(listener.inputs, ['ab']);
  console.attach(listener);
  await tick();
  assert.deepEqual(listener.inputs, ['ab', 'unread'], 'input typed while detached waits for the next session');
  assert.equal(events.notices.length, 1, 'the notice comes once per run');
  console.close();
  assert.deepEqual(input.rawModes, [true, false, true, false]);
});

test('HostConsole: on a raw TTY, Ctrl-] ends the run; what came before it is delivered, the rest dropped', async () => {
  const input = new FakeTtyInput(true);
  const { console, events } = hostConsole(input, new FakeOutput({ columns: 80, rows: 24 }));
  const listener = recorder();
  console.attach(listener);
  input.write(Buffer.from([0x61, 0x03, ESCAPE_BYTE, 0x62]));
  await tick();
  assert.deepEqual(listener.inputs, ['a\x03'], 'Ctrl-C is an ordinary byte');
  assert.equal(events.escapes, 1);
});

test('HostConsole: piped input is data: Ctrl-] passes, no raw mode, the end is reported once', async () => {
  const input = new FakeTtyInput(false);
  const { console, events } = hostConsole(input, new FakeOutput());
  const listener = recorder();
  console.attach(listener);
  input.write(Buffer.from([0x61, ESCAPE_BYTE, 0x0a]));
  input.end();
  await tick();
  await tick();
  assert.deepEqual(listener.inputs, ['a\x1d\n']);
  assert.equal(events.escapes, 0);
  assert.deepEqual(input.rawModes, []);
  assert.equal(listener.ends, 1);
  assert.equal(console.ended, true);
  console.detach();
  console.attach(listener);
  assert.equal(listener.ends, 1, 'a later session learns the end from `ended`, not from a second call');
});

test('HostConsole: the size comes from the output TTY, else COLUMNS and LINES, else 80x24; resizes are reported', () => {
  const tty = new FakeOutput({ columns: 132, rows: 43 });
  const { console } = hostConsole(new FakeTtyInput(true), tty, { environment: { COLUMNS: '100', LINES: '30' } });
  assert.deepEqual(console.size(), { columns: 132, rows: 43 });
  const listener = recorder();
  console.attach(listener);
  tty.columns = 90;
  tty.rows = 20;
  tty.emit('resize');
  assert.equal(listener.resizes, 1);
  assert.deepEqual(console.size(), { columns: 90, rows: 20 });
  console.detach();
  tty.emit('resize');
  assert.equal(listener.resizes, 1);

  const piped = (environment: Record<string, string>) => hostConsole(new FakeTtyInput(false), new FakeOutput(), { environment }).console.size();
  assert.deepEqual(piped({ COLUMNS: '100', LINES: '30' }), { columns: 100, rows: 30 });
  assert.deepEqual(piped({}), DEFAULT_SIZE);
  assert.deepEqual(piped({ COLUMNS: 'wide', LINES: '-3' }), DEFAULT_SIZE);
  assert.deepEqual(piped({ COLUMNS: '120' }), { columns: 120, rows: 24 });
});

test('HostConsole: writes reach the output; after close they go nowhere', async () => {
  const output = new FakeOutput();
  const { console } = hostConsole(new FakeTtyInput(false), output);
  await console.write(new TextEncoder().encode('hello\n'));
  assert.equal(output.text(), 'hello\n');
  console.close();
  await console.write(new TextEncoder().encode('late\n'));
  assert.equal(output.text(), '');
});
