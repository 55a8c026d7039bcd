import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from 'nido';
import { CAPTION_HEIGHT, FRAME, MARGIN, PluginConfigError, TITLE_HEIGHT, hostConfig } from './plugin_config.js';

test('plugins without a position are stacked below each other, each with its caption and frame; the window holds them all', () => {
  const config = hostConfig(parseXml(`<config>
    <plugin name="a" binary="init" ram="4M" caps="200" width="300" height="200"> <config> <x/> </config> <rom name="r">text</rom> </plugin>
    <plugin name="b" binary="testnit" label="nit"/>
  </config>`));
  const [a, b] = config.plugins;
  assert.ok(a !== undefined && b !== undefined);
  assert.deepEqual(a.slot, { x: MARGIN + FRAME, y: TITLE_HEIGHT + CAPTION_HEIGHT + FRAME, width: 300, height: 200 });
  assert.equal(b.slot.y, a.slot.y + 200 + FRAME + MARGIN + CAPTION_HEIGHT + FRAME);
  assert.equal(a.ram, 4 * 1024 * 1024);
  assert.equal(a.label, 'init');
  assert.equal(b.label, 'nit');
  assert.deepEqual([...a.modules.keys()], ['config', 'r']);
  assert.equal(a.modules.get('config'), '<config> <x/> </config>');
  assert.equal(a.modules.get('r'), 'text');
  assert.ok(config.window.height >= b.slot.y + b.slot.height + FRAME);
  assert.ok(config.window.width >= a.slot.x + 300 + FRAME);
});

test('a plugin without a binary, a name twice or a name that is no label is refused, named', () => {
  assert.throws(() => hostConfig(parseXml('<config> <plugin name="a"/> </config>')), /plugin "a" names no binary/);
  assert.throws(() => hostConfig(parseXml('<config> <plugin name="a" binary="x"/> <plugin name="a" binary="y"/> </config>')), PluginConfigError);
  assert.throws(() => hostConfig(parseXml('<config> <plugin name="a -> b" binary="x"/> </config>')), /no session label/);
});
