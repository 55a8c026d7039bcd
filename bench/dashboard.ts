/*
 * The dashboard (nido run --ui) with CHILDREN idle components, in headless
 * Chromium (Debian's, driven by playwright-core):
 *
 * - first render: from the page's navigation to the tree showing every
 *   component (the page's own clock), goal ≤ 1 s;
 * - update: a config change that starts one more child, from the file's
 *   write to the child's row on the page, against the same write to the
 *   child's first log line on nido's stdout (what a user sees without the
 *   page); goal: the page ≤ 100 ms behind the log;
 * - LOG: a component logs 10,000 lines/s for FLOOD_S seconds (100,000
 *   lines); every line must reach the page (its count), and the page's lag
 *   behind nido's stdout at the last line is the figure; then the log view
 *   holding them all jumps to another place every frame for SCROLLS
 *   frames: the frames' interval must stay that of 60 Hz;
 * - idle cost: CPU time of the nido process over IDLE_S seconds with the
 *   page open against the same system without --ui; goal ≤ 5 % of a core.
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoDir } from './dist.js';
import { median, report, type Row } from './table.js';

const CHILDREN = Number(process.env.NIDO_BENCH_DASHBOARD_CHILDREN ?? 1000);
const UPDATES = 5;
const RENDERS = 3;
const FLOOD_S = 10;
const FLOOD_PER_S = 10_000;
const IDLE_S = 10;
const SCROLLS = 60;
const CHROMIUM = '/usr/bin/chromium';

const FLOODER = `// Logs ${FLOOD_PER_S} lines a second: 100 every 10 ms, for ${FLOOD_S} s.
import { Timer } from 'nido';
export async function construct(env) {
  const timer = await env.connect(Timer);
  const start = await timer.client.elapsedMs();
  let n = 0;
  while (n < ${FLOOD_PER_S * FLOOD_S}) {
    const due = Math.min(${FLOOD_PER_S * FLOOD_S}, Math.floor(((await timer.client.elapsedMs()) - start) * ${FLOOD_PER_S / 1000}) + 100);
    for (; n < due; n++) env.log(\`line \${n}\`);
    await timer.client.msleep(10);
  }
  env.log('flood done');
}
`;

function config(children: number, extra: string): string {
  const starts = Array.from({ length: children }, (_, i) => `  <start name="idle_${i}"> <binary name="idle"/> </start>`);
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
${starts.join('\n')}
${extra}</config>
`;
}

/** A `nido run` of the boot directory; lines are counted as they come, by a pattern. */
class Run {
  readonly process: ChildProcessWithoutNullStreams;
  readonly #waiters: { pattern: RegExp; resolve: (at: number) => void }[] = [];
  #partial = '';
  url = '';

  constructor(boot: string, reports: string, ui: boolean) {
    this.process = spawn(process.execPath, [join(repoDir, 'bin', 'nido.js'), 'run', boot, '--report-dir', reports, ...(ui ? ['--ui'] : [])],
      { cwd: repoDir, stdio: 'pipe' });
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => {
      const at = Date.now();
      const lines = (this.#partial + chunk).split('\n');
      this.#partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('dashboard: ')) this.url = line.slice('dashboard: '.length);
        for (const waiter of [...this.#waiters]) {
          if (!waiter.pattern.test(line)) continue;
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(at);
        }
      }
    });
    this.process.stderr.resume();
  }

