import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { MAX_LINE } from './log_file_system.js';
import { READ_ONLY, READ_WRITE, WRITE_ONLY } from './open_flags.js';
import { TIMESTAMP_LENGTH, formatTimestamp } from './rtc_file_system.js';
import { TestServices, errnoOf, readText, vfsFrom } from './test_services.js';

const bytes = (text: string) => new TextEncoder().encode(text);

test('single-file plugins are named after their type unless `name` is given', async () => {
  const vfs = await vfsFrom(`<vfs> <dir name="dev"> <null/> <zero/> <log/> <rtc/> <null name="nothing"/> </dir> </vfs>`);
  assert.deepEqual(vfs.readdir('/dev').map((entry) => [entry.name, entry.type]), [
    ['null', 'character_device'], ['zero', 'character_device'], ['log', 'character_device'], ['rtc', 'file'], ['nothing', 'character_device'],
  ]);
});

test('null: reads end at once, writes take everything', async () => {
  const vfs = await vfsFrom('<vfs> <null/> </vfs>');
  const handle = vfs.open('/null', READ_WRITE);
  assert.equal(handle.read(new Uint8Array(10), 0), 0);
  assert.equal(handle.write(new Uint8Array(1000), 0), 1000);
  assert.equal(handle.stat().size, 0);
  handle.close();
});

test('zero: reads fill with zeros, up to `size` if given', async () => {
  const vfs = await vfsFrom('<vfs> <zero/> <zero name="z4k" size="4K"/> </vfs>');
  const endless = vfs.open('/zero', READ_ONLY);
  const buffer = new Uint8Array(100).fill(1);
  assert.equal(endless.read(buffer, 1 << 40), 100);
  assert.ok(buffer.every((byte) => byte === 0));
  const sized = vfs.open('/z4k', READ_WRITE);
  assert.equal(sized.stat().size, 4096);
  assert.equal(sized.read(new Uint8Array(100), 4000), 96);
  assert.equal(sized.read(new Uint8Array(100), 4096), 0);
  assert.equal(sized.write(new Uint8Array(7), 0), 7);
  assert.equal(vfs.stat('/zero', true).size, 0);
});

test('inline: the node\'s content as written, XML included; read only', async () => {
  const vfs = await vfsFrom(`<vfs>
    <inline name="config"><config verbose="yes"><policy label="x"/></config></inline>
    <inline name="text">a &amp; b</inline>
  </vfs>`);
  assert.equal(readText(vfs, '/config'), '<config verbose="yes"><policy label="x"/></config>');
  assert.equal(readText(vfs, '/text'), 'a &amp; b', 'raw, as Genode\'s inline plugin');
  assert.equal(vfs.stat('/config', true).size, 50);
  assert.equal(errnoOf(() => vfs.open('/config', WRITE_ONLY)), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.unlink('/config')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.rename('/config', '/c')), Errno.ROFS);
});

test('rom: the module\'s content; `label` names the module; binary by default, text up to the first NUL', async () => {
  const services = new TestServices({ 'motd.txt': 'hello\0garbage', config: '<config/>' });
  const vfs = await vfsFrom(`<vfs>
    <rom name="motd.txt"/>
    <rom name="motd" label="motd.txt" binary="no"/>
    <rom name="cfg" label="config" binary="no"/>
  </vfs>`, services);
  assert.equal(readText(vfs, '/motd.txt'), 'hello\0garbage');
  assert.equal(readText(vfs, '/motd'), 'hello');
  assert.equal(vfs.stat('/motd', true).size, 5);
  assert.equal(errnoOf(() => vfs.open('/cfg', READ_WRITE)), Errno.ROFS);

  /* a version that arrived with the ROM's signal */
  services.roms.get('motd.txt')?.replace(bytes('new version'));
  assert.equal(readText(vfs, '/motd.txt'), 'new version');

  /* a version published while the program blocks: a text ROM sees it at the next open */
  services.roms.get('config')?.publish(bytes('<c/>'));
  const before = vfs.open('/cfg', READ_ONLY);
  assert.equal(readText(vfs, '/cfg'), '<c/>');
  const buffer = new Uint8Array(20);
  assert.equal(new TextDecoder().decode(buffer.subarray(0, before.read(buffer, 0))), '<c/>', 'the open that refreshed');
});

