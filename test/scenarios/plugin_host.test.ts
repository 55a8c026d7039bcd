/*
 * The talk's browser running subsystems as plugins (docs/gui_plugins.md):
 * nitpicker, fb_drv, the loader and plugin_host, booted by `nido run
 * --ui`, looked at in headless Chromium on the dashboard's screen.
 *
 * - The "hostile" plugin's testnit draws an 800x600 red view at -40,-40
 *   of its 300x200 slot: on the screen its red fills the slot (but for
 *   nitpicker's label) and not one red pixel lies outside the slot.
 * - Under the pointer, the slot is the plugin's: nitpicker's hover report
 *   names `loader -> init -> testnit`; beside it, `plugin_host`.
 * - The "animated" plugin's view, placed by the host at the slot's top
 *   left (Loader.viewGeometry), starts there; its pixels change on the
 *   page, and it counts its frames.
 * - A config without plugins closes both: the subsystems go, their
 *   windows go, and plugin_host has every byte and cap back.
 *
 * Screenshot: test-artifacts/plugin-host.png.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, providedBy, quotasOf, readReport, replaceFile, reportDir, repoRoot, waitForReport } from '../harness.js';
import { launchChromium, screenshot } from './browser.js';
import { count, dashboardAddress, pagePoint, screenPixels, showScreen, waitForScreen, type Box, type ScreenPixels } from './gui_screen.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
const { parseXml } = (await import(new URL('../../util/xml.js', import.meta.url).href)) as typeof import('../../src/util/xml.js');
const { hostConfig } = (await import(new URL('../../app/plugin_host/plugin_config.js', import.meta.url).href)) as typeof import('../../src/app/plugin_host/plugin_config.js');

const scenario = join(repoRoot, 'test', 'scenarios', 'plugin_host');
const RED = 0xff0000;

/** The slots of the boot directory's plugins on the screen (the window's position plus the slot's within it). */
function slots(config: string): Map<string, Box> {
  const start = parseXml(config).children('start').find((node) => node.stringAttribute('name', '') === 'plugin_host');
  const node = start?.child('config');
  assert.ok(node !== undefined, 'the boot config has plugin_host\'s config');
  const host = hostConfig(node);
  return new Map(host.plugins.map((plugin) => [plugin.name, {
    x: host.window.x + plugin.slot.x, y: host.window.y + plugin.slot.y, width: plugin.slot.width, height: plugin.slot.height,
  }]));
}

function inside(box: Box, x: number, y: number): boolean {
  return x >= box.x && y >= box.y && x < box.x + box.width && y < box.y + box.height;
}

/** Screen pixels of `color` outside `box`, as "x,y" (the first few). */
function outside(screen: ScreenPixels, box: Box, color: number): string[] {
  const found: string[] = [];
  for (let y = 0; y < screen.height; y++) {
    for (let x = 0; x < screen.width; x++) {
      if (screen.pixels[y * screen.width + x] === color && !inside(box, x, y) && found.length < 10) found.push(`${x},${y}`);
    }
  }
  return found;
}

