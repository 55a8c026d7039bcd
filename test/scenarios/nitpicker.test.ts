/*
 * nitpicker's rules on the screen of `nido run --ui` (docs/gui.md), seen
 * in headless Chromium as a user sees them:
 *
 * - a client ("faker") whose view covers the top of another's ("bank")
 *   cannot hide bank's X-ray label: nitpicker paints it where bank still
 *   shows, in its own colour, readable from the screen's pixels;
 * - a click focuses bank (the focus report names it; its content is no
 *   longer tinted, faker's is), typed keys reach bank and faker records
 *   none;
 * - a client's bad calls straight at nitpicker (a view outside the
 *   screen, a refresh outside its buffer, a buffer its donation cannot
 *   pay, malformed commands) are each refused, and nitpicker goes on;
 * - a new config takes effect live (the background), a config nitpicker
 *   cannot use is refused with its reason and the previous one stays;
 * - when faker and the prober are gone, nitpicker's quota in init's state
 *   report is what it was before they came, to the byte.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, quotasOf, replaceFile, reportDir, waitForReport } from '../harness.js';
import { launchChromium, screenshot } from './browser.js';
import { clickScreen, dashboardAddress, readText, saveScreen, screenPixel, screenPixels, showScreen, waitForScreen, type Box } from './gui_screen.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
const { defaultFont } = (await import(new URL('../../lib/gui/font.js', import.meta.url).href)) as typeof import('../../src/lib/gui/font.js');
const { mix } = (await import(new URL('../../lib/gui/surface.js', import.meta.url).href)) as typeof import('../../src/lib/gui/surface.js');

const DOMAIN_COLOR = 0xff8800;
/* nitpicker paints a label in the domain colour mixed half with white (view_stack.ts). */
const LABEL_COLOR = mix(DOMAIN_COLOR, 0xffffff, 0x80);
const BANK = { x: 200, y: 200, width: 300, height: 160, color: 0x1d3557 };
const FAKER = { x: 180, y: 170, width: 360, height: 60, color: 0xe63946 };

function nitpicker(background: string, domain = `<domain name="default" layer="2" label="yes" content="tinted" focus="click" color="#ff8800"/>`): string {
  return `
  <start name="nitpicker" caps="200" ram="12M">
    <provides> <service name="Gui"/> <service name="Capture"/> <service name="Event"/> </provides>
    <config>
      <capture/> <event/>
      ${domain}
      <default-policy domain="default"/>
      <background color="${background}"/>
      <report focus="yes" hover="yes"/>
    </config>
  </start>`;
}

function testnit(name: string, box: typeof BANK): string {
  const hex = `#${box.color.toString(16).padStart(6, '0')}`;
  return `
  <start name="${name}" caps="100" ram="4M">
    <binary name="testnit"/>
    <config xpos="${box.x}" ypos="${box.y}" width="${box.width}" height="${box.height}" color="${hex}" title="${name}" animate="none" marker="0"/>
    <route> <service name="Gui"> <child name="nitpicker"/> </service> <any-service> <parent/> </any-service> </route>
  </start>`;
}

function config(background: string, withOthers: boolean, domain?: string): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
    <service name="Report"/> <service name="Framebuffer"/> <service name="Input"/>
  </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <report init_ram="yes" init_caps="yes" child_ram="yes" child_caps="yes" delay_ms="100"/>
  ${nitpicker(background, domain)}
  <start name="fb_drv" caps="100" ram="12M">
    <route>
      <service name="Capture"> <child name="nitpicker"/> </service> <service name="Event"> <child name="nitpicker"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
  ${testnit('bank', BANK)}
  ${withOthers ? testnit('faker', FAKER) : ''}
  ${withOthers ? `
  <start name="prober" caps="100" ram="4M">
    <binary name="wm_client"/>
    <config width="100" height="60" color="#444444" title="prober" bad_calls="direct"/>
    <route> <service name="Gui"> <child name="nitpicker"/> </service> <any-service> <parent/> </any-service> </route>
  </start>` : ''}
