import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DemotedFindings, Findings, formatFinding, hasErrors, summary } from './finding.js';

test('findings are sorted by file, line and column, and one made twice is kept once', () => {
  const findings = new Findings();
  findings.warning({ file: 'b/config', line: 1, column: 1 }, 'later file');
  findings.error({ file: 'a/config', line: 9, column: 2 }, 'second', 'do this');
  findings.warning({ file: 'a/config', line: 3, column: 7 }, 'first');
  findings.warning({ file: 'a/config', line: 3, column: 7 }, 'first');
  const sorted = findings.sorted();
  assert.deepEqual(sorted.map((f) => f.message), ['first', 'second', 'later file']);
  assert.equal(formatFinding(sorted[1] as (typeof sorted)[number]), 'a/config:9:2: error: second\n  hint: do this');
  assert.equal(formatFinding(sorted[0] as (typeof sorted)[number]), 'a/config:3:7: warning: first');
  assert.ok(hasErrors(sorted));
  assert.equal(summary(sorted), '1 error, 2 warnings');
  assert.equal(summary([]), 'no findings');
});

test('demoted findings are warnings that say why', () => {
  const findings = new Findings();
  const demoted = new DemotedFindings(findings, 'on purpose');
  demoted.error({ file: 'c', line: 1, column: 1 }, 'broken');
  demoted.warning({ file: 'c', line: 2, column: 1 }, 'odd');
  assert.deepEqual(findings.sorted().map(formatFinding), ['c:1:1: warning: broken (on purpose)', 'c:2:1: warning: odd']);
});
