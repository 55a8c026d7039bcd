/*
 * The launchpad window's layout, as Genode's launchpad_window and its
 * entries (status_entry.h, launch_entry.h, child_entry.h) arrange it: a
 * title bar, then the sections "Status", "Launcher" and "Children", one
 * row per entry with the name right-aligned in a column, a load bar
 * (value / maximum, the figures as text on it) and, for a child, a kill
 * icon. Rows stack from the top without gaps; a blank row fills the rest,
 * so that every pixel of the window belongs to exactly one row.
 *
 * Pure data: the window (launchpad_window.ts) lays out each sample of the
 * figures, repaints the rows that differ from the last layout
 * (changedRows) and hit-tests the pointer (targetAt).
 *
 *   const rows = layoutWindow({ width: 400, height: 300 }, figures);
 *   const target = targetAt(rows, { x: 40, y: 110 });   // { kind: 'launch', name: 'testnit' }
 */

import { contains, type Area, type Point, type Rect } from 'nido';
import type { LaunchpadFigures } from './launchpad.js';
import { quotaText } from './quota_text.js';

export const TITLE_HEIGHT = 24;
export const SECTION_HEIGHT = 28;
export const ENTRY_HEIGHT = 22;
/* Genode's child_entry.h: program text width, padding, icon size. */
export const NAME_WIDTH = 100;
export const PADDING = 10;
export const ICON_SIZE = 16;
export const BAR_HEIGHT = 16;
export const TITLE = 'Launchpad';

/** What the pointer is over: something to click or drag. */
export type Target =
  | { readonly kind: 'title' }
  | { readonly kind: 'launch'; readonly name: string }
  | { readonly kind: 'launcher_quota'; readonly name: string }
  | { readonly kind: 'kill'; readonly name: string };

export type EntryRole = 'status' | 'launcher' | 'child';

export type Row =
  | { readonly kind: 'title'; readonly key: string; readonly rect: Rect; readonly text: string; readonly hovered: boolean }
  | { readonly kind: 'section'; readonly key: string; readonly rect: Rect; readonly text: string }
  | {
      readonly kind: 'entry'; readonly key: string; readonly rect: Rect; readonly role: EntryRole;
      readonly name: string; readonly value: number; readonly max: number; readonly text: string;
      /** Which part the pointer is over. */
      readonly hovered?: 'name' | 'bar' | 'kill';
    }
  | { readonly kind: 'blank'; readonly key: string; readonly rect: Rect };

/** The parts of an entry row: the name's column, the load bar, the kill icon. */
export function entryParts(row: Rect): { name: Rect; bar: Rect; kill: Rect } {
  const middle = row.y + Math.floor((row.height - BAR_HEIGHT) / 2);
  const barX = row.x + PADDING + NAME_WIDTH + PADDING;
  const killX = row.x + row.width - PADDING - ICON_SIZE;
  return {
    name: { x: row.x + PADDING, y: row.y, width: NAME_WIDTH, height: row.height },
    bar: { x: barX, y: middle, width: Math.max(0, killX - PADDING - barX), height: BAR_HEIGHT },
    kill: { x: killX, y: middle + Math.floor((BAR_HEIGHT - ICON_SIZE) / 2), width: ICON_SIZE, height: ICON_SIZE },
  };
}

/** The bar's figures: what is left of the total, a launcher's quota of it, what a child used of what it got. */
function childText(child: LaunchpadFigures['children'][number]): string {
  if (child.exit !== undefined) return `exited with ${child.exit.code}`;
  return `${quotaText(child.assigned - child.avail)} / ${quotaText(child.assigned)}`;
}

function sameTarget(a: Target | undefined, b: Target): boolean {
  return a !== undefined && a.kind === b.kind && ('name' in a ? a.name : '') === ('name' in b ? b.name : '');
}

