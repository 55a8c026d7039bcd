import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { READ_ONLY, READ_WRITE, WRITE_ONLY } from './open_flags.js';
import { POLL_MAX_MS } from './terminal_file_system.js';
import { TestServices, errnoOf, readText, vfsFrom } from './test_services.js';

const text = (buffer: Uint8Array, count: number) => new TextDecoder().decode(buffer.subarray(0, count));

async function terminalVfs(attributes = '') {
  const services = new TestServices();
  const vfs = await vfsFrom(`<vfs> <dir name="dev"> <terminal ${attributes}/> </dir> </vfs>`, services);
  return { services, vfs, terminal: services.terminal };
}

test('the device and its .terminal directory', async () => {
  const { vfs, terminal } = await terminalVfs();
  assert.deepEqual(vfs.readdir('/dev').map((entry) => [entry.name, entry.type]), [['terminal', 'character_device'], ['.terminal', 'directory']]);
  assert.deepEqual(vfs.readdir('/dev/.terminal').map((entry) => entry.name), ['info', 'rows', 'columns', 'interrupts']);
  assert.equal(readText(vfs, '/dev/.terminal/info'), '<terminal rows="24" columns="80"/>');
  terminal.columns = 132;
  assert.equal(readText(vfs, '/dev/.terminal/columns'), '132', 'the size as it is now');
  assert.equal(errnoOf(() => vfs.open('/dev/.terminal/rows', WRITE_ONLY)), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.mkdir('/dev/x')), Errno.ROFS);
});

test('reads answer what is there, EAGAIN when nothing is, 0 at the end of input', async () => {
  const { vfs, terminal } = await terminalVfs();
  const handle = vfs.open('/dev/terminal', READ_WRITE);
  const buffer = new Uint8Array(4);
  assert.equal(errnoOf(() => handle.read(buffer, 0)), Errno.AGAIN);
  assert.equal(handle.readReady(), false);
  terminal.type('hello');
  assert.equal(handle.readReady(), true);
  assert.equal(text(buffer, handle.read(buffer, 0)), 'hell');
  assert.equal(text(buffer, handle.read(buffer, 0)), 'o');
  terminal.ended = true;
  assert.equal(handle.readReady(), true, 'the end is ready to be read');
  assert.equal(handle.read(buffer, 0), 0);
  assert.equal(handle.write(new TextEncoder().encode('out'), 0), 3);
  assert.equal(new TextDecoder().decode(new Uint8Array(terminal.output)), 'out');
});

test('waitReadReady polls with growing pauses until input arrives, or until the timeout', async () => {
  const { vfs, terminal, services } = await terminalVfs();
  const handle = vfs.open('/dev/terminal', READ_ONLY);
  let sleeps = 0;
  services.onSleep = () => {
    if (++sleeps === 8) terminal.type('x');
  };
  assert.equal(handle.waitReadReady(undefined), true);
  assert.deepEqual(services.sleeps, [1, 2, 4, 8, POLL_MAX_MS, POLL_MAX_MS, POLL_MAX_MS, POLL_MAX_MS]);
  handle.read(new Uint8Array(1), 0);
  services.sleeps.length = 0;
  services.onSleep = () => undefined;
  assert.equal(handle.waitReadReady(25_000_000n), false, '25 ms without input');
  assert.deepEqual(services.sleeps, [1, 2, 4, 8, 10]);
  assert.equal(handle.waitReadReady(0n), false);
});

test('a terminal that takes less than written makes the write wait for the rest', async () => {
  const { vfs, terminal, services } = await terminalVfs();
  const handle = vfs.open('/dev/terminal', WRITE_ONLY);
  terminal.takes = 0;
  services.onSleep = () => {
    terminal.takes = 2;
  };
  assert.equal(handle.write(new TextEncoder().encode('hello'), 0), 5);
  assert.equal(new TextDecoder().decode(new Uint8Array(terminal.output)), 'hello');
  assert.equal(services.sleeps.length, 1);
});

