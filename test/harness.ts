/*
 * Scenario-test harness: boots boot directories through the real `nido
 * run` command in a child process, as Genode's run scripts do, and lets
 * tests wait for log lines and read state reports. Waits are for events,
 * with generous overall timeouts: tests never assert wall-clock times.
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, mkdtemp, mkdir, readFile, rename, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const nidoBin = join(repoRoot, 'bin', 'nido.js');

/** Creates a temporary boot directory holding `files` (name → content). */
export interface NouxScenario {
  /** The nodes of noux's <fstab>. */
  readonly fstab: string;
  /** noux's <start> node (the first process). */
  readonly start: string;
  readonly ram?: string;
  readonly caps?: number;
  /** <config process_ram>: each process's least RAM. */
  readonly processRam?: string;
}

/**
 * init's config of a noux scenario: log_terminal as noux's console (its
 * lines are the console's), noux's exit ending the run with its status.
 */
export function nouxScenarioConfig(scenario: NouxScenario): string {
  const processRam = scenario.processRam === undefined ? '' : ` process_ram="${scenario.processRam}"`;
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <start name="log_terminal" ram="2M"> <provides> <service name="Terminal"/> </provides> </start>
  <start name="noux" caps="${scenario.caps ?? 2000}" ram="${scenario.ram ?? '160M'}">
    <exit propagate="yes"/>
    <config${processRam}>
      <fstab> ${scenario.fstab} </fstab>
      ${scenario.start}
    </config>
    <route> <service name="Terminal"> <child name="log_terminal"/> </service> <any-service> <parent/> </any-service> </route>
  </start>
</config>
`;
}

/** Fails with what to do when a port's ROM module or tar in dist/wasm was never built. */
export async function needPort(file: string, port: string): Promise<void> {
  await access(join(repoRoot, 'dist', 'wasm', file)).catch(() => {
    throw new Error(`dist/wasm/${file} is missing: run "npm run ports" (fetches Debian's ${port} source with apt-get source and builds it)`);
  });
}

export async function bootDir(files: Record<string, string | Uint8Array>, from?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-boot-'));
  if (from !== undefined) await cp(from, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/**
 * Replaces a boot directory's file at once (a new file renamed over it):
 * core's ROM service, which re-reads a file when it changes, never sees it
 * truncated and half written.
 */
export async function replaceFile(path: string, content: string): Promise<void> {
  await writeFile(`${path}.next`, content);
  await rename(`${path}.next`, path);
}

/** A fresh, empty report directory. */
export function reportDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'nido-reports-'));
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Removes colour escapes. */
export function plain(text: string): string {
  return text.replace(ANSI, '');
}

/** How a `nido run` is spawned, besides its arguments. */
export interface NidoOptions {
  /** The environment of the nido process (default: the test's). */
  readonly env?: NodeJS.ProcessEnv;
}

/** A `nido run` in progress. */
export class Nido {
  readonly #process: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  #stdout = '';
  #stderr = '';
  #partial = '';
  readonly #waiters: { pattern: RegExp; from: number; resolve(line: string): void }[] = [];
  readonly exited: Promise<RunResult>;

