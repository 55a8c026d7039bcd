/*
 * Scenario tests of test-init's driver (spec/init.md §7.2) against
 * stand-ins: its steps, the init config it publishes, the LOG messages it
 * expects, and the init state it waits for. (The full init test, with an
 * init under test, is not run here.)
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, nidoRun, repoRoot, reportDir, waitForReport } from '../harness.js';

test('test-init: steps in order, expected and ignored messages, warnings, init state, exit 0', async () => {
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'test_init'));
  const reports = await reportDir();
  const nido = new Nido(dir, ['--report-dir', reports, '--timeout', '90']);
  const has = (line: string) => assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    await nido.waitFor(/^\[init -> test-init\] \[dummy\] second message \(expected\)$/);
    for (const line of [
      '[init -> test-init] step 0 (message)',
      '[init -> test-init] ',
      '[init -> test-init] --- driver self-test ---',
      '[init -> test-init] step 1 (nop)',
      '[init -> test-init] step 2 (init_config)',
      '[init -> test-init] step 3 (expect_log)',
      '[init -> test-init] [dummy] config 1: talk (expected)',
      '[init -> test-init] [dummy] unrelated (ignored)',
      '[init -> test-init] step 5 (expect_warning)',
    ]) has(line);
    const initConfig = await waitForReport(reports, join('init', 'test-init', 'init.config'), (report) => report.includes('</config>'));
    assert.equal(initConfig, [
      '<config version="v1">',
      '\t<parent-provides> <service name="LOG"/> </parent-provides>',
      '\t<start name="a" ram="2M"> <config> <log string="x"/> </config> </start>',
      '</config>',
      '',
    ].join('\n'));

    await writeFile(join(dir, 'go'), 'go\n');
    await nido.waitFor(/^\[init -> test-init\] \[warner\] Warning: careful \(expected\)$/);
    await nido.waitFor(/^\[init -> test-init\] Warning: init state does not match: <state version="v1"\/>$/);
    await nido.waitFor(/^\[init -> test-init\] Warning: expected condition: <expect_init_state>$/);
    has('[init -> test-init] step 6 (sleep)');

    /* A state that meets half of the conditions is not enough... */
    const from = nido.lines.length;
    await writeFile(join(dir, 'state'), '<state version="v2">\n\t<child name="a" ram="4M"/>\n</state>\n');
    await nido.waitFor(/^\[init -> test-init\] Warning: init state does not match: <state version="v2">$/, 30_000, from);
    /* ...the whole condition is. */
    await writeFile(join(dir, 'state'), '<state version="v2">\n\t<child name="b" ram="2M"/>\n\t<child name="a" ram="2M"/>\n</state>\n');
    await nido.waitFor(/^\[init\] child "test-init" exited with exit value 0$/);
    has('[init -> test-init] step 8 (message)');
    has('[init -> test-init] --- done ---');
  } finally {
    await nido.stop();
  }
});

test('test-init: an unknown step is an error and exit value 1', async () => {
  const dir = await bootDir({
    config: `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/>
    <service name="LOG"/> <service name="Timer"/> <service name="Report"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="2M"/>
  <start name="test-init" ram="4M">
    <config> <nop/> <bogus attribute="1"/> <nop/> </config>
  </start>
</config>`,
    state: '<state/>',
  });
  const reports = await reportDir();
  const result = await nidoRun(dir, ['--report-dir', reports, '--until', 'exited with exit value', '--timeout', '60']);
  assert.equal(result.code, 0, result.stderr);
  for (const line of [
    '[init -> test-init] step 1 (bogus)',
    '[init -> test-init] Error: unexpected step: <bogus attribute="1"/>',
    '[init] child "test-init" exited with exit value 1',
  ]) assert.ok(result.lines.includes(line), `missing "${line}" in\n${result.lines.join('\n')}`);
  assert.ok(!result.lines.includes('[init -> test-init] step 2 (nop)'), result.lines.join('\n'));
});
