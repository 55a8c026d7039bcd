/*
 * The dashboard (nido run --ui, docs/dashboard.md), as a user drives it:
 * headless Chromium clicks and types in the page while the system runs.
 *
 * - Only the token and the dashboard's own origin get in: a wrong token, a
 *   foreign Origin, a missing one (WebSocket) and a foreign Host are refused.
 * - examples/demo (kept running: its client's exit does not end the system
 *   here): the tree shows each child's RAM quota as init's state report
 *   does, the session graph the client's Calculator session, the client's
 *   route to the calculator the config lines that decided it; the log
 *   filters by label.
 * - The launchpad scenario: its Terminal session is a terminal in the page;
 *   typing `start testnit` there starts a loader subsystem that appears in
 *   the tree, `kill testnit` closes it and the launchpad has every byte
 *   back. A config edit with a syntax error is refused with its line and
 *   column; a valid one starts a child that appears; killing it returns
 *   its quota to init, to the byte; restarting starts it anew.
 * - A terminal in the page sizes its session: a noux program hears
 *   SIGWINCH with the page's rows and columns.
 *
 * Screenshots of each view go to test-artifacts/.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { Page } from 'playwright-core';
import { bootDir, Nido, repoRoot, waitForReport } from '../harness.js';
import { launchChromium, screenshot } from './browser.js';

/* Nido's own modules, from dist/ where this test runs (a test imports src/ for types only). */
const { parseXml } = (await import(new URL('../../util/xml.js', import.meta.url).href)) as typeof import('../../src/util/xml.js');
const { formatNumBytes } = (await import(new URL('../../util/num_bytes.js', import.meta.url).href)) as typeof import('../../src/util/num_bytes.js');

/**
 * Starts `nido run DIR --ui` (reports in a directory of its own) and waits
 * for the dashboard's address; `dispose` stops the run and removes both
 * directories.
 */
async function withDashboard(dir: string): Promise<{ nido: Nido; url: URL; reports: string; dispose: () => Promise<void> }> {
  const reports = await bootDir({});
  const nido = new Nido(dir, ['--ui', '--report-dir', reports, '--timeout', '170']);
  const dispose = async (): Promise<void> => {
    await nido.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  };
  const line = await nido.waitFor(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/).catch(async (error: unknown) => {
    await dispose();
    throw error;
  });
  assert.equal(nido.lines[0], line, 'the dashboard\'s line comes before the first log line');
  return { nido, url: new URL(line.slice('dashboard: '.length)), reports, dispose };
}

/** An HTTP GET with exactly these headers; resolves with the status. */
function get(url: URL, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, headers, setHost: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether a WebSocket to the live channel opens with these headers. */
function opens(url: URL, token: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${url.port}/live?token=${encodeURIComponent(token)}`, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('unexpected-response', () => resolve(false));
  });
}

/* A tree row's RAM figures (the bar's title: exact bytes). */
async function ramOf(page: Page, label: string): Promise<{ quota: number; used: number; avail: number }> {
  const title = await page.locator(`.tree .row[data-label="${label}"] .bar.bytes`).first().getAttribute('title') ?? '';
  const match = /quota (\d+) B, used (\d+) B, avail (\d+) B/.exec(title);
  assert.ok(match !== null, `no RAM figures for ${label}: "${title}"`);
  return { quota: Number(match[1]), used: Number(match[2]), avail: Number(match[3]) };
}

async function view(page: Page, name: string): Promise<void> {
  await page.click(`nav button[data-view="${name}"]`);
}

test('the dashboard lets in only its token from its own origin', async () => {
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'launchpad'));
  const { url, dispose } = await withDashboard(dir);
  try {
    const token = url.searchParams.get('token') ?? '';
    const host = `127.0.0.1:${url.port}`;
    const origin = `http://${host}`;
    assert.equal(await get(url, `/?token=${token}`, { host }), 200, 'the page, opened by the user (no Origin)');
    assert.equal(await get(url, `/?token=${token}`, { host, origin }), 200);
    assert.equal(await get(url, '/?token=wrong', { host }), 403, 'a wrong token');
    assert.equal(await get(url, '/', { host }), 403, 'no token');
    assert.equal(await get(url, `/page.js?token=${token}x`, { host }), 403, 'an asset with a wrong token');
    assert.equal(await get(url, `/?token=${token}`, { host, origin: 'http://evil.example' }), 403, 'a foreign Origin');
    assert.equal(await get(url, `/?token=${token}`, { host: `evil.example:${url.port}` }), 403, 'a foreign Host (DNS rebinding)');
    assert.equal(await opens(url, token, { origin }), true, 'the live channel from the page\'s origin');
    assert.equal(await opens(url, token, {}), false, 'the live channel without an Origin');
    assert.equal(await opens(url, token, { origin: 'http://evil.example' }), false, 'the live channel from a foreign Origin');
    assert.equal(await opens(url, 'wrong', { origin }), false, 'the live channel with a wrong token');
  } finally {
    await dispose();
  }
});

