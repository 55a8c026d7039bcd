/*
 * testnit, the animating Gui client (docs/gui_plugins.md, "testnit"),
 * on the screen of `nido run --ui`, looked at in headless Chromium:
 *
 * - both clients count frames at the screen's pace (`frame 120`), one
 *   drawing full frames, the other one 64x64 tile a frame;
 * - their pixels change on the page where their views are;
 * - a click focuses the full one, and a key press repaints its marker in
 *   the colour of the first press (0x01ff00); the other one's marker
 *   stays (keys go to the focused client only).
 *
 * Screenshot: test-artifacts/animation.png.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Nido, repoRoot } from '../harness.js';
import { launchChromium, screenshot } from './browser.js';
import { clickScreen, dashboardAddress, screenPixel, screenPixels, showScreen, waitForScreen, type Box, type ScreenPixels } from './gui_screen.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
const { markerColor } = (await import(new URL('../../test/testnit/animation.js', import.meta.url).href)) as typeof import('../../src/test/testnit/animation.js');

const dir = join(repoRoot, 'test', 'scenarios', 'animation');
/* As the boot directory's config places them. */
const FULL: Box = { x: 40, y: 60, width: 480, height: 270 };
const DAMAGE: Box = { x: 560, y: 60, width: 384, height: 256 };
const MARKER = 64;

/* The part of a view below nitpicker's label (the label sits at the view's top). */
function body(box: Box): Box {
  return { x: box.x, y: box.y + 40, width: box.width, height: box.height - 40 };
}

const differs = (before: ScreenPixels) => (after: ScreenPixels) => after.pixels.some((pixel, i) => pixel !== before.pixels[i]);

test('testnit animates at the screen\'s pace, full frames and 64x64 damage, its pixels change on the page, and a key press repaints its marker', async () => {
  const nido = new Nido(dir, ['--ui', '--timeout', '170']);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(await dashboardAddress(nido));
    await showScreen(page);

    await nido.waitFor(/^\[init -> full\] testnit: 480x270 at 40,60, animate=full$/, 60_000);
    await nido.waitFor(/^\[init -> damage\] testnit: 384x256 at 560,60, animate=damage$/, 60_000);
    await nido.waitFor(/^\[init -> full\] frame 120$/, 60_000);
    await nido.waitFor(/^\[init -> damage\] frame 120$/, 60_000);

    for (const [name, box] of [['full', body(FULL)], ['damage', body(DAMAGE)]] as const) {
      const before = await screenPixels(page, box);
      await waitForScreen(page, box, differs(before), `${name}'s next frames`);
    }

    /* The marker, below nitpicker's label: blue until a key press reaches the client. */
    const markerPoint = { x: FULL.x + MARKER / 2, y: FULL.y + MARKER - 4 };
    const otherMarker = { x: DAMAGE.x + MARKER / 2, y: DAMAGE.y + MARKER - 4 };
    assert.equal(await screenPixel(page, markerPoint.x, markerPoint.y), markerColor(0));
    /* The damage client refreshed its marker once, at the start: it shows all the same. */
    assert.equal(await screenPixel(page, otherMarker.x, otherMarker.y), markerColor(0), 'the damage client\'s marker before any key');
    await clickScreen(page, FULL.x + FULL.width / 2, FULL.y + FULL.height / 2);
    await page.keyboard.press('a');
    await nido.waitFor(/^\[init -> full\] key 1$/);
    await waitForScreen(page, { ...markerPoint, width: 1, height: 1 }, (p) => p.pixels[0] === markerColor(1), 'the marker after the key press');
    assert.equal(await screenPixel(page, otherMarker.x, otherMarker.y), markerColor(0), 'the unfocused client\'s marker changed');
    assert.ok(!nido.lines.some((l) => l.startsWith('[init -> damage] key')), 'the unfocused client heard a key');
    await screenshot(page, 'animation');
  } finally {
    await browser.close();
    await nido.stop();
  }
});