/** The rows of the window of `area` showing `figures`, with `hover` marked. */
export function layoutWindow(area: Area, figures: LaunchpadFigures, hover?: Target): Row[] {
  const rows: Row[] = [];
  const width = area.width;
  let y = 0;
  const next = (height: number): Rect => {
    const rect = { x: 0, y, width, height };
    y += height;
    return rect;
  };
  rows.push({ kind: 'title', key: 'title', rect: next(TITLE_HEIGHT), text: TITLE, hovered: sameTarget(hover, { kind: 'title' }) });

  rows.push({ kind: 'section', key: 'section:Status', rect: next(SECTION_HEIGHT), text: 'Status' });
  rows.push({
    kind: 'entry', key: 'status', rect: next(ENTRY_HEIGHT), role: 'status', name: 'Quota',
    value: figures.avail, max: figures.total, text: `${quotaText(figures.avail)} / ${quotaText(figures.total)}`,
  });

  rows.push({ kind: 'section', key: 'section:Launcher', rect: next(SECTION_HEIGHT), text: 'Launcher' });
  for (const launcher of figures.launchers) {
    const hovered = sameTarget(hover, { kind: 'launch', name: launcher.name }) ? 'name'
      : sameTarget(hover, { kind: 'launcher_quota', name: launcher.name }) ? 'bar' : undefined;
    rows.push({
      kind: 'entry', key: `launcher:${launcher.name}`, rect: next(ENTRY_HEIGHT), role: 'launcher', name: launcher.name,
      value: launcher.ram, max: figures.total, text: `${quotaText(launcher.ram)} / ${quotaText(figures.total)}`,
      ...(hovered === undefined ? {} : { hovered }),
    });
  }

  rows.push({ kind: 'section', key: 'section:Children', rect: next(SECTION_HEIGHT), text: 'Children' });
  for (const child of figures.children) {
    const hovered = sameTarget(hover, { kind: 'kill', name: child.name }) ? 'kill' : undefined;
    rows.push({
      kind: 'entry', key: `child:${child.name}`, rect: next(ENTRY_HEIGHT), role: 'child', name: child.name,
      value: child.exit === undefined ? child.assigned - child.avail : 0, max: child.assigned, text: childText(child),
      ...(hovered === undefined ? {} : { hovered }),
    });
  }

  if (y < area.height) rows.push({ kind: 'blank', key: 'blank', rect: next(area.height - y) });
  return rows;
}

/** What lies at `point` (window coordinates), if anything can be clicked there. */
export function targetAt(rows: readonly Row[], point: Point): Target | undefined {
  for (const row of rows) {
    if (!contains(row.rect, point)) continue;
    if (row.kind === 'title') return { kind: 'title' };
    if (row.kind !== 'entry') return undefined;
    const parts = entryParts(row.rect);
    if (row.role === 'launcher' && contains(parts.name, point)) return { kind: 'launch', name: row.name };
    if (row.role === 'launcher' && contains(parts.bar, point)) return { kind: 'launcher_quota', name: row.name };
    if (row.role === 'child' && contains(parts.kill, point)) return { kind: 'kill', name: row.name };
    return undefined;
  }
  return undefined;
}

/** The quota a launcher's bar stands for at x (Genode's Loadbar::value_by_xpos), rounded to KiB. */
export function quotaAt(rows: readonly Row[], name: string, x: number): number | undefined {
  const row = rows.find((r) => r.kind === 'entry' && r.role === 'launcher' && r.name === name);
  if (row === undefined || row.kind !== 'entry') return undefined;
  const bar = entryParts(row.rect).bar;
  const fraction = Math.max(0, Math.min(1, (x - bar.x) / Math.max(1, bar.width)));
  return Math.round((fraction * row.max) / 1024) * 1024;
}

/** The rows of `next` that look different from `previous`: what must be repainted. */
export function changedRows(previous: readonly Row[], next: readonly Row[]): Row[] {
  const before = new Map(previous.map((row) => [row.key, JSON.stringify(row)]));
  return next.filter((row) => before.get(row.key) !== JSON.stringify(row));
}

/** The rectangles to refresh for `rows`: adjacent full-width rows merged into one. */
export function refreshAreas(rows: readonly Row[]): Rect[] {
  const sorted = [...rows].map((row) => row.rect).sort((a, b) => a.y - b.y);
  const areas: Rect[] = [];
  for (const rect of sorted) {
    const last = areas[areas.length - 1];
    if (last !== undefined && last.x === rect.x && last.width === rect.width && last.y + last.height === rect.y) {
      areas[areas.length - 1] = { ...last, height: last.height + rect.height };
    } else {
      areas.push(rect);
    }
  }
  return areas;
}
