import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from 'nido';
import { buildVfs } from './create_vfs.js';
import { VfsConfigError } from './errors.js';
import { writeTar } from './tar_writer.js';
import { TestServices, readText, vfsFrom, writeText } from './test_services.js';

test('an unknown plugin is skipped with a warning that says where it stands', async () => {
  const services = new TestServices();
  const vfs = await vfsFrom('<vfs>\n  <jitterentropy name="random"/>\n  <null/>\n</vfs>', services);
  assert.deepEqual(services.warnings, ['vfs: unknown plugin <jitterentropy> at line 2, column 3 skipped']);
  assert.deepEqual(vfs.readdir('/').map((entry) => entry.name), ['null']);
});

test('bad attributes of known plugins are VfsConfigError with the node\'s position', async () => {
  const cases: [string, RegExp][] = [
    ['<vfs><dir/></vfs>', /<dir> at line 1, column 6: "" is not a valid file name/],
    ['<vfs><dir name="a/b"/></vfs>', /"a\/b" is not a valid file name/],
    ['<vfs><rom/></vfs>', /<rom> .*attribute "name" is missing/],
    ['<vfs><tar/></vfs>', /<tar> .*attribute "name" is missing/],
    ['<vfs><inline>x</inline></vfs>', /<inline> .*attribute "name" is missing/],
    ['<vfs><symlink name="a"/></vfs>', /<symlink> .*attribute "target" is missing/],
    ['<vfs><null name=".."/></vfs>', /"\.\." is not a valid file name/],
    [`<vfs><null name="${'n'.repeat(129)}"/></vfs>`, /longer than 128 bytes/],
  ];
  for (const [xml, message] of cases) {
    await assert.rejects(vfsFrom(xml), (error: unknown) => error instanceof VfsConfigError && message.test(error.message), xml);
  }
});

test('no <vfs> node: an empty VFS', async () => {
  const vfs = await buildVfs(undefined, new TestServices());
  assert.deepEqual(vfs.readdir('/'), []);
});

test('<import> copies its tree into the writeable file system at start, from the root', async () => {
  const services = new TestServices({
    'home.tar': writeTar([
      { path: 'home/user/.profile', type: 'file', data: 'PS1=$' },
      { path: 'home/user/bin', type: 'symlink', linkTarget: '/bin' },
    ]),
  });
  const vfs = await vfsFrom(`
    <vfs>
      <ram/>
      <import>
        <tar name="home.tar"/>
        <dir name="tmp"> <inline name="motd">imported</inline> <null/> </dir>
        <dir name="home"> <dir name="user"> <inline name=".profile">shadowed by the tar? no: the dir comes first</inline> </dir> </dir>
      </import>
    </vfs>`, services);
  assert.equal(readText(vfs, '/tmp/motd'), 'imported');
  assert.equal(readText(vfs, '/home/user/.profile'), 'PS1=$', 'stacked inside the import as anywhere: the tar is first');
  assert.equal(vfs.readlink('/home/user/bin'), '/bin');
  assert.deepEqual(services.warnings, ['import: "/tmp/null" is a device and is not copied']);
  writeText(vfs, '/tmp/motd', 'changed');
  assert.equal(readText(vfs, '/tmp/motd'), 'changed', 'the copy is writeable');
});

test('<import> keeps existing files unless overwrite="yes"', async () => {
  const config = (overwrite: string) => `
    <vfs>
      <dir name="etc"> <inline name="motd">first</inline> </dir>
      <ram/>
      <import> <dir name="data"> <inline name="a">A1</inline> </dir> </import>
      <import ${overwrite}> <dir name="data"> <inline name="a">A2</inline> <inline name="b">B2</inline> </dir> </import>
      <import> <dir name="etc"> <inline name="motd">refused</inline> </dir> </import>
    </vfs>`;
  const keep = new TestServices();
  const kept = await vfsFrom(config(''), keep);
  assert.equal(readText(kept, '/data/a'), 'A1');
  assert.equal(readText(kept, '/data/b'), 'B2');
  assert.equal(readText(kept, '/etc/motd'), 'first', 'an existing read-only file is not replaced');
  const replaced = await vfsFrom(config('overwrite="yes"'));
  assert.equal(readText(replaced, '/data/a'), 'A2');
});

test('<import> into a VFS without a writeable place warns and leaves it', async () => {
  const services = new TestServices();
  const vfs = await vfsFrom('<vfs> <import> <inline name="x">x</inline> </import> </vfs>', services);
  assert.equal(services.warnings.length, 1);
  assert.match(services.warnings[0] ?? '', /import: skipping "\/x": .*read-only/);
  assert.deepEqual(vfs.readdir('/'), []);
});

test('parseXml positions reach the error message of a nested node', async () => {
  await assert.rejects(buildVfs(parseXml('<vfs>\n <dir name="a">\n  <rom/>\n </dir>\n</vfs>'), new TestServices()),
    /<rom> at line 3, column 3/);
});
