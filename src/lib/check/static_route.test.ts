import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../util/xml.js';
import { initModel } from './init_model.js';
import { clientLabel, exactLabel } from './label_pattern.js';
import { resolveStatic } from './static_route.js';

const model = initModel(parseXml(`<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="LOG"/> </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <alias name="log" child="logger"/>
  <start name="logger"> <provides> <service name="LOG"/> </provides> </start>
  <start name="fs"> <binary name="ram_fs"/> <provides> <service name="File_system"/> </provides> </start>
  <start name="app">
    <binary name="app_binary"/>
    <config/>
    <route>
      <service name="LOG" label="audit"> <child name="log" label="secure"/> </service>
      <service name="ROM" label_last="app_binary"> <parent label="renamed"/> </service>
      <service name="File_system" label_prefix="home"> <child name="fs" prepend_resource="/"/> </service>
      <service name="Timer"> <parent/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
</config>`));

const app = model.children.get('app');
assert.ok(app !== undefined);

test('the binary request is routed under the binary\'s name, the config request to the inline config (spec/init.md §2.3)', () => {
  const binary = resolveStatic(model, app, { service: 'ROM', label: exactLabel('app'), env: true });
  assert.equal(binary.kind, 'parent');
  assert.deepEqual(binary.kind === 'parent' ? binary.label : undefined, exactLabel('renamed'));
  assert.equal(resolveStatic(model, app, { service: 'ROM', label: clientLabel('app', 'config'), env: false }).kind, 'config');
});

test('rules with labels, aliases and rewriting (spec/init.md §2.4-§2.6)', () => {
  const audit = resolveStatic(model, app, { service: 'LOG', label: clientLabel('app', 'audit'), env: false });
  assert.ok(audit.kind === 'child' && audit.server.name === 'logger');
  assert.deepEqual(audit.kind === 'child' ? audit.label : undefined, exactLabel('secure'));
  const home = resolveStatic(model, app, { service: 'File_system', label: clientLabel('app', 'home'), env: false });
  assert.deepEqual(home.kind === 'child' ? home.label : undefined, exactLabel('app -> /home'));
  /* LOG of the environment: the audit rule needs a scoped label; the any-service rule takes it to the parent */
  assert.equal(resolveStatic(model, app, { service: 'LOG', label: exactLabel('app'), env: true }).kind, 'parent');
});

test('an explicit rule whose targets fail denies without falling through; a label not known makes the answer unknown', () => {
  const timer = resolveStatic(model, app, { service: 'Timer', label: clientLabel('app', ''), env: false });
  assert.equal(timer.kind, 'denied');
  assert.match(timer.kind === 'denied' ? timer.failures[0]?.reason ?? '' : '', /the parent provides no "Timer"/);
  assert.equal(resolveStatic(model, app, { service: 'LOG', label: clientLabel('app'), env: false }).kind, 'unknown');
});

test('<any-child/> finds the one provider; the default route serves a child without <route>', () => {
  const logger = model.children.get('logger');
  assert.ok(logger !== undefined);
  const fs = resolveStatic(model, logger, { service: 'File_system', label: clientLabel('logger', 'x'), env: false });
  assert.ok(fs.kind === 'child' && fs.server.name === 'fs');
  const gui = resolveStatic(model, logger, { service: 'Gui', label: clientLabel('logger', ''), env: false });
  assert.equal(gui.kind, 'denied');
});
