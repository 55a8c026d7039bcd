import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from 'nido';
import { evaluate, queryValue } from './filter.js';

const config = parseXml(`<config>
  <input name="xray_enabled" rom="xray" node="xray"> <attribute name="enabled"/> </input>
  <input name="layout" rom="displays" node="displays" default="single">
    <node type="display" attribute="name" value="hdmi"> <attribute name="mode"/> </node>
  </input>
  <output node="config">
    <attribute name="fixed" value="1"/>
    <attribute name="mode" input="layout"/>
    <if> <has_value input="xray_enabled" value="yes"/>
      <then> <inline> <palette> <color name="fg"/> </palette> </inline> </then>
      <else> <node type="plain"> <attribute name="xray" value="no"/> </node> </else>
    </if>
    <input name="xray_enabled"/>
  </output>
</config>`);

const roms = (texts: Record<string, string>) => (name: string) => (texts[name] === undefined ? undefined : parseXml(texts[name] as string));

test('rom_filter: an attribute along a path, a default when missing', () => {
  assert.equal(queryValue(config, 'xray_enabled', roms({ xray: '<xray enabled="yes"/>' })), 'yes');
  assert.equal(queryValue(config, 'xray_enabled', roms({ xray: '<other enabled="yes"/>' })), undefined);
  const displays = '<displays> <display name="vga" mode="a"/> <display name="hdmi" mode="b"/> </displays>';
  assert.equal(queryValue(config, 'layout', roms({ displays })), 'b');
  assert.equal(queryValue(config, 'layout', roms({})), 'single');
});

test('rom_filter: if/then/else, inline, node, attribute and input copied', () => {
  const yes = evaluate({ config, xml: roms({ xray: '<xray enabled="yes"/>' }) });
  assert.equal(yes, '<config fixed="1" mode="single">\n\t<palette> <color name="fg"/> </palette>\n\t<xray enabled="yes"/>\n</config>\n');
  const no = evaluate({ config, xml: roms({ xray: '<xray enabled="no"/>' }) });
  assert.equal(no, '<config fixed="1" mode="single">\n\t<plain xray="no"/>\n\t<xray enabled="no"/>\n</config>\n');
});