  constructor(dir: string, args: readonly string[] = [], options: NidoOptions = {}) {
    this.#process = spawn(process.execPath, [nidoBin, 'run', dir, ...args], { stdio: 'pipe', env: options.env ?? process.env });
    this.#process.stdout.setEncoding('utf8');
    this.#process.stderr.setEncoding('utf8');
    this.#process.stdout.on('data', (chunk: string) => {
      this.#stdout += chunk;
      const text = this.#partial + chunk;
      const parts = text.split('\n');
      this.#partial = parts.pop() ?? '';
      /* Terminal output ends its lines with CR LF. */
      for (const line of parts) this.#line(plain(line.endsWith('\r') ? line.slice(0, -1) : line));
    });
    this.#process.stderr.on('data', (chunk: string) => { this.#stderr += chunk; });
    this.exited = new Promise((resolve) => {
      this.#process.on('close', (code) => {
        if (this.#partial !== '') this.#line(plain(this.#partial));
        resolve({ code, stdout: this.#stdout, stderr: this.#stderr, lines: this.lines });
      });
    });
  }

  #line(line: string): void {
    this.lines.push(line);
    for (const waiter of [...this.#waiters]) {
      if (waiter.pattern.test(line)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  }

  /** Resolves with the first line (from index `from` on) that matches; rejects after `timeoutMs` or at exit. */
  waitFor(pattern: RegExp, timeoutMs = 30_000, from = 0): Promise<string> {
    const seen = this.lines.slice(from).find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${this.lines.join('\n')}\n${this.#stderr}`)), timeoutMs);
      const waiter = { pattern, from, resolve: (line: string) => { clearTimeout(timer); resolve(line); } };
      this.#waiters.push(waiter);
      void this.exited.then(() => {
        if (!this.#waiters.includes(waiter)) return;
        clearTimeout(timer);
        reject(new Error(`nido exited before a line matched ${pattern}; output:\n${this.lines.join('\n')}\n${this.#stderr}`));
      });
    });
  }

  /** Writes to the run's standard input (core's Terminal service reads it). */
  input(data: string | Uint8Array): void {
    this.#process.stdin.write(data);
  }

  /** Closes the run's standard input: the end of input. */
  endInput(): void {
    this.#process.stdin.end();
  }

  /** The process id of the `nido run` process (to read its memory use from /proc). */
  get pid(): number | undefined {
    return this.#process.pid;
  }

  /** Stops the run (SIGTERM) and waits for it to end. */
  async stop(): Promise<RunResult> {
    this.#process.kill('SIGTERM');
    return this.exited;
  }
}

/** Runs `nido run dir ...args` to its end. */
export function nidoRun(dir: string, args: readonly string[] = []): Promise<RunResult> {
  return new Nido(dir, args).exited;
}

/** Reads a report file, or undefined if it does not exist (yet). */
export async function readReport(dir: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** Polls a report until `predicate` holds (event-driven tests on a file written by the system under test). */
export async function waitForReport(dir: string, path: string, predicate: (report: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  while (Date.now() < deadline) {
    last = await readReport(dir, path);
    if (last !== undefined && predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`report ${path} did not reach the expected state within ${timeoutMs} ms; last:\n${last ?? '(none)'}`);
}

export interface Quota { readonly quota: number; readonly avail: number }

/** init's own `<ram>` or `<caps>` (quota and avail, in bytes or caps) from its state report. */
export function initQuota(report: string, node: 'ram' | 'caps'): Quota {
  const match = new RegExp(`^\\t<${node} quota="(\\d+[KMG]?)" used="[^"]*" avail="(\\d+[KMG]?)"/>`, 'm').exec(report);
  if (match === null) throw new Error(`no init <${node}> in\n${report}`);
  const amount = (text: string) => {
    const units: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
    const unit = units[text.slice(-1)];
    return unit === undefined ? Number(text) : Number(text.slice(0, -1)) * unit;
  };
  return { quota: amount(match[1] as string), avail: amount(match[2] as string) };
}

/**
 * init's own RAM and cap quota and those of its child `name`, as the state
 * report writes them ("init Q C, NAME Q C"), or undefined while the report
 * lacks either: what session transfers move.
 */
export function quotasOf(report: string, name: string): string | undefined {
  const init = /^\t<ram quota="([^"]*)"[^>]*\/>\n\t<caps quota="([^"]*)"/m.exec(report);
  const child = new RegExp(`<child name="${name}"[^>]*>\\s*<ram assigned="[^"]*" quota="([^"]*)"[^>]*/>\\s*<caps assigned="[^"]*" quota="([^"]*)"`).exec(report);
  return init === null || child === null ? undefined : `init ${init[1]} ${init[2]}, ${name} ${child[1]} ${child[2]}`;
}

/** The `<provided>` node of init's child `name` (the sessions others hold there), '' if none. */
export function providedBy(report: string, name: string): string {
  return new RegExp(`<child name="${name}"[^]*?</child>`).exec(report)?.[0].match(/<provided>[^]*?<\/provided>|<provided\/>/)?.[0] ?? '';
}

export interface InitAccounts { readonly ram: Quota; readonly caps: Quota }

/** init's own RAM and caps from its state report. */
export function initAccounts(report: string): InitAccounts {
  return { ram: initQuota(report, 'ram'), caps: initQuota(report, 'caps') };
}

/**
 * Waits until init's state report lists no child and init's own RAM and
 * caps are `before` again (closes at servers complete asynchronously, each
 * with a new report); answers the accounts of the last report, for the
 * caller's assertion.
 */
export async function initAccountsWhenEmpty(reports: string, before: InitAccounts, timeoutMs: number): Promise<InitAccounts> {
  const same = (r: string) => !r.includes('<child') && JSON.stringify(initAccounts(r)) === JSON.stringify(before);
  const after = await waitForReport(reports, 'init/state', same, timeoutMs).catch(async () => (await readReport(reports, 'init/state')) ?? '');
  return initAccounts(after);
}

/**
 * The lines between `--- sorted` and `--- end` in name order: programs such
 * as find and grep -r meet a directory's entries in the file system's
 * order (Linux's hashes, noux's RAM directories their own), so the GNU
 * tools' scripts mark such output and both sides are compared sorted.
 */
export function sortBlocks(lines: readonly string[]): string[] {
  const out: string[] = [];
  let block: string[] | undefined;
  for (const line of lines) {
    if (line === '--- sorted') block = [];
    else if (line === '--- end' && block !== undefined) { out.push(...block.sort()); block = undefined; }
    else if (block !== undefined) block.push(line);
    else out.push(line);
  }
  return out;
}
