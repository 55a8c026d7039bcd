import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConfig, parseConfig, restartedConfig, routeLines } from './config_file.js';

const CONFIG = `<config>
  <parent-provides> <service name="LOG"/> <service name="ROM"/> </parent-provides>
  <default-route>
    <service name="LOG" label="special"> <child name="logger"/> </service>
    <any-service> <parent/> </any-service>
  </default-route>
  <start name="logger"> <provides> <service name="LOG"/> </provides> </start>
  <start name="app" version="3">
    <route>
      <service name="Calculator">
        <child name="calculator"/>
      </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
  <start name="plain"/>
</config>
`;

test('checkConfig: a well-formed config has no findings; each finding has its line and column', () => {
  assert.deepEqual(checkConfig(CONFIG), []);
  assert.deepEqual(checkConfig('<config>\n  <start name="a">\n</config>\n').map((e) => [e.line, e.column]), [[3, 1]], 'at the close tag that does not match');
  assert.match(checkConfig('<state/>')[0]?.message ?? '', /root node is <state>/);
  const twice = checkConfig('<config>\n <start name="a"/>\n <start name="a"/>\n <start/>\n</config>');
  assert.deepEqual(twice.map((e) => `${e.line}:${e.column} ${e.message}`), [
    '3:2 a second <start name="a"> (the first is on line 2)',
    '4:2 <start> without a name',
  ]);
});

test('restartedConfig changes or adds the version attribute of one start node and nothing else', () => {
  const app = restartedConfig(CONFIG, 'app');
  assert.equal(typeof app, 'string');
  assert.equal(app, CONFIG.replace('<start name="app" version="3">', '<start name="app" version="4">'));
  const plain = restartedConfig(CONFIG, 'plain');
  assert.equal(plain, CONFIG.replace('<start name="plain"/>', '<start version="1" name="plain"/>'));
  assert.deepEqual(restartedConfig(CONFIG, 'nobody'), { error: 'init\'s config has no <start name="nobody">' });
  assert.equal(restartedConfig('<config><start name="x" version="beta"/></config>', 'x'), '<config><start name="x" version="beta+1"/></config>');
});

test('routeLines: per service, the first matching rule of the start node\'s <route>, else of <default-route>', () => {
  assert.deepEqual(routeLines(parseConfig(CONFIG), 'app', [{ service: 'Calculator', label: 'app' }, { service: 'LOG', label: 'app' }, { service: 'ROM', label: 'app' }]), [
    { component: 'app', service: 'Calculator', first: 10, last: 12 },
    { component: 'app', service: 'LOG', first: 13, last: 13 },
    { component: 'app', service: 'ROM', first: 13, last: 13 },
  ]);
  /* The default route's labelled rule matches only its label. */
  assert.deepEqual(routeLines(parseConfig(CONFIG), 'plain', [{ service: 'LOG', label: 'plain -> special' }, { service: 'LOG', label: 'plain' }]), [
    { component: 'plain', service: 'LOG', first: 4, last: 4 },
    { component: 'plain', service: 'LOG', first: 5, last: 5 },
  ]);
  assert.deepEqual(routeLines(parseConfig(CONFIG), 'plain', [{ service: 'LOG', label: 'plain' }]), [{ component: 'plain', service: 'LOG', first: 5, last: 5 }]);
  assert.deepEqual(routeLines(parseConfig('<config'), 'app', [{ service: 'LOG', label: 'app' }]), [], 'a broken config routes nothing');
});
