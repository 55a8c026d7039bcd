/*
 * Config programs: a boot directory's config.ts (or config.mjs,
 * config.js) in place of its config file, its default export init's
 * config (docs/config.md). Core runs it on the host, as Node runs a
 * script: it is the user's own program, trusted as the config file is,
 * not a component; it never runs inside the system it configures.
 *
 * esbuild bundles the program with the files and packages it imports
 * from the boot directory; `nido/config` stays an import of the running
 * Nido's own library, so a boot directory needs no installation and the
 * nodes the program builds are the library's own (configText). The
 * bundle is evaluated as a module of its own; its XML is cached while the
 * files it was made of are unchanged (size and time of modification).
 * A failure names the file, line and column: esbuild's for a syntax or
 * import error, the program's own frame (through the bundle's source
 * map) for a throw, the `export default` for an export that is no config.
 */

import { readFile, stat } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import { NidoError } from '../base/errors.js';
import { configText, InvalidConfig } from '../lib/config/index.js';
import { parseXml, XmlParseError } from '../util/xml.js';
import type { BundleInput } from './bundle.js';

/** A config program that cannot be bundled, throws, or exports no config; the message says where. */
export class ConfigProgramError extends NidoError {}

/** The names of a config program, in the order they are looked for when DIR/config is absent. */
export const CONFIG_PROGRAMS: readonly string[] = ['config.ts', 'config.mjs', 'config.js'];

const LIBRARY = pathToFileURL(fileURLToPath(new URL('../lib/config/index.js', import.meta.url))).href;

/* A run's outcome, and the files it was made of as they were then. */
interface Outcome {
  readonly xml: string | undefined;
  readonly error: ConfigProgramError | undefined;
  readonly inputs: readonly BundleInput[];
}

const outcomes = new Map<string, Outcome>();
/* Checks and runs in progress: callers at the same time share one. */
const checking = new Map<string, Promise<{ outcome: Outcome; fresh: boolean }>>();

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/**
 * The config program of a boot directory, or undefined when it has a
 * config file (which wins) or no program.
 *
 *   await configProgram('examples/typed_config') // 'examples/typed_config/config.ts'
 */
export async function configProgram(bootDir: string): Promise<string | undefined> {
  if (await isFile(join(bootDir, 'config'))) return undefined;
  for (const name of CONFIG_PROGRAMS) {
    if (await isFile(join(bootDir, name))) return join(bootDir, name);
  }
  return undefined;
}

async function inputsOf(paths: readonly string[]): Promise<BundleInput[]> {
  const found = await Promise.all(paths.map(async (path) => {
    const info = await stat(path).catch(() => undefined);
    return info === undefined ? undefined : { path, size: info.size, mtimeMs: info.mtimeMs };
  }));
  return found.filter((input) => input !== undefined);
}

async function unchanged(inputs: readonly BundleInput[]): Promise<boolean> {
  const now = await inputsOf(inputs.map((input) => input.path));
  return now.length === inputs.length && now.every((input, i) => input.size === inputs[i]?.size && input.mtimeMs === inputs[i]?.mtimeMs);
}

/*
 * Imports of `nido/config` get the running Nido's library, whether or not
 * the boot directory could resolve the package itself.
 */
const library: Plugin = {
  name: 'nido-config-library',
  setup(build) {
    build.onResolve({ filter: /^nido\/config$/ }, () => ({ path: LIBRARY, external: true }));
  },
};

function located(message: Message, bootDir: string): string {
  const where = message.location;
  if (where === null) return message.text;
  const file = isAbsolute(where.file) ? where.file : join(bootDir, where.file);
  return `${file}:${where.line}:${where.column + 1}: ${message.text}`;
}

