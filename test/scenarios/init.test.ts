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
import { bootDir, nidoRun, repoRoot } from '../harness.js';

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

for (const script of ['routing', 'quotas', 'lifecycle']) {
  test(`test-init script "${script}" runs to exit value 0, and no quota is lost`, async () => {
    const dir = await bootDir({ 'test-init.config': await readFile(join(deployment, `${script}.config`)) }, deployment);
    const result = await nidoRun(dir, [
      '--until', '^\\[init\\] child "test-init" exited with exit value',
      '--fail', 'list model not empty at destruction time',
      '--timeout', '240',
    ]);
    const log = result.lines.join('\n');
    assert.equal(result.code, 0, log + result.stderr);
    assert.ok(result.lines.includes('[init] child "test-init" exited with exit value 0'), log);
    const reports = stateReports(result.lines);
    const baseline = reports.filter((r) => r.startsWith('<state version="baseline">')).at(-1);
    const final = reports.filter((r) => r.startsWith('<state version="final">')).at(-1);
    assert.ok(baseline !== undefined && final !== undefined, `baseline and final reports missing in\n${log}`);
    assert.equal(ownQuota(final), ownQuota(baseline));
  });
}
