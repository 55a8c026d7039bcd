/*
 * A component that links the VFS library, as the C runtime does, and
 * reports what each operation answered (see ../vfs_library.test.ts).
 */

import { Timer, type Env } from 'nido';
import { CREATE_WRITE, READ_ONLY, READ_WRITE, WRITE_ONLY, createVfs } from '../../../src/lib/vfs/index.js';
import { readAll, reporter } from '../vfs_probe_tools.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const vfs = await createVfs(env, config.xml.child('vfs'));
  const timer = await env.connect(Timer);
  const report = reporter(env);
  const ramUsed = async () => (await env.pd.quota()).ram.used;
  /* Freed file data is garbage: the PD's RAM meter gives it back once collected (docs/quotas.md), so wait for that. */
  const returned = async (before: number, slack = 0) => {
    for (let waited = 0; waited < 10_000 && (await ramUsed()) - before > slack; waited += 100) await timer.client.msleep(100);
    return (await ramUsed()) - before <= slack;
  };

  report('tar', () => readAll(vfs, '/etc/motd').trim());
  report('tar write', () => vfs.open('/etc/motd', WRITE_ONLY));
  report('through symlinks', () => vfs.readdir('/etc/libs').map((entry) => entry.name).join(','));
  report('missing', () => vfs.stat('/nothing', true));
  report('root', () => vfs.readdir('/').map((entry) => entry.name).join(','));
  report('import', () => readAll(vfs, '/tmp/imported'));
  report('blob', () => vfs.stat('/etc/blob', true).size);
  report('zero', () => vfs.open('/dev/zero', READ_ONLY).read(new Uint8Array(4096), 512));
  report('rtc', () => JSON.stringify(readAll(vfs, '/dev/rtc')));

  const log = vfs.open('/dev/log', WRITE_ONLY);
  log.write(encoder.encode('line one\nline two\npartial'), 0);
  log.close();
  const audit = vfs.open('/dev/audit', WRITE_ONLY);
  audit.write(encoder.encode('audited\n'), 0);
  audit.close();

  /* the RAM file system is paid from the PD account (the chunk written is the probe's own, paid before) */
  const chunk = new Uint8Array(256 * 1024).fill(0x61);
  const before = await ramUsed();
  const file = vfs.open('/tmp/big', CREATE_WRITE);
  for (let i = 0; i < 4; i++) file.write(chunk, i * chunk.length);
  file.close();
  const charged = (await ramUsed()) - before;
  env.log(`ram charged: ${charged}`);
  /* 1 MiB of file data, less what the PD's buffer base (256 KiB, docs/quotas.md) still had room for. */
  env.log(`ram charged at least 1M: ${charged >= 1024 * 1024 - 256 * 1024}`);
  vfs.unlink('/tmp/big');
  env.log(`ram returned: ${await returned(before)}`);

  /* until the account is empty */
  const fill = vfs.open('/tmp/fill', CREATE_WRITE);
  let written = 0;
  report('fill', () => {
    for (;;) written += fill.write(chunk, written);
  });
  fill.close();
  env.log(`filled more than 1M: ${written > 1024 * 1024}`);
  vfs.unlink('/tmp/fill');
  env.log(`ram returned after fill: ${await returned(before)}`);

  /* ROM updates: the test rewrites the boot directory's "settings" */
  report('settings', () => readAll(vfs, '/etc/settings'));
  for (const expected of ['version 2', 'version three, longer']) {
    env.log(`waiting for ${expected}`);
    while (readAll(vfs, '/etc/settings') !== expected) await timer.client.msleep(20);
    env.log(`settings: ${expected}`);
  }

  /* the terminal: core's, on the test's pipe; reads wait the way a blocked program waits */
  const terminal = vfs.open('/dev/terminal', READ_WRITE);
  const buffer = new Uint8Array(64);
  let line = '';
  env.log('terminal: waiting');
  for (;;) {
    terminal.waitReadReady(undefined);
    const count = terminal.read(buffer, 0);
    if (count === 0) break;
    line += decoder.decode(buffer.subarray(0, count));
    for (let newline = line.indexOf('\n'); newline >= 0; newline = line.indexOf('\n')) {
      env.log(`terminal line "${line.slice(0, newline)}"`);
      terminal.write(encoder.encode(`echo: ${line.slice(0, newline)}\n`), 0);
      line = line.slice(newline + 1);
    }
  }
  env.log(`terminal: end of input after "${line}"`);
  report('terminal rows', () => readAll(vfs, '/dev/.terminal/info'));
  terminal.close();

  await vfs.close();
  /*
   * Every file is gone; what the probe still holds beyond `before` is its
   * own: the code it ran since and the objects of the sessions it used
   * (about 100 KiB), far below the megabytes of file data.
   */
  const closed = await returned(before, 256 * 1024);
  env.log(`after close: ${closed}${closed ? "" : ` (${(await ramUsed()) - before} bytes more)`}`);
  await timer.close();
  env.log('done');
}