test('the demo in the page: quotas as in init\'s state report, sessions, routes, logs, timeline', async () => {
  const demo = await readFile(join(repoRoot, 'examples', 'demo', 'config'), 'utf8');
  /*
   * The demo ends when its client is done; here the client goes on, so that
   * the page shows it running, and a second client ("once") does one round
   * and exits, which the tree shows with its exit value.
   */
  const once = '<start name="once"> <binary name="client"/> <config rounds="1"/> </start>\n</config>';
  const config = demo.replace('<exit propagate="yes"/>', '').replace('rounds="3"', 'rounds="1000"').replace('ticks="3"', 'ticks="1000"')
    .replace(/<\/config>\s*$/, once);
  const dir = await bootDir({ config }, join(repoRoot, 'examples', 'demo'));
  const { nido, url, reports, dispose } = await withDashboard(dir);
  const browser = await launchChromium();
  try {
    await nido.waitFor(/^\[init -> client\] 22 \/ 7 = 3\.14 \(round 2\)$/);
    await nido.waitFor(/^\[init -> once\] done; look at reports\/init\/state$/);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url.href);
    await page.locator('.connection.open').waitFor();
    for (const child of ['calculator', 'client', 'ticker']) await page.locator(`.tree .row[data-label="init -> ${child}"]`).waitFor();

    /* Each child's quota is what init's state report says of its PD. */
    const state = parseXml(await waitForReport(reports, join('init', 'state'), (report) => /<child name="once"[^>]* exited="0"/.test(report)));
    assert.equal(state.type, 'state');
    const compared: string[] = [];
    for (const child of state.children('child')) {
      /* An exited child ("once") has no PD to report. */
      const reported = child.child('ram')?.attribute('quota');
      if (reported === undefined) continue;
      const name = child.stringAttribute('name', '');
      const shown = await ramOf(page, `init -> ${name}`);
      assert.equal(formatNumBytes(shown.quota), reported, `RAM quota of ${name}`);
      compared.push(name);
    }
    assert.deepEqual(compared.sort(), ['calculator', 'client', 'ticker']);
    await page.locator('.tree .row.state-exited[data-label="init -> once"] .state', { hasText: 'exited with 0' }).waitFor();

    /* The client's session at the calculator, and the config lines that routed it. */
    await page.click('.tree .row[data-label="init -> client"]');
    const clientOf = page.locator('.details .sessions tr.session', { hasText: 'Calculator' });
    await clientOf.waitFor();
    assert.match(await clientOf.innerText(), /Calculator\s+client -> math\s+init -> calculator/);
    const route = page.locator('.details .route', { hasText: 'Calculator' });
    await route.waitFor();
    assert.match(await route.innerText(), /<service name="Calculator"> <child name="calculator"\/> <\/service>/);
    await page.locator('.graph .edge.lit text', { hasText: 'Calculator' }).waitFor();
    await screenshot(page, 'dashboard-tree-sessions');

    await view(page, 'logs');
    await page.locator('.log-line', { hasText: '22 / 7 = 3.14' }).first().waitFor();
    await page.fill('.label-filter', 'init -> ticker');
    await page.locator('.log-line .label', { hasText: '[init -> ticker]' }).first().waitFor();
    const labels = await page.locator('.log-line .label').allInnerTexts();
    assert.ok(labels.length > 0 && labels.every((label) => label === '[init -> ticker]'), labels.join(', '));
    await screenshot(page, 'dashboard-logs');

    await view(page, 'timeline');
    await page.locator('.timeline-row[data-label="init -> calculator"] .mark-log').waitFor();
    await screenshot(page, 'dashboard-timeline');
  } finally {
    await browser.close();
    await dispose();
  }
});

