/* The typed helpers of shipped components' configs: each generates the XML their docs show. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, type XmlNode } from '../../util/xml.js';
import { InvalidConfig } from './invalid_config.js';
import { nitpicker } from './nitpicker.js';
import { noux } from './noux.js';
import { ramFs } from './ram_fs.js';
import { reportRom } from './report_rom.js';
import { vfs } from './vfs.js';
import { config, node, XmlElement } from './xml_element.js';

interface Shape {
  type: string;
  attributes: Record<string, string>;
  text: string;
  children: Shape[];
}

function shape(xml: XmlNode): Shape {
  return { type: xml.type, attributes: Object.fromEntries(xml.attributes), text: xml.text().trim(), children: xml.children().map(shape) };
}

function same(generated: XmlElement, handWritten: string): void {
  assert.deepEqual(shape(parseXml(generated.toString(), { source: 'generated' })), shape(parseXml(handWritten, { source: 'hand-written' })));
}

test('vfs(): every node of docs/vfs.md\'s config', () => {
  same(config(
    vfs(
      vfs.dir('dev', vfs.log(), vfs.null(), vfs.zero(), vfs.rtc(), vfs.terminal(), vfs.log({ name: 'stderr', label: 'errors' })),
      vfs.dir('etc', vfs.inline('motd', 'Welcome')),
      vfs.dir('tmp', vfs.ram()),
      vfs.dir('home', vfs.fs({ label: 'home', writeable: true })),
      vfs.tar('rootfs.tar'),
      vfs.symlink('lib', '/usr/lib'),
      vfs.import({}, vfs.dir('tmp', vfs.inline('hello', 'hi'))),
    ),
    node('libc', { stdin: '/dev/terminal', stdout: '/dev/log', stderr: '/dev/stderr', rtc: '/dev/rtc', cwd: '/home' }),
  ), `
    <config>
      <vfs>
        <dir name="dev">
          <log/> <null/> <zero/> <rtc/> <terminal/>
          <log name="stderr" label="errors"/>
        </dir>
        <dir name="etc"> <inline name="motd">Welcome</inline> </dir>
        <dir name="tmp"> <ram/> </dir>
        <dir name="home"> <fs label="home" writeable="yes"/> </dir>
        <tar name="rootfs.tar"/>
        <symlink name="lib" target="/usr/lib"/>
        <import> <dir name="tmp"> <inline name="hello">hi</inline> </dir> </import>
      </vfs>
      <libc stdin="/dev/terminal" stdout="/dev/log" stderr="/dev/stderr" rtc="/dev/rtc" cwd="/home"/>
    </config>`);
  assert.equal(vfs.rom('motd', { label: 'greeting', binary: false }).toString(), '<rom name="motd" label="greeting" binary="no"/>');
  assert.equal(vfs.zero({ size: '1M' }).toString(), '<zero size="1M"/>');
  assert.equal(vfs.import({ overwrite: true }).toString(), '<import overwrite="yes"/>');
  assert.throws(() => vfs.dir('a/b'), /expected a name without "\/"/);
  assert.throws(() => vfs(node('policy') as never), /<policy> is no VFS node/);
});

test('reportRom(): test-init\'s report_rom', () => {
  same(reportRom({
    verbose: true,
    policy: [
      { label: 'init -> config', report: 'test-init -> init.config' },
      { label: 'test-init -> state', report: 'init -> state' },
    ],
  }), `
    <config verbose="yes">
      <policy label="init -> config"     report="test-init -> init.config"/>
      <policy label="test-init -> state" report="init -> state"/>
    </config>`);
  assert.equal(reportRom({ defaultPolicy: { report: 'a -> b' } }).toString(), '<config>\n\t<default-policy report="a -> b"/>\n</config>');
  assert.throws(() => reportRom({ policy: [{ label: 'a' } as never] }), (error: unknown) => error instanceof InvalidConfig && /names its report/.test(error.message));
});

test('ramFs(): docs/file_system.md\'s ram_fs', () => {
  same(ramFs({
    content: [
      vfs.dir('tmp', ramFs.rom('init', { as: 'something' })),
      vfs.dir('home', vfs.dir('user', vfs.inline('hello', 'hi'))),
    ],
    policy: [
      { label: 'noux -> root', root: '/' },
      { label: 'noux -> home', root: '/home/user', writeable: true },
    ],
    defaultPolicy: { root: '/tmp', writeable: true },
  }), `
    <config>
      <content>
        <dir name="tmp"> <rom name="init" as="something"/> </dir>
        <dir name="home"> <dir name="user"> <inline name="hello">hi</inline> </dir> </dir>
      </content>
      <policy label="noux -> root" root="/"/>
      <policy label="noux -> home" root="/home/user" writeable="yes"/>
      <default-policy root="/tmp" writeable="yes"/>
    </config>`);
  assert.throws(() => ramFs({ content: [vfs.dir('a', vfs.ram() as never)] }), /<ram> is none of ram_fs's content nodes/);
  assert.throws(() => ramFs({ policy: [{ label: 'a' } as never] }), /every policy names its root/);
});

test('noux(): docs/noux.md\'s noux', () => {
  same(noux({
    fstab: [
      vfs.tar('tools.tar'), vfs.tar('nsh.tar'),
      vfs.dir('home', vfs.fs({ label: 'home' })),
      vfs.dir('tmp', vfs.ram()),
      vfs.dir('dev', vfs.null(), vfs.zero()),
    ],
    start: { name: '/bin/sh', env: { TERM: 'linux', PATH: '/bin' }, arg: ['-c', 'echo hi | cat'] },
  }), `
    <config>
      <fstab>
        <tar name="tools.tar"/> <tar name="nsh.tar"/>
        <dir name="home"> <fs label="home"/> </dir>
        <dir name="tmp">  <ram/> </dir>
        <dir name="dev">  <null/> <zero/> </dir>
      </fstab>
      <start name="/bin/sh">
        <env name="TERM" value="linux"/> <env name="PATH" value="/bin"/>
        <arg value="-c"/> <arg value="echo hi | cat"/>
      </start>
    </config>`);
  assert.equal(noux({ fstab: [], start: { name: '/bin/x' }, process_ram: '4M', process_caps: 80 }).attribute('process_ram'), '4M');
  assert.throws(() => noux({ fstab: [], start: { name: 'sh' } }), /start.name must be the path/);
});

test('nitpicker(): docs/gui.md\'s nitpicker', () => {
  same(nitpicker({
    capture: true,
    event: true,
    domain: [
      { name: 'pointer', layer: 1, content: 'client', label: false, origin: 'pointer' },
      { name: 'panel', layer: 2, content: 'client', label: false, focus: 'none' },
      { name: 'default', layer: 3, content: 'tinted', label: true, focus: 'click', hover: 'always', color: '#6699cc', ypos: 18, height: -18 },
    ],
    policy: [{ label_prefix: 'pointer', domain: 'pointer' }, { label_prefix: 'panel', domain: 'panel' }],
    defaultPolicy: { domain: 'default' },
    globalKey: [{ name: 'KEY_F12', label: 'launchpad' }],
    background: { color: '#223344' },
    report: { focus: true, hover: true, pointer: true, keystate: true, clicked: true, displays: true },
  }), `
    <config>
      <capture/> <event/>
      <domain name="pointer" layer="1" content="client" label="no" origin="pointer"/>
      <domain name="panel"   layer="2" content="client" label="no" focus="none"/>
      <domain name="default" layer="3" content="tinted" label="yes" focus="click" hover="always" color="#6699cc" ypos="18" height="-18"/>
      <policy label_prefix="pointer" domain="pointer"/>
      <policy label_prefix="panel"   domain="panel"/>
      <default-policy domain="default"/>
      <global-key name="KEY_F12" label="launchpad"/>
      <background color="#223344"/>
      <report focus="yes" hover="yes" pointer="yes" keystate="yes" clicked="yes" displays="yes"/>
    </config>`);
  assert.equal(nitpicker({ domain: [], capture: { policy: [{ label: 'fb', width: 640 }] } }).toString(),
    '<config>\n\t<capture>\n\t\t<policy label="fb" width="640"/>\n\t</capture>\n</config>');
  assert.throws(() => nitpicker({ domain: [{ name: 'a', layer: 0 }], defaultPolicy: { domain: 'b' } }), /names domain "b", which is none of "a"/);
  assert.throws(() => nitpicker({ domain: [{ name: 'a', layer: 0, color: 'blue' as never }] }), /color "blue" is no #rrggbb/);
  assert.throws(() => nitpicker({ domain: [{ name: 'a', layer: 0 }, { name: 'a', layer: 1 }] }), /declared twice/);
});