/** nitpicker's hover report, wherever core put it (its path follows the label). */
async function hoverReport(reports: string, predicate: (report: string) => boolean): Promise<string> {
  const deadline = Date.now() + 30_000;
  let last: string | undefined;
  while (Date.now() < deadline) {
    for (const path of [join('nitpicker', 'hover'), join('init', 'nitpicker', 'hover')]) {
      last = (await readReport(reports, path)) ?? last;
      if (last !== undefined && predicate(last)) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nitpicker's hover report did not change as expected; last:\n${last ?? '(none)'}`);
}

test('plugins nest in the host\'s slots: a plugin drawing beyond its slot shows only inside it, labelled loader -> init -> testnit; closing them returns every byte', async () => {
  const config = await readFile(join(scenario, 'config'), 'utf8');
  const dir = await bootDir({ config });
  const reports = await reportDir();
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '170']);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(await dashboardAddress(nido));
    await showScreen(page);

    await nido.waitFor(/^\[init -> loader -> init -> testnit\] testnit: 800x600 at -40,-40, animate=none$/, 60_000);
    await nido.waitFor(/^\[init -> plugin_host\] plugin hostile: view ready, 300x200$/, 60_000);
    await nido.waitFor(/^\[init -> plugin_host\] plugin animated: view ready, 256x128$/, 60_000);

    /* The plugin's red fills its slot, but for the label nitpicker paints over it. */
    const slot = slots(config);
    const hostile = slot.get('hostile');
    const animated = slot.get('animated');
    assert.ok(hostile !== undefined && animated !== undefined);
    const area = hostile.width * hostile.height;
    await waitForScreen(page, hostile, (p) => count(p, RED) > area * 0.8, 'the hostile plugin\'s red in its slot', 60_000);
    const screen = await screenPixels(page);
    assert.deepEqual(outside(screen, hostile, RED), [], 'red pixels outside the plugin\'s slot');
    assert.ok(screen.width >= hostile.x + hostile.width + 40 && screen.height >= hostile.y + hostile.height + 40,
      'the screen has room beyond the slot for the plugin to have drawn there');

    /* The slot is the plugin's: nitpicker names it by the subsystem's label; beside it, the host's window. */
    const moveTo = async (x: number, y: number) => {
      const point = await pagePoint(page, x, y);
      await page.mouse.move(point.x, point.y);
    };
    await moveTo(hostile.x + hostile.width / 2, hostile.y + hostile.height - 20);
    /* An unlabelled session's label ends in its client's name and a separator (Nido's Child, base/child.ts). */
    await hoverReport(reports, (r) => /label="loader -> init -> testnit(?: -> )?"/.test(r));
    await moveTo(hostile.x + hostile.width + 4, hostile.y + hostile.height / 2);
    await hoverReport(reports, (r) => /label="plugin_host(?: -> )?"/.test(r));

    /*
     * The host placed the animated plugin's view at the slot's top left
     * (it asked for 22,16): its marker, blue, starts at the slot's left
     * edge, below nitpicker's label.
     */
    await nido.waitFor(/^\[init -> plugin_host\] plugin animated: view placed at the slot's top left$/, 60_000);
    await waitForScreen(page, { x: animated.x, y: animated.y + 40, width: 1, height: 1 }, (p) => p.pixels[0] === 0x0000ff,
      'the placed plugin\'s marker at the slot\'s left edge');

    /* The animated plugin moves on the page and counts its frames. */
    const first = await screenPixels(page, animated);
    await waitForScreen(page, animated, (p) => p.pixels.some((pixel, i) => pixel !== first.pixels[i]), 'the animated plugin\'s frames', 60_000);
    await nido.waitFor(/^\[init -> loader -> init -> testnit\] frame 120$/, 60_000);
    await screenshot(page, 'plugin-host');

    /* Without plugins: both subsystems go, and so do their pixels; the host has all its quota back. */
    const withoutPlugins = config.replace(/\s*<plugin name="[a-z]+"[\s\S]*?<\/plugin>/g, '');
    const closeAll = async () => {
      const from = nido.lines.length;
      await replaceFile(join(dir, 'config'), withoutPlugins);
      await nido.waitFor(/^\[init -> plugin_host\] plugin hostile: closed$/, 60_000, from);
      await nido.waitFor(/^\[init -> plugin_host\] plugin animated: closed$/, 60_000, from);
      await nido.waitFor(/^\[init -> plugin_host\] no plugin runs, quota back: true$/, 60_000, from);
    };
    await closeAll();
    await waitForScreen(page, hostile, (p) => count(p, RED) === 0, 'the slot without the plugin');
    await screenshot(page, 'plugin-host-closed');

    /*
     * The loader keeps nothing it does not pay for, and nitpicker keeps no
     * plugin's buffer: after a second round of both plugins, init's report
     * shows their quotas as after the first.
     */
    const quotas = (report: string) => ['loader', 'nitpicker', 'plugin_host'].map((name) => quotasOf(report, name)).join('; ');
    const settled = (report: string) => !quotas(report).includes('undefined') && !/<session /.test(providedBy(report, 'loader'));
    const afterFirst = quotas(await waitForReport(reports, 'init/state', settled));
    const from = nido.lines.length;
    await replaceFile(join(dir, 'config'), config);
    await nido.waitFor(/^\[init -> plugin_host\] plugin hostile: view ready, 300x200$/, 60_000, from);
    await nido.waitFor(/^\[init -> plugin_host\] plugin animated: view ready, 256x128$/, 60_000, from);
    await closeAll();
    await waitForReport(reports, 'init/state', (report) => settled(report) && quotas(report) === afterFirst);
  } finally {
    await browser.close();
    await nido.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  }
});
