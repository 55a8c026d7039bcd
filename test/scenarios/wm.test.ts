/*
 * The window manager (docs/gui_wm.md): nitpicker, fb_drv, wm and two
 * windows of wm_client, booted by `nido run --ui` and driven in headless
 * Chromium on the dashboard's screen, as a user drives them.
 *
 * - Both windows appear with wm's decorations, cascaded, each titled with
 *   its label; wm's window_layout report says where.
 * - A click on the title bar of the window behind raises and focuses it
 *   (its colour now covers the overlap; wm's focus report names it), and
 *   the keys typed then reach its client only.
 * - Dragging a title bar moves the window: its pixels at the new place,
 *   the desktop where it was.
 * - Dragging the bottom-right corner resizes: the client hears the new
 *   mode, pays for the new buffer, and the window has the new size.
 * - A click into a window's content reaches its client, in the client's
 *   own coordinates.
 * - The closer: the window disappears, its client hears a mode of 0x0
 *   (Genode's resize to 0x0), closes its session and has every byte back.
 *
 * Screenshots go to test-artifacts/wm*.png.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Nido, reportDir, repoRoot, waitForReport } from '../harness.js';
import { ARTIFACTS, launchChromium, screenshot } from './browser.js';
import { clickScreen, count, dashboardAddress, dragScreen, readText, showScreen, waitForScreen, type Box } from './gui_screen.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
const { parseXml } = (await import(new URL('../../util/xml.js', import.meta.url).href)) as typeof import('../../src/util/xml.js');
const decoration = (await import(new URL('../../server/wm/decoration.js', import.meta.url).href)) as typeof import('../../src/server/wm/decoration.js');
const { defaultFont } = (await import(new URL('../../lib/gui/font.js', import.meta.url).href)) as typeof import('../../src/lib/gui/font.js');
const { WM_SESSION_RAM } = (await import(new URL('../../server/wm/gui_session.js', import.meta.url).href)) as typeof import('../../src/server/wm/gui_session.js');
const { parseNumBytes } = (await import(new URL('../../util/num_bytes.js', import.meta.url).href)) as typeof import('../../src/util/num_bytes.js');

const dir = join(repoRoot, 'test', 'scenarios', 'wm');
/* As the boot directory's config has them. */
const APP1 = { label: 'app1', color: 0x2a9d8f, width: 240, height: 160 };
const APP2 = { label: 'app2', color: 0xe76f51, width: 200, height: 120 };
const BACKGROUND = 0x334455;
const WHITE = 0xffffff;

interface LaidOut extends Box {
  readonly id: number;
  readonly title: string;
  readonly focused: boolean;
}

/** The windows of wm's window_layout report, front first. */
function layoutOf(report: string): LaidOut[] {
  return parseXml(report).children('window').map((w) => ({
    id: w.naturalAttribute('id', 0),
    title: w.stringAttribute('title', ''),
    x: w.integerAttribute('xpos', 0),
    y: w.integerAttribute('ypos', 0),
    width: w.naturalAttribute('width', 0),
    height: w.naturalAttribute('height', 0),
    focused: w.boolAttribute('focused', false),
  }));
}

function windowOf(layout: readonly LaidOut[], title: string): LaidOut {
  const window = layout.find((w) => w.title === title);
  assert.ok(window !== undefined, `no window "${title}" in ${JSON.stringify(layout)}`);
  return window;
}

/** The page as test-artifacts/NAME.png, the screen alone as NAME-screen.png. */
async function screenshots(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.locator('canvas.screen-canvas').screenshot({ path: join(ARTIFACTS, `${name}-screen.png`) });
}

/** The RAM quota of init's child `name` in init's state report (undefined while it is not listed). */
function ramQuota(report: string, name: string): number | undefined {
  const quota = new RegExp(`<child name="${name}"[^>]*>\\s*<ram assigned="[^"]*" quota="([^"]*)"`).exec(report)?.[1];
  return quota === undefined ? undefined : parseNumBytes(quota);
}

const middle = (box: Box) => ({ x: box.x + Math.floor(box.width / 2), y: box.y + Math.floor(box.height / 2) });

/** A point of the title bar of the window with content `box`, left of the closer. */
function titlePoint(box: Box): { x: number; y: number } {
  const bar = decoration.titleBarRect(box);
  return { x: bar.x + 12, y: bar.y + Math.floor(bar.height / 2) };
}

