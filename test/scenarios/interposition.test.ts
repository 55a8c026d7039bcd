/*
 * Interposition (docs/interposition.md): routes in init's config put an
 * interposer between a client and an unchanged server. The client's
 * results are the same as without it, except where the interposer changes
 * them on purpose (limiter, rom_filter, fs_rom); every byte the client
 * donated comes back when it closes (its own account, init's state report).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, providedBy, replaceFile, reportDir, repoRoot, waitForReport } from '../harness.js';

const dir = join(repoRoot, 'test', 'scenarios', 'interposition');

/* The lines of `name` without its label prefix, in order. */
function linesOf(lines: readonly string[], label: string): string[] {
  const prefix = `[${label}] `;
  return lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}

/* A child's RAM and caps quota in init's state report (what it was assigned, less the sessions it opened, plus donations it holds). */
function childQuota(report: string, name: string): { ram: string; caps: number } | undefined {
  const child = new RegExp(`<child name="${name}"[^>]*>\\s*<ram assigned="[^"]*" quota="([^"]*)"[^>]*/>\\s*<caps assigned="[^"]*" quota="([^"]*)"`).exec(report);
  return child === null ? undefined : { ram: child[1] as string, caps: Number(child[2]) };
}

/*
 * Whether, after the client closed, the server holds what the client
 * holds (the same start, no session of its own, no donation) and trace
 * that less its own two sessions, its config ROM and its Timer (8K and
 * 2 caps each: ROM_SESSION_RAM, TIMER_SESSION_RAM): none of the client's
 * donation stays anywhere.
 */
function noDonationLeft(report: string): boolean {
  const client = childQuota(report, 'client');
  const server = childQuota(report, 'server');
  const trace = childQuota(report, 'trace');
  if (client === undefined || server === undefined || trace === undefined) return false;
  const kib = (text: string) => Number(text.replace(/K$/, ''));
  return server.ram === client.ram && server.caps === client.caps
    && kib(trace.ram) === kib(client.ram) - 16 && trace.caps === client.caps - 4;
}

async function runClient(config: string | undefined, label = 'init -> client'): Promise<{ nido: Nido; reports: string }> {
  const reports = await reportDir();
  const boot = await bootDir(config === undefined ? {} : { config: await readFile(join(dir, config), 'utf8') }, dir);
  const nido = new Nido(boot, ['--report-dir', reports, '--timeout', '120']);
  await nido.waitFor(new RegExp(`^\\[${label}\\] client done$`), 60_000);
  return { nido, reports };
}