  /** Resolves with Date.now() when a line matching `pattern` arrives (registered before it can). */
  next(pattern: RegExp): Promise<number> {
    return new Promise((resolve) => this.#waiters.push({ pattern, resolve }));
  }

  /** Resolves when `count` lines matched `pattern`. */
  async count(pattern: RegExp, count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.next(pattern);
  }

  /** CPU time (ms) the process used so far (utime + stime of /proc/PID/stat). */
  async cpuMs(): Promise<number> {
    const stat = await readFile(`/proc/${this.process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.process.once('close', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}

async function boot(children: number, ui: boolean): Promise<{ run: Run; dir: string; reports: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-dashboard-'));
  const reports = await mkdtemp(join(tmpdir(), 'nido-bench-reports-'));
  await copyFile(join(repoDir, 'test', 'scenarios', 'many', 'idle.js'), join(dir, 'idle.js'));
  await writeFile(join(dir, 'flooder.js'), FLOODER);
  await writeFile(join(dir, 'config'), config(children, ''));
  const run = new Run(dir, reports, ui);
  await run.count(/^\[init -> idle_\d+\] up$/, children);
  return { run, dir, reports };
}

async function rows(page: Page): Promise<number> {
  return page.locator('.tree .row[data-label^="init -> idle_"]').count();
}

/*
 * Arms a MutationObserver in the page: `seen` becomes Date.now() when a
 * tree row for `label` appears. (Page code as text: this file is type
 * checked without the DOM's types.)
 */
async function armRow(page: Page, label: string): Promise<void> {
  /* (The comma: evaluate would otherwise wait for the promise.) */
  await page.evaluate(`(globalThis.seen = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('.tree .row[data-label=' + ${JSON.stringify(JSON.stringify(label))} + ']') === null) return;
      observer.disconnect();
      resolve(Date.now());
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }), 0)`);
}

/** The page's count of log lines (its header). */
async function logLines(page: Page): Promise<number> {
  return Number(/(\d+) log lines/.exec(await page.locator('header .summary').innerText())?.[1] ?? 0);
}

/** Writes the boot directory's config at once (a new file renamed over it). */
async function writeConfig(dir: string, text: string): Promise<void> {
  await writeFile(join(dir, 'config.next'), text);
  await rename(join(dir, 'config.next'), join(dir, 'config'));
}

export async function run(): Promise<Row[]> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const result: Row[] = [];
  try {
    /* Without the dashboard: the idle cost's baseline. */
    const plain = await boot(CHILDREN, false);
    const plainBefore = await plain.run.cpuMs();
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
    const plainCpu = ((await plain.run.cpuMs()) - plainBefore) / (IDLE_S * 10);
    await plain.run.stop();
    await rm(plain.dir, { recursive: true, force: true });
    await rm(plain.reports, { recursive: true, force: true });

    const { run: nido, dir, reports } = await boot(CHILDREN, true);
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const renders: number[] = [];
      for (let i = 0; i < RENDERS; i++) {
        await page.goto(nido.url);
        await page.locator(`.tree .row[data-label="init -> idle_${CHILDREN - 1}"]`).waitFor({ timeout: 60_000 });
        renders.push(Number(await page.evaluate('performance.now()')));
        if (await rows(page) !== CHILDREN) throw new Error(`the tree shows ${await rows(page)} of ${CHILDREN} components`);
      }
      result.push({ name: `first render of ${CHILDREN} components (navigation → every row)`, value: median(renders), unit: 'ms', goal: '≤ 1000 ms', met: median(renders) <= 1000, samples: renders });

      /* Idle, with the page open. */
      const before = await nido.cpuMs();
      await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
      const uiCpu = ((await nido.cpuMs()) - before) / (IDLE_S * 10);
      result.push({ name: `CPU of nido run at idle, ${CHILDREN} components, page open`, value: uiCpu, unit: '% of a core', baseline: plainCpu,
        baselineName: 'the same without --ui', goal: '≤ 5 points more', met: uiCpu - plainCpu <= 5 });

      /* Config changes, each starting one more child. */
      const pageLag: number[] = [];
      const logLag: number[] = [];
      let extra = '';
      for (let i = 0; i < UPDATES; i++) {
        extra += `  <start name="extra_${i}"> <binary name="idle"/> </start>\n`;
        await armRow(page, `init -> extra_${i}`);
        const logged = nido.next(new RegExp(`^\\[init -> extra_${i}\\] up$`));
        const written = Date.now();
        await writeConfig(dir, config(CHILDREN, extra));
        const logAt = await logged;
        const shownAt = Number(await page.evaluate('globalThis.seen'));
        pageLag.push(shownAt - written);
        logLag.push(logAt - written);
      }
      const behind = pageLag.map((lag, i) => lag - (logLag[i] as number));
      result.push({ name: 'config change → the new child on the page', value: median(pageLag), unit: 'ms', baseline: median(logLag),
        baselineName: '→ its first log line on stdout', goal: '≤ 100 ms behind the log', met: median(behind) <= 100, samples: pageLag, baselineSamples: logLag });

      /* The flood. */
      const linesBefore = await logLines(page);
      extra += '  <start name="flooder" ram="4M"/>\n';
      const done = nido.next(/^\[init -> flooder\] flood done$/);
      await writeConfig(dir, config(CHILDREN, extra));
      const doneAt = await done;
      /* Its lines and "flood done". */
      const expected = linesBefore + FLOOD_PER_S * FLOOD_S + 1;
      await page.waitForFunction(`Number(/(\\d+) log lines/.exec(document.querySelector('header .summary')?.textContent ?? '')?.[1] ?? 0) >= ${expected}`,
        undefined, { timeout: 60_000, polling: 'raf' });
      const allAt = Number(await page.evaluate('Date.now()'));
      const got = await logLines(page);
      result.push({ name: `LOG at ${FLOOD_PER_S} lines/s: the page's lag behind stdout at the last line (${got - linesBefore} of ${expected - linesBefore} lines shown)`,
        value: allAt - doneAt, unit: 'ms', goal: 'no line dropped', met: got >= expected });

      /* Scrolling the log view with every line in it: a jump every frame, and the frames' intervals. */
      await page.click('nav button[data-view="logs"]');
      await page.locator('.log-line').first().waitFor();
      const intervals = (await page.evaluate(`(async () => {
        const box = document.querySelector('.log-box');
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        const stamps = [await frame()];
        for (let i = 1; i <= ${SCROLLS}; i++) {
          box.scrollTop = (box.scrollHeight - box.clientHeight) * ((i * 7919) % ${SCROLLS}) / ${SCROLLS};
          stamps.push(await frame());
        }
        return stamps.slice(1).map((stamp, i) => stamp - stamps[i]);
      })()`)) as number[];
      result.push({ name: `log view with ${got} lines: frame interval while its scroll position jumps every frame`, value: median(intervals), unit: 'ms',
        goal: `≤ 17.5 ms (60 Hz kept; longest ${Math.max(...intervals).toFixed(1)} ms)`, met: median(intervals) <= 17.5, samples: intervals });
    } finally {
      await nido.stop();
      await rm(dir, { recursive: true, force: true });
      await rm(reports, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  await report('dashboard', result);
  return result;
}