</config>
`;
}

/** The first line of text in `color` within `box`, trying each row as the text's top. */
function findText(pixels: { width: number; height: number; pixels: Uint32Array }, box: Box, color: number): string | undefined {
  const font = defaultFont();
  for (let y = box.y; y + font.height <= box.y + box.height; y++) {
    const text = readText(pixels, { x: box.x, y, width: box.width, height: font.height }, color, font);
    if (text !== undefined && text.trim() !== '') return text.trim();
  }
  return undefined;
}

test('nitpicker: X-ray labels no client can hide, focus by click, keys to the focused client only, bad calls refused, live config, every byte back', async () => {
  const dir = await bootDir({ config: config('#203040', false) });
  const reports = await reportDir();
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '170']);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(await dashboardAddress(nido));
    await showScreen(page);
    await nido.waitFor(/^\[init -> bank\] testnit: 300x160 at 200,200/);
    await waitForScreen(page, BANK, (p) => p.pixels.some((pixel) => pixel === LABEL_COLOR), 'bank\'s label');

    /* Before the others come: what nitpicker's quota is with bank alone. */
    const baseline = quotasOf(await waitForReport(reports, 'init/state', (r) => /<child name="bank"/.test(r) && quotasOf(r, 'nitpicker') !== undefined), 'nitpicker');
    assert.ok(baseline !== undefined);

    await replaceFile(join(dir, 'config'), config('#203040', true));
    await nido.waitFor(/^\[init -> faker\] testnit: 360x60 at 180,170/);
    await nido.waitFor(/^\[init -> prober\] bad calls: 13 of 13 refused$/);
    assert.deepEqual(nido.lines.filter((l) => l.startsWith('[init -> prober] bad call accepted')), []);
    assert.ok(nido.lines.some((l) => /bad call refused: a view outside the screen: RangeError/.test(l)));
    assert.ok(nido.lines.some((l) => /bad call refused: a buffer its donation cannot pay: OutOfRam/.test(l)));
    assert.ok(nido.lines.some((l) => /bad call refused: a refresh outside its buffer: RangeError/.test(l)));

    /* faker covers bank's top, where its label was: the label is painted lower, where bank still shows. */
    const visible: Box = { x: BANK.x, y: FAKER.y + FAKER.height + 2, width: BANK.width, height: BANK.y + BANK.height - FAKER.y - FAKER.height - 2 };
    const pixels = await waitForScreen(page, { x: 0, y: 0, width: 1024, height: 768 },
      (p) => p.pixels[(FAKER.y + 30) * p.width + FAKER.x + 30] !== 0x203040 && findText(p, visible, LABEL_COLOR)?.includes('bank') === true,
      'bank\'s label below faker\'s view');
    assert.equal(findText(pixels, visible, LABEL_COLOR), 'bank | bank');
    assert.equal(findText(pixels, { x: FAKER.x, y: FAKER.y, width: FAKER.width, height: FAKER.height }, LABEL_COLOR), 'faker | faker');
    await saveScreen(page, 'nitpicker-xray');

    /* A click into bank's visible part focuses it: its content is shown as drawn, faker's tinted. */
    await clickScreen(page, BANK.x + 150, BANK.y + BANK.height - 20);
    await waitForReport(reports, 'init/nitpicker/focus', (r) => /<focus label="bank -> " domain="default"/.test(r));
    await waitForScreen(page, BANK, (p) => p.pixels[(p.height - 10) * p.width + 10] === BANK.color, 'bank untinted');
    assert.notEqual(await screenPixel(page, FAKER.x + 20, FAKER.y + 40), FAKER.color, 'faker is tinted');
    await page.keyboard.type('ok');
    await nido.waitFor(/^\[init -> bank\] key 2$/);
    assert.deepEqual(nido.lines.filter((l) => l.startsWith('[init -> faker] key') || l.startsWith('[init -> prober] press KEY')), []);

    /* A new background, live; then a config nitpicker cannot use: refused, the background stays. */
    await replaceFile(join(dir, 'config'), config('#406080', true));
    await waitForScreen(page, { x: 900, y: 700, width: 4, height: 4 }, (p) => p.pixels[0] === 0x406080, 'the new background');
    await replaceFile(join(dir, 'config'), config('#607080', true, '<domain name="default" color="#ff8800"/>'));
    await nido.waitFor(/^\[init -> nitpicker\] Error: nitpicker: config: <domain name="default"> needs a layer/);
    await nido.waitFor(/^\[init -> nitpicker\] Warning: nitpicker: keeping the previous config$/);
    assert.equal(await screenPixel(page, 900, 700), 0x406080);
    await screenshot(page, 'nitpicker');

    /* faker and the prober go: nitpicker has what it had with bank alone, to the byte. */
    await replaceFile(join(dir, 'config'), config('#406080', false));
    await waitForReport(reports, 'init/state', (r) => !/<child name="faker"/.test(r) && quotasOf(r, 'nitpicker') === baseline, 60_000);
    const after = await screenPixels(page, FAKER);
    assert.ok(!after.pixels.includes(FAKER.color), 'faker\'s pixels are gone');
  } finally {
    await browser.close();
    await nido.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  }
});