/* The line and column of `export default` in the program's source, for an export that is no config. */
async function exportPosition(program: string): Promise<string> {
  const source = await readFile(program, 'utf8').catch(() => '');
  const match = /(^|[^\w$.])export\s+default\b/m.exec(source);
  if (match === null) return program;
  const offset = match.index + (match[1]?.length ?? 0);
  const before = source.slice(0, offset).split('\n');
  return `${program}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/*
 * A throw while the program ran, told at the program's own frames: the
 * bundle's positions mapped back to the boot directory's files. Frames of
 * Nido's library, of packages and of Node are left out.
 */
function thrown(error: unknown, url: string, map: SourceMap, bootDir: string, program: string): ConfigProgramError {
  const text = error instanceof InvalidConfig ? error.message
    : error instanceof Error ? `${error.name}: ${error.message}`
    : `uncaught ${String(error)}`;
  const stack = error instanceof Error ? String(error.stack ?? '') : '';
  const frames: { readonly where: string; readonly name: string | undefined }[] = [];
  for (const line of stack.split('\n')) {
    const at = line.indexOf(url);
    if (!/^\s+at /.test(line) || at < 0) continue;
    const position = /^:(\d+):(\d+)/.exec(line.slice(at + url.length));
    if (position === null) continue;
    const entry = map.findEntry(Number(position[1]) - 1, Number(position[2]) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) continue;
    const file = resolve(bootDir, entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource);
    const inside = relative(bootDir, file);
    if (inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('node_modules')) continue;
    frames.push({ where: `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`, name: /^\s+at (.*?) \(/.exec(line)?.[1] });
  }
  const [first, ...callers] = frames;
  const lines = [`${first?.where ?? program}: ${text}`];
  for (const frame of callers) lines.push(`    at ${frame.name === undefined ? frame.where : `${frame.name} (${frame.where})`}`);
  return new ConfigProgramError(lines.join('\n'));
}

/* Bundles and runs the program once; the outcome lists what it was made of. */
async function run(program: string, bootDir: string): Promise<Outcome> {
  const { build } = await import('esbuild');
  const programUrl = pathToFileURL(program).href;
  let result;
  try {
    result = await build({
      entryPoints: [program],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      /* Never written: it names the output, and the source map's paths are relative to it. */
      outfile: join(bootDir, 'config.bundle.js'),
      absWorkingDir: bootDir,
      keepNames: true,
      /* The bundle runs from a data: URL: the program sees its own file's URL, and packages that use require get one. */
      define: { 'import.meta.url': JSON.stringify(programUrl) },
      banner: { js: `import { createRequire as __nidoCreateRequire } from 'node:module'; const require = __nidoCreateRequire(${JSON.stringify(programUrl)});` },
      plugins: [library],
      logLevel: 'silent',
    });
  } catch (cause) {
    const errors = (cause as { errors?: Message[] }).errors ?? [];
    const message = errors.length === 0 ? `${program}: ${String(cause)}` : errors.map((error) => located(error, bootDir)).join('\n');
    const files = errors.flatMap((error) => (error.location === null ? [] : [resolve(bootDir, error.location.file)]));
    return { xml: undefined, error: new ConfigProgramError(message), inputs: await inputsOf([program, ...files]) };
  }
  const inputs = await inputsOf(Object.keys(result.metafile.inputs).map((input) => resolve(bootDir, input)));
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
  const mapText = result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '{"version":3,"sources":[],"mappings":""}';
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  let module: Record<string, unknown>;
  try {
    module = await import(url) as Record<string, unknown>;
  } catch (error) {
    return { xml: undefined, error: thrown(error, url, new SourceMap(JSON.parse(mapText) as never), bootDir, program), inputs };
  }
  const fail = async (what: string) => ({ xml: undefined, error: new ConfigProgramError(`${await exportPosition(program)}: ${what}`), inputs });
  if (!('default' in module)) return { xml: undefined, error: new ConfigProgramError(`${program}: no default export: end it with export default init({...})`), inputs };
  let xml: string;
  try {
    xml = configText(module.default);
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    const root = parseXml(xml, { source: `${program} (its default export)` });
    if (root.type !== 'config') return fail(`the default export is a <${root.type}> node; init's config is <config>`);
  } catch (error) {
    if (error instanceof XmlParseError) return { xml: undefined, error: new ConfigProgramError(error.message), inputs };
    throw error;
  }
  return { xml, error: undefined, inputs };
}

/* The newest outcome; `fresh` only for the caller whose call ran the program (so a failure is reported once). */
function outcome(program: string, bootDir: string): Promise<{ outcome: Outcome; fresh: boolean }> {
  const running = checking.get(program);
  if (running !== undefined) return running.then(({ outcome: found }) => ({ outcome: found, fresh: false }));
  const next = (async () => {
    const known = outcomes.get(program);
    if (known !== undefined && await unchanged(known.inputs)) return { outcome: known, fresh: false };
    const made = await run(program, bootDir);
    outcomes.set(program, made);
    return { outcome: made, fresh: true };
  })();
  checking.set(program, next);
  const done = () => { checking.delete(program); };
  next.then(done, done);
  return next;
}

/**
 * Runs a config program (again only if a file it was made of changed) and
 * returns init's config as XML; throws ConfigProgramError naming the file,
 * line and column of what went wrong.
 *
 *   await generateConfig('examples/typed_config/config.ts', 'examples/typed_config') // '<config version="demo">\n...'
 */
export async function generateConfig(program: string, bootDir: string): Promise<string> {
  const { outcome: found } = await outcome(program, bootDir);
  if (found.error !== undefined) throw found.error;
  return found.xml ?? '';
}

/**
 * The content of the `config` ROM module from a program, for core's ROM
 * service: the XML of its newest successful run. A new failure is
 * reported once, and the last good XML stays: init keeps its config, as
 * with a config file saved half-edited.
 */
export class ConfigRom {
  readonly #report: (message: string) => void;
  readonly #good = new Map<string, string>();

  constructor(report: (message: string) => void) {
    this.#report = report;
  }

  async content(program: string, bootDir: string): Promise<string | undefined> {
    const { outcome: found, fresh } = await outcome(program, bootDir);
    if (found.xml !== undefined) {
      this.#good.set(program, found.xml);
      return found.xml;
    }
    if (fresh && found.error !== undefined) this.#report(`${found.error.message}\n(init keeps its config until ${program} works again)`);
    return this.#good.get(program);
  }
}
