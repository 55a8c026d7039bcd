/*
 * A client killed while its session request is on its way to a server
 * (the server takes 800 ms to answer): the session the server creates
 * after all is closed at once, and every byte and cap of the donation
 * comes back. Before, the parent's close of everything skipped the
 * session that did not exist yet, and the server kept the donation.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, providedBy, quotasOf, reportDir, repoRoot, waitForReport } from '../harness.js';

const dir = join(repoRoot, 'test', 'scenarios', 'session_in_flight');

const quotas = (report: string) => quotasOf(report, 'slow_server');
const provided = (report: string) => providedBy(report, 'slow_server');

test('a client killed while its session request is in flight: the session closes at the server, every byte and cap back', async () => {
  const reports = await reportDir();
  const boot = await bootDir({}, dir);
  const nido = new Nido(boot, ['--report-dir', reports, '--timeout', '120']);
  const state = (predicate: (report: string) => boolean) => waitForReport(reports, 'init/state', predicate, 60_000);
  try {
    const before = await state((r) => quotas(r) !== undefined && r.includes('label="slow_server -> delay"'));
    const baseline = quotas(before);

    await writeFile(join(boot, 'config'), await readFile(join(dir, 'with_client.config'), 'utf8'));
    await nido.waitFor(/^\[init -> slow_server\] session requested by "client -> main"$/, 60_000);
    /* The request is at the server, which answers in 800 ms: the client goes now. */
    await writeFile(join(boot, 'config'), await readFile(join(dir, 'config'), 'utf8'));
    await nido.waitFor(/^\[init -> slow_server\] session created for "client -> main"$/, 60_000);
    await nido.waitFor(/^\[init -> slow_server\] session of "client -> main" closed$/, 60_000);
    const after = await state((r) => !r.includes('name="client"') && quotas(r) === baseline && !/<session /.test(provided(r)));
    assert.equal(quotas(after), baseline);
    assert.doesNotMatch(provided(after), /<session /);
    assert.ok(!nido.lines.some((line) => line.includes('Hello, client')), nido.lines.join('\n'));
  } finally {
    await nido.stop();
  }
});