test('Control-C counts as an interrupt unless raw="yes"', async () => {
  const cooked = await terminalVfs();
  cooked.terminal.type('a\x03b\x03');
  const buffer = new Uint8Array(10);
  const handle = cooked.vfs.open('/dev/terminal', READ_ONLY);
  assert.equal(text(buffer, handle.read(buffer, 0)), 'ab');
  assert.equal(readText(cooked.vfs, '/dev/.terminal/interrupts'), '2');

  const raw = await terminalVfs('raw="yes" name="tty"');
  raw.terminal.type('a\x03b');
  assert.equal(text(buffer, raw.vfs.open('/dev/tty', READ_ONLY).read(buffer, 0)), 'a\x03b');
  assert.equal(readText(raw.vfs, '/dev/.tty/interrupts'), '0');
});

test('info tells of size changes: read-ready while the size differs from the one last read', async () => {
  const { vfs, terminal } = await terminalVfs();
  const info = vfs.open('/dev/.terminal/info', READ_ONLY);
  const buffer = new Uint8Array(64);
  assert.equal(info.readReady(), false, 'nothing changed since open');
  terminal.columns = 100;
  assert.equal(info.readReady(), true);
  assert.equal(info.readReady(), true, 'looking does not count as reading');
  assert.equal(text(buffer, info.read(buffer, 0)), '<terminal rows="24" columns="100"/>', 'a read from 0 takes the value as it is now');
  assert.equal(info.stat().size, '<terminal rows="24" columns="100"/>'.length);
  assert.equal(info.readReady(), false);
  terminal.rows = 30;
  terminal.columns = 90;
  assert.equal(info.readReady(), true);
  assert.equal(text(buffer, info.read(buffer.subarray(0, 10), 0)), '<terminal ');
  assert.equal(info.readReady(), false, 'a partial read counts: the rest comes from that version');
  terminal.columns = 80;
  assert.equal(text(buffer, info.read(buffer, 10)), 'rows="30" columns="90"/>');
  assert.equal(info.readReady(), true, 'the version read is still the old one');
  terminal.columns = 90;
  assert.equal(info.readReady(), false, 'a change and back is no change of what was read');
});

test('rows, columns and interrupts are values that tell of changes too', async () => {
  const { vfs, terminal } = await terminalVfs();
  const columns = vfs.open('/dev/.terminal/columns', READ_ONLY);
  const rows = vfs.open('/dev/.terminal/rows', READ_ONLY);
  const interrupts = vfs.open('/dev/.terminal/interrupts', READ_ONLY);
  const device = vfs.open('/dev/terminal', READ_ONLY);
  terminal.columns = 132;
  assert.deepEqual([columns.readReady(), rows.readReady()], [true, false]);
  terminal.type('\x03');
  assert.equal(interrupts.readReady(), false, 'Control-C counts once the terminal is read');
  assert.equal(device.readReady(), false, 'Control-C alone is no input');
  assert.equal(interrupts.readReady(), true);
  const buffer = new Uint8Array(8);
  assert.equal(text(buffer, interrupts.read(buffer, 0)), '1');
  assert.equal(interrupts.readReady(), false);
});

test('waiting for a size change polls with growing pauses, or ends at the timeout', async () => {
  const { vfs, terminal, services } = await terminalVfs();
  const info = vfs.open('/dev/.terminal/info', READ_ONLY);
  let sleeps = 0;
  services.onSleep = () => {
    if (++sleeps === 6) terminal.columns = 40;
  };
  assert.equal(info.waitReadReady(undefined), true);
  assert.deepEqual(services.sleeps, [1, 2, 4, 8, POLL_MAX_MS, POLL_MAX_MS]);
  info.read(new Uint8Array(64), 0);
  services.sleeps.length = 0;
  services.onSleep = () => undefined;
  assert.equal(info.waitReadReady(25_000_000n), false, '25 ms without a change');
  assert.deepEqual(services.sleeps, [1, 2, 4, 8, 10]);
});