/** A part of `box` (a window's content) that the window with content `other` does not cover. */
function uncovered(box: Box, other: Box): Box {
  const outer = decoration.outerGeometry(other);
  if (outer.x >= box.x + 8) return { ...box, width: outer.x - box.x };
  return { ...box, height: Math.max(1, outer.y - box.y) };
}

test('wm: windows move, raise, resize and close as the user drags and clicks, the client told of each', async () => {
  const reports = await reportDir();
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '170']);
  const browser = await launchChromium();
  const layoutReport = (predicate: (layout: LaidOut[]) => boolean, timeoutMs = 30_000) =>
    waitForReport(reports, 'init/wm/window_layout', (r) => predicate(layoutOf(r)), timeoutMs).then(layoutOf);
  let page: Page | undefined;
  try {
    const address = await dashboardAddress(nido);
    await nido.waitFor(/^\[init -> app1\] window 240x160$/);
    await nido.waitFor(/^\[init -> app2\] window 200x120$/);
    /* app1 tried what a client must not (docs/gui_wm.md): each call came back as an error, and wm serves on. */
    await nido.waitFor(/^\[init -> app1\] bad calls: 12 of 12 refused$/);
    /* Wide enough for the screen's canvas to be shown at about its size (for the screenshots). */
    page = await browser.newPage({ viewport: { width: 2100, height: 1000 } });
    await page.goto(address);
    await showScreen(page);

    /* Both windows, cascaded, decorated and titled with their labels. */
    let layout = await layoutReport((l) => l.length === 2);
    let app1 = windowOf(layout, 'app1');
    let app2 = windowOf(layout, 'app2');
    assert.deepEqual([app1.width, app1.height, app2.width, app2.height], [APP1.width, APP1.height, APP2.width, APP2.height]);
    assert.notDeepEqual([app1.x, app1.y], [app2.x, app2.y], 'the second window is cascaded');
    const [front, back] = layout as [LaidOut, LaidOut];
    const frontColor = front.title === 'app1' ? APP1.color : APP2.color;
    const backColor = back.title === 'app1' ? APP1.color : APP2.color;
    await waitForScreen(page, uncovered(back, front), (p) => count(p, backColor) > 0, `${back.title}'s window`);
    await waitForScreen(page, front, (p) => count(p, frontColor) > front.width * front.height / 2, `${front.title}'s window`);
    const titleBar = decoration.titleBarRect(front);
    const titleText = { x: 0, y: 1, width: titleBar.width - decoration.CONTROL_SIZE - 2, height: titleBar.height - 1 };
    await waitForScreen(page, titleBar, (p) => readText(p, titleText, WHITE, defaultFont()) === front.title,
      `the title "${front.title}" in its title bar`);
    await screenshots(page, 'wm');

    /* Raise: a click on the title bar of the window behind brings it to the front and focuses it. */
    let from = nido.lines.length;
    await clickScreen(page, titlePoint(back).x, titlePoint(back).y);
    layout = await layoutReport((l) => l[0]?.title === back.title && l[0].focused);
    const focus = parseXml(await waitForReport(reports, 'init/wm/focus', (r) => r.includes(`label="${back.title}"`)));
    assert.equal(focus.child('window')?.naturalAttribute('id', 0), back.id);
    const overlap = { x: front.x, y: front.y, width: back.x + back.width - front.x, height: back.y + back.height - front.y };
    /* (Its own frame and text, and nitpicker's label, take a few of the overlap's pixels.) */
    await waitForScreen(page, overlap, (p) => count(p, backColor) > overlap.width * overlap.height * 0.7 && count(p, frontColor) === 0,
      `${back.title} in front`);

    /* Its client has the keyboard now (wm passes the keys on, nitpicker focused the decorations); the other hears nothing. */
    await page.keyboard.press('a');
    await nido.waitFor(new RegExp(`^\\[init -> ${back.title}\\] press KEY_A$`), 30_000, from);
    await nido.waitFor(new RegExp(`^\\[init -> ${back.title}\\] focus enter$`), 30_000, from);
    assert.ok(!nido.lines.slice(from).some((l) => l === `[init -> ${front.title}] press KEY_A`), `${front.title} heard no key`);

    /* Move: dragging the title moves the window; where it was, the desktop shows again. */
    const moved = { x: 400, y: 250 };
    const before = windowOf(layout, back.title);
    await dragScreen(page, titlePoint(before), { x: titlePoint(before).x + moved.x, y: titlePoint(before).y + moved.y });
    layout = await layoutReport((l) => windowOf(l, back.title).x === before.x + moved.x && windowOf(l, back.title).y === before.y + moved.y);
    const after = windowOf(layout, back.title);
    await waitForScreen(page, after, (p) => count(p, backColor) > after.width * after.height / 2, `${back.title} at its new place`);
    const left = uncovered(before, front);
    await waitForScreen(page, left, (p) => count(p, BACKGROUND) === left.width * left.height, `the desktop where ${back.title} was`);
    await screenshots(page, 'wm-moved');

    /* Resize: dragging the bottom-right corner; the client hears the new mode and pays for its buffer. */
    from = nido.lines.length;
    const state = await waitForReport(reports, 'init/state', (r) => ramQuota(r, 'wm') !== undefined && ramQuota(r, front.title) !== undefined);
    const wmQuota = ramQuota(state, 'wm');
    const clientQuota = ramQuota(state, front.title) ?? 0;
    const resized = windowOf(layout, front.title);
    const outer = decoration.outerGeometry(resized);
    const corner = { x: outer.x + outer.width - 2, y: outer.y + outer.height - 2 };
    /* (More than the session's spare donation pays for: the client upgrades it, through wm to nitpicker.) */
    await dragScreen(page, corner, { x: corner.x + 200, y: corner.y + 150 });
    const wanted = { width: resized.width + 200, height: resized.height + 150 };
    await nido.waitFor(new RegExp(`^\\[init -> ${front.title}\\] mode ${wanted.width}x${wanted.height}$`), 30_000, from);
    layout = await layoutReport((l) => windowOf(l, front.title).width === wanted.width && windowOf(l, front.title).height === wanted.height);
    const grown = windowOf(layout, front.title);
    assert.equal(layout[0]?.title, front.title, 'the resized window came to the front');
    await waitForScreen(page, grown, (p) => count(p, frontColor) > grown.width * grown.height * 0.8, `${front.title} at its new size`);
    await screenshots(page, 'wm-resized');
    const paid = await waitForReport(reports, 'init/state', (r) => (ramQuota(r, front.title) ?? clientQuota) < clientQuota);
    assert.equal(ramQuota(paid, 'wm'), wmQuota, 'the client paid for its larger buffer, wm nothing');

    /* A click into the content reaches the client, at its own coordinates. */
    from = nido.lines.length;
    await clickScreen(page, grown.x + 20, grown.y + 60);
    await nido.waitFor(new RegExp(`^\\[init -> ${front.title}\\] press BTN_LEFT at 20,60$`), 30_000, from);

    /* Close: the window goes, the client hears 0x0, closes its session and has every byte back. */
    from = nido.lines.length;
    const closer = middle(decoration.closerRect(after));
    await clickScreen(page, closer.x, closer.y);
    await nido.waitFor(new RegExp(`^\\[init -> ${back.title}\\] closed by the window manager$`), 30_000, from);
    const closed = await nido.waitFor(new RegExp(`^\\[init -> ${back.title}\\] session closed: RAM quota \\d+ before it, \\d+ after$`), 30_000, from);
    const [, quotaBefore, quotaAfter] = /(\d+) before it, (\d+) after/.exec(closed) ?? [];
    assert.equal(quotaAfter, quotaBefore, 'every byte of the session came back');
    layout = await layoutReport((l) => l.length === 1);
    assert.equal(layout[0]?.title, front.title);
    const gone = decoration.outerGeometry(after);
    const remaining = decoration.outerGeometry(grown);
    /* Every pixel where the closed window was shows the desktop, but where the other window lies. */
    const desktopWhereGone = (p: { width: number; pixels: Uint32Array }) => [...p.pixels].every((pixel, i) => {
      const x = gone.x + (i % p.width);
      const y = gone.y + Math.floor(i / p.width);
      const inRemaining = x >= remaining.x && y >= remaining.y && x < remaining.x + remaining.width && y < remaining.y + remaining.height;
      return inRemaining || pixel === BACKGROUND;
    });
    await waitForScreen(page, gone, desktopWhereGone, `the desktop where ${back.title} was closed`);
    await screenshots(page, 'wm-closed');
    await waitForReport(reports, 'init/state', (r) => ramQuota(r, 'wm') === (wmQuota ?? 0) - WM_SESSION_RAM);
    assert.deepEqual(nido.lines.filter((l) => /\[init -> wm\].*(Error|Warning)/.test(l)), [], 'wm warned of nothing');
  } catch (error) {
    /* What the screen showed when it failed, for the one who reads the failure. */
    if (page !== undefined) await screenshot(page, 'wm-failure').catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await nido.stop();
    await rm(reports, { recursive: true, force: true });
  }
});