test('the launchpad\'s terminal in the page starts and kills a subsystem; config edits are checked, applied and undone by a kill', async () => {
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'launchpad'));
  const { nido, url, dispose } = await withDashboard(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url.href);
    await page.locator('.tree .row[data-label="init -> launchpad"]').waitFor();
    await view(page, 'terminals');
    const terminal = page.locator('.terminal[data-terminal^="init -> launchpad"]');
    await terminal.locator('.xterm-rows', { hasText: 'Launcher' }).waitFor();
    const before = await ramOf(page, 'init -> launchpad');

    /* Typed into the page: the launchpad starts testnit through the loader. */
    await terminal.locator('.xterm').click();
    await page.keyboard.type('start testnit');
    await page.keyboard.press('Enter');
    await nido.waitFor(/^\[init -> loader -> testnit -> ticker\] testnit is up$/);
    await page.locator('.tree .row[data-label="init -> loader -> testnit -> ticker"]').waitFor();
    await terminal.locator('.xterm-rows', { hasText: /testnit\s+\d+ KByte \/ 8192 KByte/ }).waitFor();
    await screenshot(page, 'dashboard-terminal');
    await page.keyboard.type('kill testnit');
    await page.keyboard.press('Enter');
    await nido.waitFor(/^\[init -> launchpad\] killed testnit$/);
    await page.locator('.tree .row.state-closed[data-label="init -> loader -> testnit"]').waitFor();
    /* Every byte the subsystem had is the launchpad's again. */
    await page.locator(`.tree .row[data-label="init -> launchpad"] .bar.bytes[title*="quota ${before.quota} B,"]`).waitFor();

    /* A config edit with a syntax error is refused with its line; Apply stays off. */
    await view(page, 'config');
    const editor = page.locator('.config-text');
    const config = await readFile(join(dir, 'config'), 'utf8');
    await editor.fill(config.replace('<start name="launchpad"', '<start name="launchpad" ram="32M"\n  oops'));
    await page.locator('.config-error', { hasText: /^config:\d+:\d+: / }).first().waitFor();
    assert.equal(await page.locator('button.apply').isDisabled(), true);
    await screenshot(page, 'dashboard-config-error');

    /* A valid edit starts a child, which appears in the tree. */
    const initBefore = await ramOf(page, 'init');
    const end = config.lastIndexOf('</config>');
    await editor.fill(`${config.slice(0, end)}  <start name="extra" ram="1M"> <binary name="dummy"/> <config> <log string="extra is up"/> </config> </start>\n${config.slice(end)}`);
    assert.equal(await page.locator('.config-error').count(), 0);
    await page.click('button.apply');
    await page.locator('.result.ok', { hasText: 'applied' }).waitFor();
    await nido.waitFor(/^\[init -> extra\] extra is up$/);
    await page.locator('.tree .row.state-alive[data-label="init -> extra"]').waitFor();
    assert.match(await readFile(join(dir, 'config'), 'utf8'), /<start name="extra"/, 'applied as the boot directory\'s config');

    /* Killed from the page: init has its quota back, to the byte. */
    await page.click('.tree .row[data-label="init -> extra"]');
    await page.click('.details button.kill');
    await page.locator('.tree .row.state-crashed[data-label="init -> extra"]').waitFor();
    await nido.waitFor(/^\[init -> extra\] Error: killed from the dashboard/);
    await page.locator(`.tree .row[data-label="init"] .bar.bytes[title*="quota ${initBefore.quota} B,"]`).waitFor();
    await screenshot(page, 'dashboard-kill');

    /* Restart: the start node's version changes, and init starts the child anew. */
    const from = nido.lines.length;
    await page.click('.details button.restart');
    await nido.waitFor(/^\[init -> extra\] extra is up$/, 30_000, from);
    await page.locator('.tree .row.state-alive[data-label="init -> extra"]').waitFor();
    assert.match(await readFile(join(dir, 'config'), 'utf8'), /<start version="1" name="extra"/);
  } finally {
    await browser.close();
    await dispose();
  }
});

test('a terminal in the page gives its session its size: a noux program hears SIGWINCH with the page\'s rows and columns', async () => {
  const dir = await bootDir({
    config: `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/> <service name="Terminal"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
  <start name="noux" caps="500" ram="32M">
    <config> <fstab> <tar name="noux_tests.tar"/> </fstab> <start name="/bin/t_winch"/> </config>
  </start>
</config>
`,
  });
  const { nido, url, dispose } = await withDashboard(dir);
  const browser = await launchChromium();
  try {
    await nido.waitFor(/^size: \d+x\d+$/);
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    await page.goto(url.href);
    await view(page, 'terminals');
    const terminal = page.locator('.terminal[data-terminal^="init -> noux"]');
    const winch = await nido.waitFor(/^winch: \d+x\d+$/);
    await terminal.locator('.xterm-rows', { hasText: winch }).waitFor();
    /* The size t_winch was told (rows x columns) is the page's terminal's (columns x rows). */
    const [columns, rows] = (await terminal.getAttribute('data-size') ?? '').split('x');
    assert.equal(winch, `winch: ${rows}x${columns}`);
    assert.notEqual(winch.slice('winch: '.length), (nido.lines.find((line) => line.startsWith('size: ')) ?? '').slice('size: '.length));
  } finally {
    await browser.close();
    await dispose();
  }
});
