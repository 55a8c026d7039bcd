/*
 * The launchpad in a window, as in the talk (docs/gui_launchpad.md):
 * nitpicker, fb_drv, the loader and the graphical launchpad, booted by
 * `nido run --ui`, driven in headless Chromium on the dashboard's screen.
 *
 * - The window shows the launchpad's quota, its launchers with theirs
 *   (read back from the screen's pixels with the font they were drawn in).
 * - A click on the launcher "testnit" starts it through the loader: its
 *   window appears (its colour at its place) and its row under "Children"
 *   shows what it used of its 4096 KByte; "ticker" (no window) likewise,
 *   and when ticker takes a MiB more, its row shows it (live, no click).
 * - A click on a child's kill icon kills it: its window goes, its row
 *   goes, and init's state report shows the launchpad's, the loader's and
 *   nitpicker's quotas back to the byte.
 *
 * Screenshots go to test-artifacts/gui-launchpad*.png (the page, and the
 * screen at its own pixels).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, quotasOf, reportDir, repoRoot, waitForReport } from '../harness.js';
import { launchChromium, screenshot } from './browser.js';
import { clickScreen, count, dashboardAddress, readText, saveScreen, screenPixel, screenText, showScreen, waitForScreen, type Box } from './gui_screen.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
const layout = (await import(new URL('../../app/launchpad/window_layout.js', import.meta.url).href)) as typeof import('../../src/app/launchpad/window_layout.js');
const { defaultFont } = (await import(new URL('../../lib/gui/font.js', import.meta.url).href)) as typeof import('../../src/lib/gui/font.js');
type LaunchpadFigures = import('../../src/app/launchpad/launchpad.js').LaunchpadFigures;

const dir = join(repoRoot, 'test', 'scenarios', 'gui_launchpad');
/* As the boot directory's config places them. */
const WINDOW = { x: 560, y: 100, width: 400, height: 320 };
const TESTNIT = { x: 80, y: 120, width: 320, height: 200, color: 0x2a9d8f };
const BACKGROUND = 0x334455;
const WHITE = 0xffffff;
const font = defaultFont();

/** The window's rows for these children (the figures do not move rows, only their count and names do). */
function rows(children: readonly string[]): ReturnType<typeof layout.layoutWindow> {
  const figures: LaunchpadFigures = {
    avail: 0, total: 1,
    launchers: [{ name: 'testnit', ram: 0 }, { name: 'ticker', ram: 0 }],
    children: children.map((name) => ({ name, assigned: 1, avail: 0 })),
  };
  return layout.layoutWindow(WINDOW, figures);
}

function onScreen(rect: Box): Box {
  return { x: WINDOW.x + rect.x, y: WINDOW.y + rect.y, width: rect.width, height: rect.height };
}

/** The screen rectangles of an entry row's parts. */
function entry(key: string, children: readonly string[] = []): { name: Box; bar: Box; kill: Box } {
  const row = rows(children).find((r) => r.key === key);
  assert.ok(row !== undefined, `no row ${key}`);
  const parts = layout.entryParts(row.rect);
  return { name: onScreen(parts.name), bar: onScreen(parts.bar), kill: onScreen(parts.kill) };
}

const middle = (box: Box) => ({ x: box.x + Math.floor(box.width / 2), y: box.y + Math.floor(box.height / 2) });

