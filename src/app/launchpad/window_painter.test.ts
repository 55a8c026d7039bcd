/* Painting the launchpad window into a Surface: what each row looks like, and that repainting the changed rows equals painting all. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Surface } from '../../lib/gui/surface.js';
import type { LaunchpadFigures } from './launchpad.js';
import { BAR_COVER, BAR_TEXT, fillWidth, textX } from './loadbar.js';
import { changedRows, entryParts, layoutWindow, type Row } from './window_layout.js';
import { COLORS, paintRows } from './window_painter.js';

const MiB = 1024 * 1024;
const AREA = { width: 400, height: 300 };
const figures: LaunchpadFigures = {
  avail: 8 * MiB,
  total: 16 * MiB,
  launchers: [{ name: 'testnit', ram: 512 * 1024 }],
  children: [{ name: 'hello', assigned: MiB, avail: MiB / 4 }],
};

function surface(): Surface {
  return new Surface(new Uint32Array(AREA.width * AREA.height), AREA.width, AREA.height);
}

function painted(rows: readonly Row[]): Surface {
  const s = surface();
  paintRows(s, rows);
  return s;
}

function pixel(s: Surface, x: number, y: number): number | undefined {
  return s.pixels[y * s.width + x];
}

function row(rows: readonly Row[], key: string): Row {
  const found = rows.find((r) => r.key === key);
  assert.ok(found !== undefined, key);
  return found;
}

/** Which pixels of `rect` have `color`, as a string of 0 and 1 per row. */
function mask(s: Surface, rect: { x: number; y: number; width: number; height: number }, color: number): string {
  let out = '';
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) out += pixel(s, x, y) === color ? '1' : '0';
    out += '\n';
  }
  return out;
}

test('the status bar is filled in proportion and carries its figures in white', () => {
  const rows = layoutWindow(AREA, figures);
  const s = painted(rows);
  const status = row(rows, 'status');
  assert.ok(status.kind === 'entry');
  const bar = entryParts(status.rect).bar;
  const filled = fillWidth(bar.width, figures.avail, figures.total);
  assert.equal(filled, Math.round(bar.width / 2));
  assert.equal(pixel(s, bar.x + 2, bar.y + 1), COLORS.statusBar);
  assert.equal(pixel(s, bar.x + bar.width - 3, bar.y + 1), BAR_COVER);
  /* The white pixels of the bar are exactly the text's glyphs. */
  const reference = surface();
  reference.text(textX(bar, status.text), bar.y, status.text, BAR_TEXT);
  assert.equal(mask(s, bar, BAR_TEXT), mask(reference, bar, BAR_TEXT));
  assert.match(mask(s, bar, BAR_TEXT), /1/);
});

test('the title bar, a launcher in red, a child with its kill icon', () => {
  const rows = layoutWindow(AREA, figures);
  const s = painted(rows);
  assert.equal(pixel(s, 1, 1), COLORS.title);
  const launcher = entryParts(row(rows, 'launcher:testnit').rect);
  assert.equal(pixel(s, launcher.bar.x + 2, launcher.bar.y + 1), COLORS.launcherBar);
  const kill = entryParts(row(rows, 'child:hello').rect).kill;
  /* The cross runs through the middle; the corners are rounded off. */
  assert.equal(pixel(s, kill.x + 8, kill.y + 8), COLORS.iconCross);
  assert.equal(pixel(s, kill.x + 2, kill.y + 8), COLORS.icon);
  assert.equal(pixel(s, kill.x, kill.y), COLORS.document);
  /* A hovered kill icon turns red. */
  const hovered = painted(layoutWindow(AREA, figures, { kind: 'kill', name: 'hello' }));
  assert.equal(pixel(hovered, kill.x + 2, kill.y + 8), COLORS.iconHovered);
});

test('repainting only the changed rows gives the window that painting everything gives', () => {
  const steps: LaunchpadFigures[] = [
    figures,
    { ...figures, avail: 7 * MiB },
    { ...figures, avail: 6 * MiB, children: [...figures.children, { name: 'testnit', assigned: 512 * 1024, avail: 100 * 1024 }] },
    { ...figures, avail: 7 * MiB, children: [{ name: 'testnit', assigned: 512 * 1024, avail: 90 * 1024 }] },
    { ...figures, avail: 16 * MiB, children: [] },
  ];
  const live = surface();
  let shown: Row[] = [];
  for (const [index, step] of steps.entries()) {
    const next = layoutWindow(AREA, step, index === 3 ? { kind: 'launch', name: 'testnit' } : undefined);
    paintRows(live, changedRows(shown, next));
    shown = next;
    assert.deepEqual(live.pixels, painted(next).pixels, `step ${index}`);
  }
});
