/*
 * Many children under one init: 300 start and stay alive, one config
 * change kills them all, and init's own RAM and caps are what they were
 * before any child, to the byte (docs/quotas.md).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, initAccounts, initAccountsWhenEmpty, reportDir, repoRoot, waitForReport } from '../harness.js';

const CHILDREN = 300;

function config(children: number): string {
  const starts = Array.from({ length: children }, (_, i) => `  <start name="idle_${i}"> <binary name="idle"/> </start>`);
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
  <report init_ram="yes" init_caps="yes" delay_ms="500" buffer="256K"/>
${starts.join('\n')}
</config>
`;
}

test(`${CHILDREN} children start, stay alive, and all go with one config change; every byte comes back`, async () => {
  const reports = await reportDir();
  const dir = await bootDir({ config: config(0) }, join(repoRoot, 'test', 'scenarios', 'many'));
  const nido = new Nido(dir, ['--report-dir', reports, '--ram', '1G', '--caps', '40000', '--timeout', '600']);
  try {
    const empty = await waitForReport(reports, 'init/state', (r) => r.includes('<ram quota='));
    const before = initAccounts(empty);

    await writeFile(join(dir, 'config'), config(CHILDREN));
    for (let i = 0; i < CHILDREN; i++) await nido.waitFor(new RegExp(`^\\[init -> idle_${i}\\] up$`), 300_000);
    const all = await waitForReport(reports, 'init/state', (r) => (r.match(/<child /g) ?? []).length === CHILDREN, 300_000);
    assert.doesNotMatch(all, /exited=/);
    assert.ok(!nido.lines.some((line) => /Error|exited with/.test(line)), nido.lines.filter((line) => /Error|exited with/.test(line)).join('\n'));

    await writeFile(join(dir, 'config'), config(0));
    assert.deepEqual(await initAccountsWhenEmpty(reports, before, 120_000), before);
  } finally {
    await nido.stop();
  }
});
