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
import { compile, printFlags, toolchain, ToolchainError } from '../toolchain/cc.js';

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
    args: argv,
    allowPositionals: true,
    options: {
      until: { type: 'string' },
      fail: { type: 'string' },
      timeout: { type: 'string' },
      'report-dir': { type: 'string' },
      ram: { type: 'string' },
      caps: { type: 'string' },
      pool: { type: 'string' },
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
  return {
    bootDir: resolve(positionals[0] as string),
    until: regex('until', values.until),
    fail: regex('fail', values.fail),
    timeout,
    reportDir: resolve(values['report-dir'] ?? 'reports'),
    ram,
    caps,
    pool,
  };
}

/** Checks the boot directory before booting, so that a broken config is a boot error with file, line and column. */
async function checkBootDir(bootDir: string): Promise<void> {
  const info = await stat(bootDir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new BootError(`${bootDir}: no such boot directory`);
  const configPath = join(bootDir, 'config');
  const config = await readFile(configPath, 'utf8').catch(() => undefined);
  if (config === undefined) throw new BootError(`${configPath}: missing (init's configuration)`);
  try {
    parseXml(config, { source: configPath });
  } catch (error) {
    if (error instanceof XmlParseError) throw new BootError(error.message);
    throw error;
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

async function run(options: RunOptions): Promise<number> {
  await checkBootDir(options.bootDir);
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
      const plain = text.replace(ANSI, '');
      const ok = process.stdout.write(text + '\n');
      if (options.fail?.test(text) || options.fail?.test(plain)) end(1);
      else if (options.until?.test(text) || options.until?.test(plain)) end(0);
      if (!ok) return new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    },
  };
  /* The run's end on Ctrl-C, SIGTERM and, from a raw-mode console, Ctrl-]. */
  const interrupted = () => end(options.until === undefined ? 0 : 1);
  const hostConsole = new HostConsole({
    input: () => process.stdin,
    output: process.stdout,
    environment: process.env,
    escape: interrupted,
    notice: (text) => void output.line(text),
  });
  const core = new Core({
    bootDir: options.bootDir,
    reportDir: options.reportDir,
    ram: options.ram,
    caps: options.caps,
    output,
    poolSize: options.pool,
    initExited: (code) => end(options.until === undefined ? code : 1),
    console: hostConsole,
  });
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
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
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