test('trace between client and server: the client sees the same results; every call is logged; every byte comes back', async () => {
  const direct = await runClient(undefined);
  let expected: string[];
  try {
    expected = linesOf(direct.nido.lines, 'init -> client');
  } finally {
    await direct.nido.stop();
  }
  assert.ok(expected.includes('ram quota back to the byte: true'), expected.join('\n'));

  const traced = await runClient('trace.config');
  try {
    assert.deepEqual(linesOf(traced.nido.lines, 'init -> client'), expected);
    const trace = linesOf(traced.nido.lines, 'init -> trace');
    const has = (pattern: RegExp) => assert.ok(trace.some((line) => pattern.test(line)), `no ${pattern} in\n${trace.join('\n')}`);
    has(/^client -> main Hello session opened \(label="client -> main", ram_quota=\d+, cap_quota=\d+\)$/);
    has(/^client -> main Hello\.add\(1, 2\) = 3 \(\d+\.\d+ ms\)$/);
    has(/^client -> main Hello\.add\(20, 22\) = 42 \(sync, \d+\.\d+ ms\)$/);
    has(/^client -> main Hello\.fail\(\) threw ServiceDenied: server refuses \(sync, /);
    has(/^client -> main Hello\.counter\(\) = cap /);
    has(/^client -> main Hello\.check\(cap\) = "counter is ours: true" /);
    has(/^client -> main Hello\.callBack\(cap, "ping"\) = "client got \\"ping \(via server\)\\"" /);
    has(/^client -> main Hello\.fail\(\) threw ServiceDenied: server refuses \(\d/);
    has(/^client -> main Hello session closed$/);
    /* The server sees the session with the label as trace received it, prefixed by trace's name. */
    assert.ok(traced.nido.lines.some((line) => line.startsWith('[init -> server] session opened by "trace -> client -> main"')), traced.nido.lines.join('\n'));
    /* After the close, neither trace nor the server holds any of the client's donation. */
    await waitForReport(traced.reports, 'init/state', (r) => noDonationLeft(r) && !/<session /.test(providedBy(r, 'trace')), 30_000);
  } finally {
    await traced.nido.stop();
  }
});

test('trace on a LOG session: the client logs the same lines, each write is traced', async () => {
  const direct = await runClient(undefined);
  let expected: string[];
  try {
    expected = linesOf(direct.nido.lines, 'init -> client');
  } finally {
    await direct.nido.stop();
  }
  const traced = await runClient('log_trace.config', 'init -> trace -> client');
  try {
    /* The session's label passes on as trace received it, and its parent prefixes trace's name. */
    assert.deepEqual(linesOf(traced.nido.lines, 'init -> trace -> client'), expected);
    await traced.nido.waitFor(/^\[init -> trace\] client LOG\.write\("client done"\) \(\d+\.\d+ ms\)$/);
  } finally {
    await traced.nido.stop();
  }
});

test('limiter between client and server: three calls pass, later ones fail with LimitExceeded; every byte comes back', async () => {
  const boot = await bootDir({ config: await readFile(join(dir, 'limiter.config'), 'utf8') }, dir);
  const nido = new Nido(boot, ['--timeout', '120']);
  try {
    await nido.waitFor(/^\[init -> client\] client done$/, 60_000);
    assert.deepEqual(linesOf(nido.lines, 'init -> client'), [
      'call 1: 2', 'call 2: 4', 'call 3: 6',
      'call 4: LimitExceeded (instanceof LimitExceeded: true)',
      'call 5: LimitExceeded (instanceof LimitExceeded: true)',
      'sync call: LimitExceeded',
      'ram quota back to the byte: true',
      'client done',
    ]);
    assert.ok(nido.lines.some((line) => /^\[init -> limiter\] Warning: client -> main: Hello\.add refused: limit of 3 calls reached \(policy at config:\d+:\d+\)$/.test(line)), nido.lines.join('\n'));
  } finally {
    await nido.stop();
  }
});

test('rom_filter: the output follows its input ROM, with Genode\'s <if> <has_value/> </if>, <inline>, <node>, <attribute>', async () => {
  const boot = await bootDir({ config: await readFile(join(dir, 'rom_filter.config'), 'utf8') }, dir);
  const nido = new Nido(boot, ['--timeout', '120']);
  try {
    await nido.waitFor(/^\[init -> watcher\] filtered: <config version="1"> <palette> <color name="fg" value="#ff0000"\/> <\/palette> <\/config>$/, 60_000);
    await replaceFile(join(boot, 'xray'), '<xray enabled="no"/>\n');
    await nido.waitFor(/^\[init -> watcher\] filtered: <config version="1"> <plain xray="no"\/> <\/config>$/, 60_000);
    await replaceFile(join(boot, 'xray'), '<other/>\n');
    await nido.waitFor(/^\[init -> watcher\] filtered: <config version="1"> <plain\/> <\/config>$/, 60_000);
    await nido.waitFor(/^\[init -> rom_filter\] Warning: could not obtain input value for input xray_enabled$/);
  } finally {
    await nido.stop();
  }
});

test('fs_rom: a ROM from a file of ram_fs, signalled when the file changes', async () => {
  const boot = await bootDir({ config: await readFile(join(dir, 'fs_rom.config'), 'utf8') }, dir);
  const nido = new Nido(boot, ['--timeout', '120']);
  try {
    /* The same content as core's ROM of the boot directory's file (ram_fs copied it from there). */
    await nido.waitFor(/^\[init -> writer\] settings: <config mode="a"\/>$/, 60_000);
    await nido.waitFor(/^\[init -> writer\] written$/);
    await nido.waitFor(/^\[init -> writer\] settings: <config mode="b"\/>$/, 60_000);
  } finally {
    await nido.stop();
  }
});
