/*
 * init, complete: the deployment of Genode's init test (spec/init.md §7.1)
 * booted through `nido run`, driven by test-init scripts that cover
 * routing, quotas and the life cycle of children. Each script brackets its
 * work with two identical configs without children ("baseline" and
 * "final"); the inner init's own <ram> and <caps> must read the same in
 * both: nothing is lost.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bootDir, Nido, repoRoot } from '../harness.js';

const deployment = join(repoRoot, 'test', 'scenarios', 'init');

/* The inner init's state reports, as report_rom logs them (verbose). */
function stateReports(lines: readonly string[]): string[] {
  const reports: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === "[init -> report_rom] report 'init -> state'") {
      current = [];
      reports.push('');
      continue;
    }
    const content = /^\[init -> report_rom\]   (.*)$/.exec(line);
    if (current !== undefined && content !== null) {
      current.push(content[1] as string);
      reports[reports.length - 1] = current.join('\n');
    } else {
      current = undefined;
    }
  }
  return reports;
}

function ownQuota(report: string): string {
  const ram = /<ram quota="[^"]*" used="[^"]*" avail="[^"]*"\/>/.exec(report)?.[0];
  const caps = /<caps quota="[^"]*" used="[^"]*" avail="[^"]*"\/>/.exec(report)?.[0];
  assert.ok(ram !== undefined && caps !== undefined, `no init quota in\n${report}`);
  return `${ram} ${caps}`;
}

/*
 * The inner init's own RAM includes its JavaScript heap as its RAM meter
 * last measured it. A report made while the teardown's garbage is not yet
 * collected shows it; the meter settles a second after the engine's last
 * collection (garbage collected, account trued up) and init reports again
 * (docs/quotas.md). So after test-init's end the run goes on until a
 * "final" report shows the baseline's quota again, or SETTLE_MS passed
 * (then the last one is compared, and a real loss fails the test).
 */
const SETTLE_MS = 40_000;
const REPORT_END = /^\[init -> report_rom\] {3}<\/state>$/;

for (const script of ['routing', 'quotas', 'lifecycle']) {
  test(`test-init script "${script}" runs to exit value 0, and no quota is lost`, async () => {
    const dir = await bootDir({ 'test-init.config': await readFile(join(deployment, `${script}.config`)) }, deployment);
    const nido = new Nido(dir, ['--fail', 'list model not empty at destruction time', '--timeout', '240']);
    let running = true;
    void nido.exited.then(() => { running = false; });
    try {
      const exit = await nido.waitFor(/^\[init\] child "test-init" exited with exit value/, 240_000);
      assert.equal(exit, '[init] child "test-init" exited with exit value 0', nido.lines.join('\n'));
      const own = () => {
        const reports = stateReports(nido.lines);
        const baseline = reports.filter((r) => r.startsWith('<state version="baseline">')).at(-1);
        const final = reports.filter((r) => r.startsWith('<state version="final">')).at(-1);
        assert.ok(baseline !== undefined && final !== undefined, `baseline and final reports missing in\n${nido.lines.join('\n')}`);
        return { baseline: ownQuota(baseline), final: ownQuota(final) };
      };
      const deadline = Date.now() + SETTLE_MS;
      while (running && own().final !== own().baseline && Date.now() < deadline) {
        await nido.waitFor(REPORT_END, deadline - Date.now(), nido.lines.length).catch(() => undefined);
      }
      assert.equal(own().final, own().baseline);
      /* Stopped by the test (status 0), not ended by the --fail line (status 1). */
      const result = await nido.stop();
      assert.equal(result.code, 0, nido.lines.join('\n') + result.stderr);
    } finally {
      await nido.stop();
    }
  });
}
