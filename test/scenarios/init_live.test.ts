/*
 * Live reconfiguration of init (spec/init.md §4): the boot directory's
 * config file is edited while `nido run` runs, and the state report file
 * shows children come and go as the spec says: new start nodes start, removed
 * ones go, a changed version restarts (new id), a changed inline config is
 * applied in place (same id), and init's quota is back when all are gone.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, reportDir, waitForReport } from '../harness.js';

function config(starts: string): string {
  return `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Report"/> <service name="Timer"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
  <report ids="yes" init_ram="yes" init_caps="yes" child_ram="yes" delay_ms="50"/>
${starts}
</config>
`;
}

const dummy = (name: string, body: string, attributes = '') =>
  `  <start name="${name}"${attributes}> <binary name="dummy"/> <config${body === '' ? '/>' : `>${body}</config>`} </start>`;

const child = (report: string, name: string) => new RegExp(`<child name="${name}" binary="dummy"[^>]* id="(\\d+)"`).exec(report)?.[1];
const ownQuota = (report: string) => /^\t<ram [^>]*\/>\n\t<caps [^>]*\/>/m.exec(report)?.[0];

test('editing the config file starts, kills, restarts and updates children', async () => {
  const reports = await reportDir();
  const dir = await bootDir({ config: config('') });
  const file = join(dir, 'config');
  const nido = new Nido(dir, ['--report-dir', reports, '--timeout', '120']);
  const state = (predicate: (report: string) => boolean) => waitForReport(reports, 'init/state', predicate, 60_000);
  try {
    const empty = await state((r) => r.includes('<ram ') && !r.includes('<child'));
    const baseline = ownQuota(empty);
    assert.ok(baseline !== undefined, empty);

    await writeFile(file, config([dummy('alpha', '<log string="alpha up"/>'), dummy('beta', '<log string="beta up"/>')].join('\n')));
    await nido.waitFor(/^\[init -> alpha\] alpha up$/);
    await nido.waitFor(/^\[init -> beta\] beta up$/);
    let report = await state((r) => child(r, 'alpha') === '1' && child(r, 'beta') === '2');

    /* beta goes, gamma comes, alpha stays untouched. */
    await writeFile(file, config([dummy('alpha', '<log string="alpha up"/>'), dummy('gamma', '<log string="gamma up"/>')].join('\n')));
    await nido.waitFor(/^\[init -> gamma\] gamma up$/);
    report = await state((r) => child(r, 'gamma') === '3' && child(r, 'beta') === undefined);
    assert.equal(child(report, 'alpha'), '1');

    /* A changed inline config reaches alpha in place; a version restarts gamma. */
    await writeFile(file, config([
      dummy('alpha', '', ' version=""').replace('<config/>', '<config version="renewed"/>'),
      dummy('gamma', '<log string="gamma up"/>', ' version="2"'),
    ].join('\n')));
    await nido.waitFor(/^\[init -> alpha\] config 2: renewed$/);
    report = await state((r) => child(r, 'gamma') === '4');
    assert.equal(child(report, 'alpha'), '1');
    assert.match(report, /<child name="gamma" binary="dummy" version="2" id="4"/);

    /* Everything goes: init's own quota is what it was before any child. */
    await writeFile(file, config(''));
    report = await state((r) => !r.includes('<child') && ownQuota(r) === baseline);
    assert.equal(ownQuota(report), baseline);
  } finally {
    await nido.stop();
  }
});
