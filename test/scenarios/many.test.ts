/*
 * Many children under one init: 300 start and stay alive, one config
 * change kills them all, and init's own RAM and caps are what they were
 * before any child, to the byte (docs/quotas.md).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, initQuota, readReport, reportDir, repoRoot, waitForReport } from '../harness.js';

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
    const before = { ram: initQuota(empty, 'ram'), caps: initQuota(empty, 'caps') };

    await writeFile(join(dir, 'config'), config(CHILDREN));
    for (let i = 0; i < CHILDREN; i++) await nido.waitFor(new RegExp(`^\\[init -> idle_${i}\\] up$`), 300_000);
    const all = await waitForReport(reports, 'init/state', (r) => (r.match(/<child /g) ?? []).length === CHILDREN, 300_000);
    assert.doesNotMatch(all, /exited=/);
    assert.ok(!nido.lines.some((line) => /Error|exited with/.test(line)), nido.lines.filter((line) => /Error|exited with/.test(line)).join('\n'));

    await writeFile(join(dir, 'config'), config(0));
    const same = (r: string) => !r.includes('<child')
      && JSON.stringify({ ram: initQuota(r, 'ram'), caps: initQuota(r, 'caps') }) === JSON.stringify(before);
    const after = await waitForReport(reports, 'init/state', same, 120_000).catch(async () => (await readReport(reports, 'init/state')) ?? '');
    assert.deepEqual({ ram: initQuota(after, 'ram'), caps: initQuota(after, 'caps') }, before);
  } finally {
    await nido.stop();
  }
});
