/*
 * The `nido` command line: boots a boot directory with core and init and
 * watches the log (see USAGE).
 */

import { parseArgs } from 'node:util';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Core } from '../core/core.js';
import { HostConsole } from '../core/host_console.js';
import { parseXml, XmlParseError } from '../util/xml.js';
import { parseSize } from '../util/num_bytes.js';
import { USAGE } from './usage.js';
import { why } from './why.js';
import { bootFindings, check, CheckUsageError } from './check.js';
import { schema, SchemaUsageError } from './schema.js';
import { compile, printFlags, toolchain, ToolchainError } from '../toolchain/cc.js';
import type { Dashboard } from '../dashboard/dashboard.js';
import { DEFAULT_SCREEN, parseScreenMode } from '../core/screen_service.js';
import type { Mode } from '../session/framebuffer/interface.js';
import { configProgram, ConfigProgramError, generateConfig } from '../core/config_program.js';

class UsageError extends Error {}
/** The boot directory cannot be booted (no config, a malformed one): no usage hint, the message says what and where. */
class BootError extends Error {}

interface RunOptions {
  readonly bootDir: string;
  readonly until: RegExp | undefined;
  readonly fail: RegExp | undefined;
  readonly timeout: number | undefined;
  readonly reportDir: string;
  readonly ram: number;
  readonly caps: number;
  readonly pool: number;
  /** --ui[=PORT]: serve the dashboard on 127.0.0.1:PORT (0: any free port). */
  readonly ui: number | undefined;
  /** --screen=WIDTHxHEIGHT: the mode of core's screen (Framebuffer and Input services). */
  readonly screen: Mode;
  /** --print-config: print init's config (DIR/config, or what DIR/config.ts generates) and exit. */
  readonly printConfig: boolean;
  /** --inspect[=PORT]: serve the monitored components to debuggers on 127.0.0.1:PORT (docs/debugging.md; 9229 as Node's). */
  readonly inspect: number | undefined;
}

function regex(flag: string, value: string | undefined): RegExp | undefined {
  if (value === undefined) return undefined;
  try {
    return new RegExp(value);
  } catch (error) {
    throw new UsageError(`--${flag}: invalid regular expression: ${(error as Error).message}`);
  }
}