test('an open text ROM keeps its version while a newer one arrives', async () => {
  const services = new TestServices({ config: '<config version="1"/>' });
  const vfs = await vfsFrom('<vfs> <rom name="config" binary="no"/> </vfs>', services);
  const handle = vfs.open('/config', READ_ONLY);
  services.roms.get('config')?.publish(bytes('<config version="2"/>'));
  assert.equal(readText(vfs, '/config'), '<config version="2"/>');
  const buffer = new Uint8Array(40);
  assert.equal(new TextDecoder().decode(buffer.subarray(0, handle.read(buffer, 0))), '<config version="1"/>');
});

test('log: each line becomes one LOG message; partial lines wait for the newline, a sync or a close', async () => {
  const services = new TestServices();
  const vfs = await vfsFrom('<vfs> <log/> <log name="audit" label="audit"/> </vfs>', services);
  const stdout = vfs.open('/log', WRITE_ONLY);
  const stderr = vfs.open('/log', WRITE_ONLY);
  stdout.write(bytes('one'), 0);
  stderr.write(bytes(' two\nthree\n'), 0);
  assert.deepEqual(services.logs.get(''), ['one two', 'three']);
  stdout.write(bytes('four'), 0);
  assert.deepEqual(services.logs.get(''), ['one two', 'three']);
  stdout.sync();
  assert.deepEqual(services.logs.get(''), ['one two', 'three', 'four']);
  stdout.write(bytes('five'), 0);
  stdout.close();
  assert.deepEqual(services.logs.get(''), ['one two', 'three', 'four', 'five']);
  /* a UTF-8 character split over two writes */
  const euro = bytes('€\n');
  stderr.write(euro.subarray(0, 1), 0);
  stderr.write(euro.subarray(1), 0);
  assert.equal(services.logs.get('')?.at(-1), '€');
  stderr.write(bytes('x'.repeat(MAX_LINE + 10)), 0);
  assert.equal(services.logs.get('')?.at(-1), 'x'.repeat(MAX_LINE), 'long lines are cut');
  assert.equal(errnoOf(() => stderr.read(new Uint8Array(1), 0)), Errno.BADF);
  const audit = vfs.open('/audit', WRITE_ONLY);
  audit.write(bytes('to the audit session\n'), 0);
  assert.deepEqual(services.logs.get('audit'), ['to the audit session']);
  assert.equal(errnoOf(() => vfs.open('/audit', READ_ONLY).read(new Uint8Array(1), 0)), Errno.INVAL);
});

test('rtc: YYYY-MM-DD HH:MM:SS from the clock, the epoch at boot', async () => {
  assert.equal(formatTimestamp(0n), '1970-01-01 00:00:00');
  assert.equal(formatTimestamp(951_782_400_000_000_000n), '2000-02-29 00:00:00');
  assert.equal(formatTimestamp(1_709_210_096_000_000_000n), '2024-02-29 12:34:56');
  assert.equal(formatTimestamp(4_102_444_799_999_999_999n), '2099-12-31 23:59:59');
  const services = new TestServices();
  const vfs = await vfsFrom('<vfs> <rtc/> </vfs>', services);
  assert.equal(readText(vfs, '/rtc'), '1970-01-01 00:00:00\n');
  services.time = 90_061_000_000_000n;
  assert.equal(readText(vfs, '/rtc'), '1970-01-02 01:01:01\n');
  assert.equal(vfs.stat('/rtc', true).size, TIMESTAMP_LENGTH);
  assert.equal(errnoOf(() => vfs.open('/rtc', WRITE_ONLY)), Errno.ROFS);
});

test('symlink: a link the VFS follows; relative to its directory', async () => {
  const vfs = await vfsFrom(`<vfs>
    <dir name="etc"> <inline name="real">content</inline> <symlink name="alias" target="real"/> </dir>
    <symlink name="abs" target="/etc/real"/>
    <dir name="d"> <symlink name="up" target="../etc"/> </dir>
  </vfs>`);
  assert.equal(readText(vfs, '/etc/alias'), 'content');
  assert.equal(readText(vfs, '/abs'), 'content');
  assert.equal(readText(vfs, '/d/up/real'), 'content');
  assert.equal(vfs.readlink('/etc/alias'), 'real');
  assert.equal(vfs.stat('/abs', false).type, 'symlink');
  assert.equal(vfs.stat('/abs', false).size, 9);
  assert.equal(vfs.stat('/abs', true).type, 'file');
  assert.equal(errnoOf(() => vfs.unlink('/abs')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.readlink('/etc/real')), Errno.INVAL);
});