test('the launchpad in a window: a click starts a subsystem whose window and quota show, a click on × kills it and every byte returns', async () => {
  const reports = await reportDir();
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '170']);
  const browser = await launchChromium();
  /* What init reports of the three that pay for a subsystem: the launchpad, the loader, and nitpicker (its buffers). */
  const quotas = (report: string) => ['launchpad', 'loader', 'nitpicker'].map((name) => quotasOf(report, name)).join('; ');
  try {
    const page = await browser.newPage({ viewport: { width: 1720, height: 900 } });
    await page.goto(await dashboardAddress(nido));
    await nido.waitFor(/^\[init -> launchpad\] window open$/);
    await showScreen(page);

    /* The window: the quota and the launchers with theirs, as the user reads them. */
    const status = entry('status').bar;
    const statusText = () => screenText(page, status, WHITE, font);
    await waitForScreen(page, status, (p) => count(p, WHITE) > 0, 'the launchpad\'s status');
    const before = await statusText();
    assert.match(before ?? '', /^\d+ (KByte|MByte) \/ 31 MByte$/);
    const launcherText = (name: string) => screenText(page, entry(`launcher:${name}`).bar, WHITE, font);
    assert.equal(await launcherText('testnit'), '4096 KByte / 31 MByte');
    assert.equal(await launcherText('ticker'), '2048 KByte / 31 MByte');
    assert.notEqual(await screenPixel(page, middle(TESTNIT).x, middle(TESTNIT).y), TESTNIT.color);
    const baseline = quotas(await waitForReport(reports, 'init/state', (r) => !quotas(r).includes('undefined')));
    await screenshot(page, 'gui-launchpad-idle');

    /* Start testnit: its window appears, its quota shows under Children. */
    let from = nido.lines.length;
    const testnitName = middle(entry('launcher:testnit').name);
    await clickScreen(page, testnitName.x, testnitName.y);
    await nido.waitFor(/^\[init -> launchpad\] started testnit$/, 30_000, from);
    await nido.waitFor(/testnit: 320x200 at 80,120, animate=none$/, 30_000, from);
    await waitForScreen(page, TESTNIT, (p) => count(p, TESTNIT.color) > (TESTNIT.width * TESTNIT.height) / 2, 'testnit\'s window');
    const testnitRow = entry('child:testnit', ['testnit']).bar;
    await waitForScreen(page, testnitRow, (p) => /^\d+ KByte \/ 4096 KByte$/.test(readText(p, { ...testnitRow, x: 0, y: 0 }, WHITE, font) ?? ''),
      'testnit\'s quota in the launchpad');
    assert.notEqual(await statusText(), before, 'the launchpad paid for testnit');

    /* And ticker, a subsystem without a window, below it. */
    from = nido.lines.length;
    const tickerName = middle(entry('launcher:ticker').name);
    await clickScreen(page, tickerName.x, tickerName.y);
    await nido.waitFor(/^\[init -> loader -> ticker\] ticker is up$/, 30_000, from);
    const tickerRow = entry('child:ticker', ['testnit', 'ticker']).bar;
    await waitForScreen(page, tickerRow, (p) => /^\d+ KByte \/ 2048 KByte$/.test(readText(p, { ...tickerRow, x: 0, y: 0 }, WHITE, font) ?? ''),
      'ticker\'s quota in the launchpad');
    /* Live: ticker takes a MiB more after a while, and its row shows it without any click. */
    await nido.waitFor(/^\[init -> loader -> ticker\] consume 1M bytes of memory$/, 30_000, from);
    await waitForScreen(page, tickerRow, (p) => Number(/^(\d+) KByte \/ 2048 KByte$/.exec(readText(p, { ...tickerRow, x: 0, y: 0 }, WHITE, font) ?? '')?.[1]) >= 1024,
      'ticker\'s new use in the launchpad');
    await screenshot(page, 'gui-launchpad');
    /* The screen as it is, and the launchpad's window with the testnit's beside it (docs/images/gui-launchpad.png). */
    await saveScreen(page, 'gui-launchpad-screen');
    await saveScreen(page, 'gui-launchpad-windows', { x: TESTNIT.x - 20, y: WINDOW.y - 20, width: WINDOW.x + WINDOW.width + 20 - (TESTNIT.x - 20), height: WINDOW.height + 40 });

    /* Kill testnit (the first child): its window and its row go; ticker moves up. */
    from = nido.lines.length;
    const testnitKill = middle(entry('child:testnit', ['testnit', 'ticker']).kill);
    await clickScreen(page, testnitKill.x, testnitKill.y);
    await nido.waitFor(/^\[init -> launchpad\] killed testnit$/, 30_000, from);
    await waitForScreen(page, TESTNIT, (p) => count(p, TESTNIT.color) === 0, 'the desktop where testnit\'s window was');
    assert.equal(await screenPixel(page, middle(TESTNIT).x, middle(TESTNIT).y), BACKGROUND);
    const firstChild = entry('child:ticker', ['ticker']).bar;
    await waitForScreen(page, firstChild, (p) => /^\d+ KByte \/ 2048 KByte$/.test(readText(p, { ...firstChild, x: 0, y: 0 }, WHITE, font) ?? ''),
      'ticker in the first child row');

    /* Kill ticker: no child left, every byte back. */
    from = nido.lines.length;
    const tickerKill = middle(entry('child:ticker', ['ticker']).kill);
    await clickScreen(page, tickerKill.x, tickerKill.y);
    await nido.waitFor(/^\[init -> launchpad\] killed ticker$/, 30_000, from);
    await waitForScreen(page, firstChild, (p) => count(p, WHITE) === 0, 'no child row');
    const after = await waitForReport(reports, 'init/state', (r) => quotas(r) === baseline, 60_000);
    assert.equal(quotas(after), baseline);
    assert.match((await statusText()) ?? '', /^\d+ (KByte|MByte) \/ 31 MByte$/);
    await screenshot(page, 'gui-launchpad-after');
  } finally {
    await browser.close();
    await nido.stop();
    await rm(reports, { recursive: true, force: true });
  }
});
