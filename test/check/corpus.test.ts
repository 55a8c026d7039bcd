/*
 * The corpus of broken configs: each makes exactly the finding its first
 * line expects, at that file, line and column, through the same host
 * environment `nido check` uses (src/cli/check.ts: the corpus directory is
 * the boot directory, the shipped components and programs are dist's).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness.js';
import { corpus } from './corpus.js';

const { hostEnvironment } = (await import(new URL('../../cli/check.js', import.meta.url).href)) as typeof import('../../src/cli/check.js');
const { checkInitConfig, formatFinding } = (await import(new URL('../../lib/check/index.js', import.meta.url).href)) as typeof import('../../src/lib/check/index.js');

const cases = corpus();

test('the corpus has at least 40 broken configs', () => {
  assert.ok(cases.length >= 40, `only ${cases.length}`);
  assert.ok(cases.some((c) => c.severity === 'error') && cases.some((c) => c.severity === 'warning'));
});

for (const expected of cases) {
  test(`corpus ${expected.name}: ${expected.severity} at ${expected.file}:${expected.line}:${expected.column}, "${expected.fragment}"`, () => {
    const text = readFileSync(join(expected.dir, 'config'), 'utf8');
    const display = join('corpus', expected.name);
    const findings = checkInitConfig(text, join(display, 'config'), hostEnvironment(expected.dir, display, 256 * 1024 * 1024, 10_000));
    const shown = findings.map(formatFinding).join('\n');
    assert.equal(findings.length, 1, `one finding expected, got:\n${shown}`);
    const [finding] = findings;
    assert.ok(finding !== undefined);
    assert.equal(finding.severity, expected.severity, shown);
    assert.equal(finding.file, join(display, expected.file), shown);
    assert.equal(`${finding.line}:${finding.column}`, `${expected.line}:${expected.column}`, shown);
    assert.ok(finding.message.includes(expected.fragment), `"${expected.fragment}" not in:\n${shown}`);
  });
}

test('docs/check.md names every corpus case, and names none that is not there', () => {
  const docs = readFileSync(join(repoRoot, 'docs', 'check.md'), 'utf8');
  const named = new Set([...docs.matchAll(/`corpus\/([a-z0-9_]+)`/g)].map((match) => match[1] as string));
  const there = new Set(cases.map((c) => c.name));
  assert.deepEqual([...there].filter((name) => !named.has(name)), [], 'corpus cases docs/check.md does not name');
  assert.deepEqual([...named].filter((name) => !there.has(name)), [], 'names in docs/check.md without a corpus case');
});
