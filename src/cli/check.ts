/*
 * `nido check DIR`: init's config and everything in it checked before
 * anything runs (src/lib/check, docs/check.md), every finding as
 * `DIR/config:12:5: error: ...` with a hint line below. Exit 1 when there
 * is an error, 0 otherwise, 2 for usage errors. `nido run` calls
 * bootFindings() to print the same findings on stderr before it boots.
 *
 * The library is pure; this file gives it the host: core's ROM lookup
 * over the boot directory and the shipped components and programs, as
 * src/core/rom_service.ts does it.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENV_CAPS, ENV_RAM, SESSION_COSTS } from '../base/child.js';
import { howToGet, shippedProgramSync } from '../core/shipped_program.js';
import {
  checkInitConfig, CORE_SERVICES, formatFinding, hasErrors, summary, type CheckEnvironment, type Finding, type RomModule,
} from '../lib/check/index.js';
import { parseSize } from '../util/num_bytes.js';

const componentDir = fileURLToPath(new URL('../components', import.meta.url));
const programDir = fileURLToPath(new URL('../wasm', import.meta.url));

/* init's own capabilities per child (spec/init.md §3.2). */
const INIT_CHILD_CAPS = 6;

/* Core's ROM lookup order (src/core/rom_service.ts). */
const EXTENSIONS = ['', '.js', '.mjs', '.ts', '.wasm'];

export class CheckUsageError extends Error {}

function listing(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir).filter((name) => {
      try {
        return statSync(join(dir, name)).isFile();
      } catch {
        return false;
      }
    }));
  } catch {
    return new Set();
  }
}

/** How to get a program Nido ships but this machine has not built (src/core/shipped_program.ts, as core's ROM service says it). */
function missingProgramHint(name: string): string | undefined {
  const program = shippedProgramSync(name);
  return program === undefined ? undefined : howToGet(program);
}

/**
 * The check's view of the host: ROM modules of `bootDir` (named as
 * `display` in findings), the shipped components and programs, init's
 * quota.
 */
export function hostEnvironment(bootDir: string, display: string, ram: number, caps: number): CheckEnvironment {
  const boot = listing(bootDir);
  const components = listing(componentDir);
  const programs = listing(programDir);
  const rom = (name: string): RomModule | undefined => {
    if (name === '' || name.includes('/') || name.includes('\0') || name === '.' || name === '..') return undefined;
    for (const extension of EXTENSIONS) {
      const file = name + extension;
      if (boot.has(file)) {
        return {
          origin: 'boot',
          file,
          text: () => {
            try {
              return readFileSync(join(bootDir, file), 'utf8');
            } catch {
              return undefined;
            }
          },
        };
      }
    }
    if (components.has(`${name}.js`)) return { origin: 'component', file: `${name}.js`, text: () => undefined };
    for (const file of [name, `${name}.wasm`]) if (programs.has(file)) return { origin: 'program', file, text: () => undefined };
    return undefined;
  };
  return {
    rom,
    missingRom: (name) => ({
      looked: `no file "${name}" (nor with .js, .mjs, .ts, .wasm) in ${display}, and Nido ships no component or program of that name`,
      hint: missingProgramHint(name),
    }),
    romNames: () => [...new Set([...boot, ...components, ...programs].map((file) => file.replace(/\.(js|mjs|ts|wasm)$/, '')))],
    romFile: (name) => join(display, name),
    coreServices: CORE_SERVICES,
    ram,
    caps,
    /* What init keeps of a child's quota before the first transfer (spec/init.md §3.2, quota_balancer.ts's initialTransfer). */
    childEnvRam: ENV_RAM + 16 * SESSION_COSTS,
    childEnvCaps: ENV_CAPS + INIT_CHILD_CAPS,
  };
}

/** `DIR` as the user would write it again: relative to the working directory where that is shorter. */
export function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' ? '.' : shown.startsWith('..') && shown.length > path.length ? path : shown;
}

/**
 * The findings of init's config `text` of boot directory `bootDir` (DIR/config,
 * or what a config program made of it), for `nido run`'s stderr: '' when
 * there are none.
 */
export function bootFindings(bootDir: string, text: string, ram: number, caps: number): string {
  const display = displayPath(bootDir);
  const configFile = existsSync(join(bootDir, 'config')) ? join(display, 'config') : `${join(display, 'config')} (generated)`;
  let findings: Finding[];
  try {
    findings = checkInitConfig(text, configFile, hostEnvironment(bootDir, display, ram, caps));
  } catch (error) {
    /* The check is advice: a fault in it must not keep the system from booting. */
    return `nido: checking ${configFile} failed (${error instanceof Error ? error.message : String(error)}); booting anyway\n`;
  }
  if (findings.length === 0) return '';
  return `${findings.map(formatFinding).join('\n')}\nnido: ${summary(findings)} in ${configFile} (nido check; booting anyway)\n`;
}

interface CheckOptions {
  readonly bootDir: string;
  readonly ram: number;
  readonly caps: number;
}

function parseCheck(argv: string[]): CheckOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ram: { type: 'string' }, caps: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new CheckUsageError('check: expected exactly one boot directory');
  const ram = parseSize(values.ram ?? '256M');
  if (ram === undefined || ram <= 0) throw new CheckUsageError(`--ram: invalid size "${values.ram}"`);
  const caps = Number(values.caps ?? '10000');
  if (!Number.isSafeInteger(caps) || caps <= 0) throw new CheckUsageError(`--caps: invalid number "${values.caps}"`);
  return { bootDir: positionals[0] as string, ram, caps };
}

/** Checks DIR's config; answers the exit status (0 clean or warnings only, 1 errors). Throws CheckUsageError for 2. */
export async function check(argv: string[], out: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const options = parseCheck(argv);
  const bootDir = resolve(options.bootDir);
  const display = options.bootDir.replace(/\/+$/, '') || '/';
  if (!statSync(bootDir, { throwIfNoEntry: false })?.isDirectory()) throw new CheckUsageError(`${display}: no such boot directory`);
  const configFile = join(display, 'config');
  let text: string;
  try {
    text = readFileSync(join(bootDir, 'config'), 'utf8');
  } catch {
    const program = ['config.ts', 'config.mjs', 'config.js'].find((name) => existsSync(join(bootDir, name)));
    if (program === undefined) throw new CheckUsageError(`${configFile}: missing (init's configuration)`);
    /* Loaded only here: it brings esbuild. */
    const { generateConfig, ConfigProgramError } = await import('../core/config_program.js');
    try {
      text = await generateConfig(join(bootDir, program), bootDir);
    } catch (error) {
      if (error instanceof ConfigProgramError) throw new CheckUsageError(error.message);
      throw error;
    }
    return report(checkInitConfig(text, `${configFile} (generated by ${program})`, hostEnvironment(bootDir, display, options.ram, options.caps)), out);
  }
  return report(checkInitConfig(text, configFile, hostEnvironment(bootDir, display, options.ram, options.caps)), out);
}

function report(findings: readonly Finding[], out: (text: string) => void): number {
  for (const finding of findings) out(`${formatFinding(finding)}\n`);
  out(`${summary(findings)}\n`);
  return hasErrors(findings) ? 1 : 0;
}
