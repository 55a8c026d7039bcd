/*
 * The checks as a whole, on configs given as text, with an environment of
 * plain data (test_environment.ts): nested inits routed through the init
 * around them, configs in ROM modules, quotas per init, the policies of
 * shipped servers. The corpus of broken configs (test/check/corpus) has a
 * case for every single check.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkComponentConfigText, checkInitConfig } from './check.js';
import { formatFinding, type Finding } from './finding.js';
import { testEnvironment } from './test_environment.js';

const PP = '<parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>';
const DR = '<default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>';

function lines(findings: readonly Finding[]): string[] {
  return findings.map(formatFinding);
}

test('a clean config has no findings', () => {
  const config = `<config>${PP}${DR}<default caps="100" ram="1M"/><start name="a"><binary name="dummy"/><config><log string="x"/></config></start></config>`;
  assert.deepEqual(lines(checkInitConfig(config, 'config', testEnvironment())), []);
});

test('a nested init is checked with the routes of its parent: a ROM module it needs is followed out to core', () => {
  const config = `<config>${PP}${DR}<default caps="100" ram="1M"/>
<start name="sub" ram="8M" caps="500"><binary name="init"/>
  <route> <service name="ROM" label="extra"> <parent label="nothing_there"/> </service> <any-service> <parent/> </any-service> </route>
  <config>${PP}<default-route> <any-service> <parent/> </any-service> </default-route><default caps="100" ram="1M"/>
    <start name="x"><binary name="extra"/></start>
  </config>
</start></config>`;
  assert.deepEqual(lines(checkInitConfig(config, 'config', testEnvironment())), [
    'config:5:29: error: binary "extra" of child "x": ROM module "nothing_there" resolves nowhere: no module "nothing_there" in the test',
  ]);
});

test('a child\'s config in a ROM module of the boot directory is checked there, by its binary\'s schema', () => {
  const config = `<config>${PP}${DR}<default caps="100" ram="1M"/>
<start name="fs"><binary name="ram_fs"/><provides><service name="File_system"/></provides>
  <route> <service name="ROM" label="config"> <parent label="fs.config"/> </service> <any-service> <parent/> </any-service> </route>
</start></config>`;
  const environment = testEnvironment({ files: { 'fs.config': '<config>\n  <policy label="x" root="/" writeable="sure"/>\n</config>\n' } });
  assert.deepEqual(lines(checkInitConfig(config, 'config', environment)), [
    'boot/fs.config:2:30: warning: writeable="sure" is not a boolean (yes or no): ram_fs uses the default (no)\n  hint: write "yes" or "no"',
  ]);
});

test('init\'s quota is the environment\'s: --ram and --caps', () => {
  const config = `<config>${PP}${DR}<start name="a" ram="3M" caps="100"><binary name="dummy"/></start></config>`;
  const findings = checkInitConfig(config, 'config', testEnvironment({}, { ram: 2 * 1024 * 1024 }));
  assert.equal(findings.length, 1);
  assert.match(findings[0]?.message ?? '', /the children's RAM adds up to 3M with "a", more than the 1\.7M init can give \(--ram 2M, less 320K preserved\)/);
});

test('a session a config asks for, routed to a shipped server, needs a policy there; the server\'s other policies must match some client', () => {
  const config = `<config>${PP}${DR}<default caps="100" ram="2M"/>
<start name="fs"><binary name="vfs"/><provides><service name="File_system"/></provides>
  <config> <vfs> <ram/> </vfs> <policy label="ls -> data" root="/"/> <policy label="tee -> tmp" root="/"/> </config></start>
<start name="ls"><binary name="ls.wasm"/><config> <vfs> <dir name="data"> <fs label="data"/> </dir> <dir name="tmp"> <fs label="tmp"/> </dir> </vfs> </config></start>
</config>`;
  assert.deepEqual(lines(checkInitConfig(config, 'config', testEnvironment())), [
    'config:3:78: warning: <policy label="tee -> tmp"> of fs matches no File_system session: the routes of this config give fs sessions labelled "ls -> ..."\n'
      + '  hint: write the label as the server sees it: the client\'s name, " -> ", then the label the client chose (spec/init.md §2.2)',
    'config:4:118: error: <fs> of child "ls" asks for a File_system session "tmp", labelled "ls -> tmp" at fs, where no <policy> matches it: fs denies it\n'
      + '  hint: did you mean "tee -> tmp"?',
  ]);
});

test('a component\'s config on its own, by its schema; a config that does not parse is one error', () => {
  const environment = testEnvironment();
  assert.deepEqual(lines(checkComponentConfigText('noux', '<config><fstab><tar name="bash.tar"/></fstab><start name="/bin/bash"><env name="TERM" value="linux"/></start></config>', 'noux.config', environment)), []);
  assert.deepEqual(lines(checkComponentConfigText('report_rom', '<config><policy label="a"/>', 'r.config', environment)), [
    'r.config:1:1: error: unclosed tag <config>',
  ]);
  assert.throws(() => checkComponentConfigText('nonesuch', '<config/>', 'x', environment), /no schema of "nonesuch"/);
});
