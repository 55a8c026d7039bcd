/*
 * Orderly destruction (the talk's part 3): a subsystem three levels deep,
 * with servers and clients inside and sessions at a server outside it, is
 * torn down by removing one start node. The parent closes every session in
 * reverse order; afterwards init's state report shows every account back
 * to the byte and no stale session at the outside server.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, providedBy, quotasOf, reportDir, repoRoot, waitForReport } from '../harness.js';

const dir = join(repoRoot, 'test', 'scenarios', 'teardown');
const ownQuota = (report: string) => quotasOf(report, 'outer_log');
/* The sessions others hold at the outside server. */
const outerLog = (report: string) => providedBy(report, 'outer_log');

test('tearing down a three-level subsystem returns every byte and leaves no stale session outside', async () => {
  const reports = await reportDir();
  const boot = await bootDir({}, dir);
  const nido = new Nido(boot, ['--report-dir', reports, '--timeout', '180']);
  const state = (predicate: (report: string) => boolean) => waitForReport(reports, 'init/state', predicate, 90_000);
  try {
    /* The outside server is up once it holds its config ROM (a session that pays init, too). */
    await nido.waitFor(/^\[init -> outer_log\] created LOG service$/);
    const before = await state((r) => ownQuota(r) !== undefined && r.includes('label="outer_log -> config" state="CAP_HANDED_OUT"'));
    const baseline = ownQuota(before);
    assert.ok(baseline !== undefined, before);
    assert.doesNotMatch(outerLog(before), /<session /);

    await writeFile(join(boot, 'config'), await readFile(join(boot, 'with.config'), 'utf8'));
    /* Every LOG session from inside level 1 reaches the outside server; the clients' own go through their servers. */
    await nido.waitFor(/^\[init -> outer_log\] \[level1 -> level2 -> server\] \[client\] level 2 client up$/, 90_000);
    await nido.waitFor(/^\[init -> outer_log\] \[level1 -> server\] \[client\] level 1 client up$/, 90_000);
    await nido.waitFor(/^\[init -> outer_log\] \[level1 -> level2 -> leaf\] level 2 leaf up$/, 90_000);
    const during = await state((r) => outerLog(r).includes('label="level1 -> level2 -> leaf -> 0"'));
    assert.ok((outerLog(during).match(/<session /g) ?? []).length >= 5, during);

    await writeFile(join(boot, 'config'), await readFile(join(dir, 'config'), 'utf8'));
    const after = await state((r) => !r.includes('name="level1"') && ownQuota(r) === baseline && !/<session /.test(outerLog(r)));
    assert.equal(ownQuota(after), baseline);
    assert.doesNotMatch(outerLog(after), /<session /);
    await nido.waitFor(/^\[init -> outer_log\] close session without delay$/);
  } finally {
    await nido.stop();
  }
});