function parseRun(argv: string[]): RunOptions {
  const { values, positionals } = parseArgs({
    /* --ui has an optional value, which parseArgs does not know: a bare --ui is port 0. */
    args: argv.map((arg) => (arg === '--ui' ? '--ui=0' : arg === '--inspect' ? '--inspect=9229' : arg)),
    allowPositionals: true,
    options: {
      until: { type: 'string' },
      fail: { type: 'string' },
      timeout: { type: 'string' },
      'report-dir': { type: 'string' },
      ram: { type: 'string' },
      caps: { type: 'string' },
      pool: { type: 'string' },
      ui: { type: 'string' },
      screen: { type: 'string' },
      'print-config': { type: 'boolean' },
      inspect: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('run: expected exactly one boot directory');
  const ram = parseSize(values.ram ?? '256M');
  if (ram === undefined || ram <= 0) throw new UsageError(`--ram: invalid size "${values.ram}"`);
  const caps = Number(values.caps ?? '10000');
  if (!Number.isSafeInteger(caps) || caps <= 0) throw new UsageError(`--caps: invalid number "${values.caps}"`);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout: invalid number of seconds "${values.timeout}"`);
  const pool = Number(values.pool ?? '2');
  if (!Number.isSafeInteger(pool) || pool < 0) throw new UsageError(`--pool: invalid number "${values.pool}"`);
  const ui = values.ui === undefined ? undefined : Number(values.ui);
  if (ui !== undefined && (!/^\d+$/.test(values.ui ?? '') || ui > 65535)) throw new UsageError(`--ui: invalid port "${values.ui}" (0 to 65535, 0: any free one)`);
  const inspect = values.inspect === undefined ? undefined : Number(values.inspect);
  if (inspect !== undefined && (!/^\d+$/.test(values.inspect ?? '') || inspect > 65535)) throw new UsageError(`--inspect: invalid port "${values.inspect}" (0 to 65535, 0: any free one)`);
  const screen = values.screen === undefined ? DEFAULT_SCREEN : parseScreenMode(values.screen);
  if (typeof screen === 'string') throw new UsageError(`--screen: ${screen}`);
  return {
    bootDir: resolve(positionals[0] as string),
    until: regex('until', values.until),
    fail: regex('fail', values.fail),
    timeout,
    reportDir: resolve(values['report-dir'] ?? 'reports'),
    ram,
    caps,
    pool,
    ui,
    screen,
    printConfig: values['print-config'] ?? false,
    inspect,
  };
}

/** init's config: DIR/config, or the XML DIR/config.ts generates (docs/config.md); a program's failure is a boot error naming its line. */
async function initConfig(bootDir: string): Promise<{ text: string; source: string }> {
  const configPath = join(bootDir, 'config');
  const program = await configProgram(bootDir);
  if (program !== undefined) {
    try {
      return { text: await generateConfig(program, bootDir), source: program };
    } catch (error) {
      if (error instanceof ConfigProgramError) throw new BootError(error.message);
      throw error;
    }
  }
  const config = await readFile(configPath, 'utf8').catch(() => undefined);
  if (config === undefined) throw new BootError(`${configPath}: missing (init's configuration, or a config.ts whose default export is it)`);
  return { text: config, source: configPath };
}

/** Checks the boot directory before booting, so that a broken config is a boot error with file, line and column. */
async function checkBootDir(bootDir: string): Promise<string> {
  const info = await stat(bootDir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new BootError(`${bootDir}: no such boot directory`);
  const config = await initConfig(bootDir);
  try {
    parseXml(config.text, { source: config.source });
  } catch (error) {
    if (error instanceof XmlParseError) throw new BootError(error.message);
    throw error;
  }
  return config.text;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

async function run(options: RunOptions): Promise<number> {
  const config = await checkBootDir(options.bootDir);
  if (options.printConfig) {
    process.stdout.write(config.endsWith('\n') ? config : `${config}\n`);
    return 0;
  }
  /* nido check's findings, on stderr: stdout's log stays as it was, and init decides what fails, as before (docs/check.md). */
  process.stderr.write(bootFindings(options.bootDir, config, options.ram, options.caps));
  /* Loaded only for --ui: a run without it does not pay for the server and its libraries. */
  const dashboard: Dashboard | undefined = options.ui === undefined ? undefined
    : new (await import('../dashboard/dashboard.js')).Dashboard({ bootDir: options.bootDir, port: options.ui });
  if (dashboard !== undefined) {
    const address = await dashboard.listen().catch((error: unknown) => {
      throw new BootError(`--ui: cannot serve the dashboard on 127.0.0.1:${options.ui}: ${(error as Error).message}`);
    });
    process.stdout.write(`dashboard: ${address}\n`);
  }
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => { finish = resolve; });
  let done = false;
  const end = (code: number) => {
    if (done) return;
    done = true;
    finish(code);
  };
  const output = {
    line(text: string): void | Promise<void> {
      if (done) return;
      dashboard?.line(text);
      const plain = text.replace(ANSI, '');
      const ok = process.stdout.write(text + '\n');
      if (options.fail?.test(text) || options.fail?.test(plain)) end(1);
      else if (options.until?.test(text) || options.until?.test(plain)) end(0);
      if (!ok) return new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    },
  };
  /*
   * With the dashboard, a system that ended (torn down in order, every
   * byte back) stays on the page until Ctrl-C: the demo ends within a
   * second. nido then exits with the system's status.
   */
  let ended: number | undefined;
  /* The run's end on Ctrl-C, SIGTERM and, from a raw-mode console, Ctrl-]. */
  const interrupted = () => end(ended ?? (options.until === undefined ? 0 : 1));
  const hostConsole = new HostConsole({
    input: () => process.stdin,
    output: process.stdout,
    environment: process.env,
    escape: interrupted,
    notice: (text) => void output.line(text),
  });
  /* Loaded only for --inspect; opened before boot, so that it reaches every worker. */
  const inspector = options.inspect === undefined ? undefined
    : await (await import('../core/inspector.js')).Inspector.open({ port: options.inspect, log: (text) => void output.line(text) })
      .catch((error: unknown) => {
        throw new BootError(`--inspect: cannot serve the inspector on 127.0.0.1:${options.inspect}: ${(error as Error).message}`);
      });
  if (inspector !== undefined) process.stdout.write(`inspector: http://127.0.0.1:${inspector.port}/json/list\n`);
  const core = new Core({
    bootDir: options.bootDir,
    reportDir: options.reportDir,
    ram: options.ram,
    caps: options.caps,
    output,
    poolSize: options.pool,
    initExited: (code) => systemEnded(options.until === undefined ? code : 1),
    console: hostConsole,
    observer: dashboard,
    screen: options.screen,
    inspector,
  });
  dashboard?.attach(core);
  const systemEnded = (code: number) => {
    if (dashboard === undefined || options.until !== undefined) {
      end(code);
      return;
    }
    if (ended !== undefined) return;
    ended = code;
    process.stdout.write(`nido: the system ended with ${code}; the dashboard stays until Ctrl-C\n`);
    void core.shutdown().then(() => dashboard.ended(code));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const timer = options.timeout === undefined ? undefined
    : setTimeout(() => {
      process.stderr.write(`nido: timeout after ${options.timeout} s\n`);
      end(1);
    }, options.timeout * 1000);
  await core.boot().catch((error: unknown) => {
    process.stderr.write(`nido: boot failed: ${(error as Error).message}\n`);
    end(2);
  });
  const code = await finished;
  clearTimeout(timer);
  await dashboard?.close();
  /* The TTY leaves raw mode before shutdown, and terminal output stops with the log. */
  hostConsole.close();
  await core.shutdown();
  return code;
}

/** `nido cc`: clang for noux programs (src/toolchain/cc.ts). */
async function cc(args: string[]): Promise<number> {
  try {
    if (args.includes('--print-flags')) {
      process.stdout.write(printFlags(await toolchain()));
      return 0;
    }
    if (args.length === 0) throw new UsageError('cc: expected clang arguments, e.g. nido cc hello.c -o hello.wasm');
    return await compile(args);
  } catch (error) {
    if (!(error instanceof ToolchainError)) throw error;
    process.stderr.write(`nido cc: ${error.message}\n`);
    return 1;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await run(parseRun(rest));
      case 'cc':
        return await cc(rest);
      case 'check':
        return await check(rest);
      case 'schema':
        return schema(rest);
      case 'why':
        return await why(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof CheckUsageError || error instanceof SchemaUsageError
      || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`nido: ${(error as Error).message}\n(see nido --help)\n`);
      return 2;
    }
    if (error instanceof BootError) {
      process.stderr.write(`nido: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
