/*
 * `nido why DIR`: explains init's decisions for a boot directory (see
 * docs/why.md): where a session goes (--session S --label L), why a child
 * does not run (--child NAME) and where its quota goes (--quota NAME),
 * from the configs and, with --report-dir, init's state report.
 */

import { parseArgs } from 'node:util';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configProgram, ConfigProgramError, generateConfig } from '../core/config_program.js';
import { RomModules } from '../core/rom_service.js';
import { parseXml, XmlParseError } from '../util/xml.js';
import { parseSize } from '../util/num_bytes.js';
import {
  ChildExplainer, explainQuota, explainSession, formatChildAnswer, formatQuotaAnswer, formatSessionAnswer, initOwnQuota,
  InitModel, parseStateReport, reportedSessionLines, SystemModel, type StateReport, type WhyHost,
} from '../lib/why/index.js';

/* The services core offers init (src/core/core.ts). */
const CORE_SERVICES = new Set(['ROM', 'LOG', 'PD', 'CPU', 'Timer', 'Report', 'Terminal', 'Framebuffer', 'Input']);

/* Where core's ROM service finds shipped components and programs (as src/core/core.ts). */
const componentDir = fileURLToPath(new URL('../components', import.meta.url));
const programDir = fileURLToPath(new URL('../wasm', import.meta.url));

/** A question `nido why` cannot answer as asked: the message says why; exit status 2. */
export class WhyError extends Error {}

interface WhyOptions {
  readonly dir: string;
  readonly question: { readonly kind: 'session'; readonly service: string; readonly label: string }
    | { readonly kind: 'child'; readonly name: string }
    | { readonly kind: 'quota'; readonly name: string };
  readonly reportDir: string | undefined;
  readonly ram: number;
  readonly caps: number;
}

function parseWhy(argv: string[]): WhyOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      session: { type: 'string' },
      label: { type: 'string' },
      child: { type: 'string' },
      quota: { type: 'string' },
      'report-dir': { type: 'string' },
      ram: { type: 'string' },
      caps: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new WhyError('expected exactly one boot directory');
  const asked = [values.session, values.child, values.quota].filter((v) => v !== undefined).length;
  if (asked !== 1) throw new WhyError('ask one question: --session SERVICE --label LABEL, --child NAME or --quota NAME');
  const ram = parseSize(values.ram ?? '256M');
  if (ram === undefined || ram <= 0) throw new WhyError(`--ram: invalid size "${values.ram}"`);
  const caps = Number(values.caps ?? '10000');
  if (!Number.isSafeInteger(caps) || caps <= 0) throw new WhyError(`--caps: invalid number "${values.caps}"`);
  let question: WhyOptions['question'];
  if (values.session !== undefined) {
    if (values.label === undefined) throw new WhyError('--session needs --label (e.g. --label "init -> a" for child a\'s own environment session)');
    question = { kind: 'session', service: values.session, label: values.label };
  } else {
    if (values.label !== undefined) throw new WhyError('--label goes with --session');
    question = values.child !== undefined ? { kind: 'child', name: values.child } : { kind: 'quota', name: values.quota as string };
  }
  return { dir: positionals[0] as string, question, reportDir: values['report-dir'], ram, caps };
}

/* Core's ROM modules, described without host paths outside the boot directory. */
function host(dir: string, options: WhyOptions): WhyHost {
  const modules = new RomModules(resolve(dir), componentDir, programDir);
  return {
    coreServices: CORE_SERVICES,
    initQuota: { ram: options.ram, caps: options.caps },
    rom: async (name) => {
      const found = await modules.read(name);
      if (found === undefined) return undefined;
      const inBoot = relative(resolve(dir), found.path);
      const where = !inBoot.startsWith('..') && !inBoot.includes(sep) ? join(dir, inBoot)
        : `${basename(dirname(found.path))}/${basename(found.path)} (shipped with Nido)`;
      return { where, text: found.content.toString('utf8') };
    },
  };
}

async function loadConfig(dir: string): Promise<InitModel> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new WhyError(`${dir}: no such boot directory`);
  let source = join(dir, 'config');
  let text = await readFile(source, 'utf8').catch(() => undefined);
  const program = text === undefined ? await configProgram(dir) : undefined;
  if (program !== undefined) {
    /* Lines are those of the XML the program generates (nido run --print-config shows it). */
    source = `${program} [xml]`;
    text = await generateConfig(resolve(program), resolve(dir)).catch((error: unknown) => {
      if (error instanceof ConfigProgramError) throw new WhyError(error.message);
      throw error;
    });
  }
  if (text === undefined) throw new WhyError(`${source}: missing (init's configuration, or a config.ts whose default export is it)`);
  try {
    return new InitModel(parseXml(text, { source }), { source, label: 'init' });
  } catch (error) {
    if (error instanceof XmlParseError) throw new WhyError(error.message);
    throw error;
  }
}

/* The state report of the init labelled `label` ("init", "init -> sub"): REPORT_DIR/init/state, REPORT_DIR/init/sub/state. */
async function readReport(reportDir: string | undefined, label: string): Promise<{ source: string; state: StateReport } | undefined> {
  if (reportDir === undefined) return undefined;
  const source = join(reportDir, ...label.split(' -> '), 'state');
  const text = await readFile(source, 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new WhyError(`${source}: no state report (is there a <report> node in ${label}'s config, and did nido run get --report-dir ${reportDir}?)`);
  }
  try {
    return { source, state: parseStateReport(text, source) };
  } catch (error) {
    if (error instanceof XmlParseError) throw new WhyError(`${source}: not a state report: ${error.message}`);
    throw error;
  }
}

async function answer(options: WhyOptions): Promise<string> {
  const system = new SystemModel(await loadConfig(options.dir), host(options.dir, options));
  const question = options.question;
  if (question.kind === 'session') {
    const session = await explainSession(system, question.service, question.label);
    if ('error' in session) throw new WhyError(session.error);
    const report = await readReport(options.reportDir, session.requester.model.label);
    const reported = report === undefined ? [] : ['', ...reportedSessionLines(session, report.state, report.source)];
    return formatSessionAnswer(session) + reported.map((line) => `${line}\n`).join('');
  }
  const located = await system.locateChild(question.name);
  if (!located.ok) throw new WhyError(located.reason);
  const report = await readReport(options.reportDir, located.model.label);
  if (question.kind === 'child') return formatChildAnswer(await new ChildExplainer(system).explain(located.model, located.child, report));
  const own = initOwnQuota(located.model, system.host.initQuota);
  return formatQuotaAnswer(explainQuota(located.model, located.child, own.own, own.from, report?.state, report?.source));
}

/** `nido why ARGS`: prints the answer; 0, or 2 for a question that does not fit (the message says why). */
export async function why(argv: string[]): Promise<number> {
  try {
    process.stdout.write(await answer(parseWhy(argv)));
    return 0;
  } catch (error) {
    if (error instanceof WhyError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`nido why: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
