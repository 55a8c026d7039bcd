import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, ServiceDenied, SessionArgs } from 'nido';
import { TestServices, vfsFrom } from '../../lib/vfs/test_services.js';
import { sessionPolicy } from './session_policy.js';

const CONFIG = parseXml(`
  <config>
    <policy label="client -> root"/>
    <policy label="client -> home" root="/home" writeable="yes"/>
    <policy label="client -> file" root="/home/file"/>
    <default-policy root="/home/user"/>
  </config>`);

async function directory() {
  const vfs = await vfsFrom('<vfs> <dir name="home"> <dir name="user"> <ram/> </dir> <inline name="file">x</inline> </dir> </vfs>',
    new TestServices());
  return vfs.directory;
}

const args = (text: string) => SessionArgs.parse(text);

test('the policy gives the root (default "/") and writeable only with writeable="yes" in policy and request', async () => {
  const root = await directory();
  const warnings: string[] = [];
  const warn = (text: string) => void warnings.push(text);
  assert.deepEqual(sessionPolicy(warn, CONFIG, root, args('label="client -> root", writeable=yes')), { root: '/', writeable: false });
  assert.deepEqual(sessionPolicy(warn, CONFIG, root, args('label="client -> home", writeable=yes')), { root: '/home', writeable: true });
  assert.deepEqual(sessionPolicy(warn, CONFIG, root, args('label="client -> home"')), { root: '/home', writeable: false });
  assert.deepEqual(sessionPolicy(warn, CONFIG, root, args('label="other"')), { root: '/home/user', writeable: false });
  assert.deepEqual(warnings, []);
});

test('the session\'s root argument narrows the policy\'s and cannot climb above it', async () => {
  const root = await directory();
  const warn = () => undefined;
  assert.equal(sessionPolicy(warn, CONFIG, root, args('label="client -> home", root="/user"')).root, '/home/user');
  assert.equal(sessionPolicy(warn, CONFIG, root, args('label="client -> home", root="/../../.."')).root, '/home');
});

test('a root that is no directory, or no policy at all, is ServiceDenied with a warning', async () => {
  const root = await directory();
  const warnings: string[] = [];
  const warn = (text: string) => void warnings.push(text);
  assert.throws(() => sessionPolicy(warn, CONFIG, root, args('label="client -> file"')), ServiceDenied);
  assert.throws(() => sessionPolicy(warn, CONFIG, root, args('label="client -> home", root="/missing"')), ServiceDenied);
  assert.throws(() => sessionPolicy(warn, parseXml('<config/>'), root, args('label="nobody"')), ServiceDenied);
  assert.deepEqual(warnings, [
    `root "/home/file" of File_system session 'client -> file' is not a directory`,
    `root "/home/missing" of File_system session 'client -> home' is not a directory`,
    `no policy for File_system session request 'nobody'`,
  ]);
});
