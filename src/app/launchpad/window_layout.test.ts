/* The launchpad window's layout: rows, hit testing, what a new sample repaints. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LaunchpadFigures } from './launchpad.js';
import {
  changedRows, ENTRY_HEIGHT, entryParts, layoutWindow, quotaAt, refreshAreas, SECTION_HEIGHT, TITLE_HEIGHT, targetAt, type Row,
} from './window_layout.js';

const MiB = 1024 * 1024;
const AREA = { width: 400, height: 300 };

const figures: LaunchpadFigures = {
  avail: 16 * MiB,
  total: 16 * MiB,
  launchers: [{ name: 'testnit', ram: 512 * 1024 }, { name: 'launchpad', ram: 6 * MiB }],
  children: [],
};

function entry(rows: readonly Row[], key: string): Extract<Row, { kind: 'entry' }> {
  const row = rows.find((r) => r.key === key);
  assert.ok(row !== undefined && row.kind === 'entry', `no entry ${key}`);
  return row;
}

test('the talk\'s window: Status with the quota, Launcher and Children sections, a blank row to the bottom', () => {
  const rows = layoutWindow(AREA, figures);
  assert.deepEqual(rows.map((r) => r.key), [
    'title', 'section:Status', 'status', 'section:Launcher', 'launcher:testnit', 'launcher:launchpad', 'section:Children', 'blank',
  ]);
  assert.equal(entry(rows, 'status').text, '16 MByte / 16 MByte');
  assert.equal(entry(rows, 'launcher:testnit').text, '512 KByte / 16 MByte');
  assert.equal(entry(rows, 'launcher:launchpad').text, '6144 KByte / 16 MByte');
  /* Every pixel row belongs to exactly one row. */
  let y = 0;
  for (const row of rows) {
    assert.equal(row.rect.y, y, row.key);
    y += row.rect.height;
  }
  assert.equal(y, AREA.height);
  assert.equal(rows[2]?.rect.y, TITLE_HEIGHT + SECTION_HEIGHT);
});

test('a child shows what it used of what it got; an exited one says so', () => {
  const rows = layoutWindow(AREA, {
    ...figures,
    avail: 7664 * 1024,
    children: [
      { name: 'testnit', assigned: 512 * 1024, avail: 69 * 1024 },
      { name: 'hello', assigned: 512 * 1024, avail: 0, exit: { reason: 'exit', code: 3 } },
    ],
  });
  assert.equal(entry(rows, 'status').text, '7664 KByte / 16 MByte');
  const child = entry(rows, 'child:testnit');
  assert.equal(child.text, '443 KByte / 512 KByte');
  assert.equal(child.value, 443 * 1024);
  assert.equal(child.max, 512 * 1024);
  assert.equal(entry(rows, 'child:hello').text, 'exited with 3');
});

test('hit testing: a launcher\'s name starts, its bar sets the quota, a child\'s kill icon kills, the title drags', () => {
  const rows = layoutWindow(AREA, { ...figures, children: [{ name: 'testnit', assigned: 512 * 1024, avail: 100 }] });
  const launcher = entry(rows, 'launcher:testnit');
  const child = entry(rows, 'child:testnit');
  const name = entryParts(launcher.rect).name;
  const bar = entryParts(launcher.rect).bar;
  const kill = entryParts(child.rect).kill;
  assert.deepEqual(targetAt(rows, { x: name.x + 5, y: name.y + 5 }), { kind: 'launch', name: 'testnit' });
  assert.deepEqual(targetAt(rows, { x: bar.x + 5, y: bar.y + 5 }), { kind: 'launcher_quota', name: 'testnit' });
  assert.deepEqual(targetAt(rows, { x: kill.x + 8, y: kill.y + 8 }), { kind: 'kill', name: 'testnit' });
  assert.deepEqual(targetAt(rows, { x: 200, y: 5 }), { kind: 'title' });
  /* A child's name, its bar, the status row, headings and the blank do nothing. */
  assert.equal(targetAt(rows, { x: entryParts(child.rect).name.x + 5, y: child.rect.y + 5 }), undefined);
  assert.equal(targetAt(rows, { x: entryParts(child.rect).bar.x + 5, y: child.rect.y + 5 }), undefined);
  assert.equal(targetAt(rows, { x: name.x + 5, y: entry(rows, 'status').rect.y + 5 }), undefined);
  assert.equal(targetAt(rows, { x: 20, y: TITLE_HEIGHT + 5 }), undefined);
  assert.equal(targetAt(rows, { x: 20, y: AREA.height - 2 }), undefined);
  assert.equal(targetAt(rows, { x: -1, y: 5 }), undefined);
  /* The launcher's bar: its left end is nothing, its right end the whole total. */
  assert.equal(quotaAt(rows, 'testnit', bar.x), 0);
  assert.equal(quotaAt(rows, 'testnit', bar.x + bar.width), 16 * MiB);
  assert.equal(quotaAt(rows, 'testnit', bar.x + bar.width / 2), 8 * MiB);
  assert.equal(quotaAt(rows, 'nobody', bar.x), undefined);
});

test('a new sample repaints only the rows that changed; a new child repaints what moved', () => {
  const before = layoutWindow(AREA, figures);
  assert.deepEqual(changedRows(before, layoutWindow(AREA, figures)), []);

  const lessQuota = layoutWindow(AREA, { ...figures, avail: 15 * MiB });
  assert.deepEqual(changedRows(before, lessQuota).map((r) => r.key), ['status']);
  assert.deepEqual(refreshAreas(changedRows(before, lessQuota)), [entry(lessQuota, 'status').rect]);

  const withChild = layoutWindow(AREA, { ...figures, avail: 15 * MiB, children: [{ name: 'testnit', assigned: 512 * 1024, avail: 100 }] });
  assert.deepEqual(changedRows(lessQuota, withChild).map((r) => r.key), ['child:testnit', 'blank']);
  /* The child's row and the blank below it are next to each other: one refresh. */
  const areas = refreshAreas(changedRows(lessQuota, withChild));
  assert.equal(areas.length, 1);
  assert.deepEqual(areas[0], { x: 0, y: entry(withChild, 'child:testnit').rect.y, width: AREA.width, height: AREA.height - entry(withChild, 'child:testnit').rect.y });

  const hovered = layoutWindow(AREA, figures, { kind: 'launch', name: 'launchpad' });
  assert.deepEqual(changedRows(before, hovered).map((r) => r.key), ['launcher:launchpad']);
});

test('more rows than the window holds lie below it (cut by the buffer), and there is no blank row', () => {
  const many = { ...figures, children: Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, assigned: MiB, avail: MiB })) };
  const rows = layoutWindow(AREA, many);
  assert.equal(rows.some((r) => r.kind === 'blank'), false);
  const last = rows[rows.length - 1];
  assert.ok(last !== undefined && last.rect.y > AREA.height);
  assert.equal(last.rect.height, ENTRY_HEIGHT);
});
