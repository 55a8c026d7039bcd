import { test } from 'node:test';
import assert from 'node:assert/strict';
import { focusReport, windowLayoutReport, windowListReport } from './reports.js';
import { Window, type WindowOwner } from './window.js';

const owner = {} as WindowOwner;

function window(id: number, label: string, title = ''): Window {
  const w = new Window(id, label, { x: 10 * id, y: 20 * id, width: 100 + id, height: 50 + id }, owner);
  w.title = title;
  return w;
}

test('reports: window_list in Genode\'s form, in the order of the ids', () => {
  const a = window(2, 'app2');
  const b = window(1, 'app1', 'editor');
  b.resizeable = true;
  assert.equal(windowListReport([a, b]), [
    '<window_list>',
    '\t<window id="1" label="app1" title="editor" width="101" height="51" resizeable="yes"/>',
    '\t<window id="2" label="app2" title="" width="102" height="52"/>',
    '</window_list>',
    '',
  ].join('\n'));
  assert.equal(windowListReport([]), '<window_list/>\n');
});

test('reports: focus names the focused window, or none', () => {
  assert.equal(focusReport(window(3, 'app3')), '<focus>\n\t<window id="3" label="app3"/>\n</focus>\n');
  assert.equal(focusReport(undefined), '<focus/>\n');
});

test('reports: window_layout lists the windows front first, the title with the label before it', () => {
  const a = window(1, 'app1', 'notes');
  const b = window(2, 'app2');
  assert.equal(window(4, 'launchpad -> app', 'app').displayedTitle, 'launchpad -> app', 'a title repeating the label is left out');
  assert.equal(windowLayoutReport([b, a], a), [
    '<window_layout>',
    '\t<window id="2" title="app2" xpos="20" ypos="40" width="102" height="52" closer="yes"/>',
    '\t<window id="1" title="app1 notes" xpos="10" ypos="20" width="101" height="51" focused="yes" closer="yes"/>',
    '</window_layout>',
    '',
  ].join('\n'));
});
