/*
 * Bundling a component with the npm packages it imports (esbuild).
 *
 * A component runs in a compartment with the web platform's globals, so
 * packages are bundled as for a browser: the `browser` field and the
 * "browser" condition win. Node's built-in modules carry Node's ambient
 * authority (files, processes, sockets) and are refused, each refusal
 * naming the package, the import and the file; four that are pure
 * computation have well-kept pure-JS stand-ins on npm, which the import
 * gets instead, as browser bundlers have long done:
 *
 *   buffer, events, util   the npm packages of those names
 *   path                   path-browserify
 *
 * A bare name (`punycode`, `buffer`) is first looked up as a package, so
 * one a package depends on explicitly wins; `node:NAME` always means the
 * built-in. A free `Buffer` gets the stand-in's Buffer (only in files
 * that use it); `process.env` is `{}` with NODE_ENV "production", and
 * `global` is `globalThis`, which is what packages written for bundlers
 * expect. Any other use of `process` or `require` at run time fails
 * there, as in a browser.
 */

import { builtinModules } from 'node:module';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import { NidoError } from '../base/errors.js';
import { sesSafe } from './ses_safe.js';
import { PARAMETER_GLOBALS } from './pd/global_names.js';

export class InvalidBinary extends NidoError {}

/** A file a bundle was made of, as it was then. */
export interface BundleInput {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/* The stand-ins, by built-in name: packages Nido depends on. */
const STAND_INS: Readonly<Record<string, string>> = { buffer: 'buffer', events: 'events', util: 'util', path: 'path-browserify' };
const BUILTINS = new Set(builtinModules.map((name) => name.split('/')[0] as string));
const BUILTIN_PATTERN = new RegExp(`^(node:.*|(${[...BUILTINS].map((name) => name.replace(/[^\w]/g, '\\$&')).join('|')})(/.*)?)$`);
const SKIP = Symbol('resolving as a package');
const HERE = fileURLToPath(new URL('.', import.meta.url));
const BUFFER_INJECT = fileURLToPath(new URL('./bundle_buffer.js', import.meta.url));
/* Nido's installation (dist/core/ is two levels down) and its shipped components, whose source maps scripts/build.mjs writes beside them. */
const NIDO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMPONENT_DIR = fileURLToPath(new URL('../components/', import.meta.url));

/** The npm package a file belongs to ("zod", "@scope/name"), or undefined for the component's own files. */
export function packageOf(file: string): string | undefined {
  const match = /.*node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(file);
  return match?.[1]?.replace(/\\/g, '/');
}

function builtins(componentName: string): Plugin {
  return {
    name: 'nido-builtins',
    setup(build) {
      build.onResolve({ filter: BUILTIN_PATTERN }, async (args) => {
        if (args.pluginData === SKIP) return undefined;
        const prefixed = args.path.startsWith('node:');
        const bare = prefixed ? args.path.slice('node:'.length) : args.path;
        if (!prefixed) {
          const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: SKIP });
          /* Found, or disabled by a browser field ("crypto": false): esbuild's own resolution does the same again. */
          if (found.errors.length === 0) return undefined;
        }
        const standIn = STAND_INS[bare.replace(/\/$/, '')];
        if (standIn !== undefined) {
          /* "NAME/" is the package even where NAME is a built-in; esbuild's resolution applies its browser field. */
          const found = await build.resolve(`${standIn}/`, { kind: args.kind, resolveDir: HERE, pluginData: SKIP });
          if (found.errors.length === 0) return { path: found.path };
        }
        const who = packageOf(args.importer);
        const importer = who === undefined ? `"${componentName}"` : `package "${who}"`;
        return {
          errors: [{
            text: `${importer} imports "${args.path}", a built-in module of Node: a component reaches the world only through sessions its parent routes, `
              + `and only ${Object.keys(STAND_INS).map((name) => `"${name}"`).join(', ')} have pure-JS stand-ins (docs/component-api.md, "npm packages")`,
          }],
        };
      });
    },
  };
}

/* One esbuild message as file:line:column: text, its file relative to the boot directory. */
function describe(message: Message, resolveDir: string | undefined): string {
  const where = message.location;
  if (where === null) return message.text;
  const file = resolveDir !== undefined && isAbsolute(where.file) ? relative(resolveDir, where.file) : where.file;
  return `${file}:${where.line}:${where.column + 1}: ${message.text}`;
}

/*
 * The compartment's globals that `code` names (not as a property: `x.Date`
 * is none). The runtime makes them parameters of the module's function, so
 * that the code reads them as variables: in a compartment, a global is
 * looked up through SES's scope objects, about 200 ns a time (Date.now()
 * cost 5 times Node's). A name met only in a string or as an object key
 * costs nothing but its lookup once.
 */
function globalsNamed(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)) {
    if (PARAMETER_GLOBALS.has(match[0])) found.add(match[0]);
  }
  return [...found].sort();
}

/** A bundle's source map, its files named as stack frames show them (see shownPath). */
export interface BundleMap {
  /** The source map (version 3), without the sources' text. */
  readonly json: string;
  /**
   * The index among its sources of the module itself, which esbuild knows
   * only by the binary's name (the starter names its file, binary.ts), or
   * -1 if no line came from it.
   */
  readonly main: number;
}

/*
 * Where a bundled file is, as a stack frame names it: relative to the boot
 * directory, else (Nido's own files: shipped components, stand-ins)
 * relative to Nido's installation, else from its package's node_modules
 * on. Never a path of the host outside those: a component's stack is
 * read by the component, and printed.
 */
function shownPath(path: string, resolveDir: string | undefined): string {
  const inside = (dir: string): string | undefined => {
    const found = relative(dir, path);
    return found !== '' && !found.startsWith('..') && !isAbsolute(found) ? found : undefined;
  };
  const fromPackage = /(?:^|[/\\])(node_modules[/\\].*)$/.exec(path)?.[1];
  const shown = (resolveDir === undefined ? undefined : inside(resolveDir)) ?? inside(NIDO_ROOT) ?? fromPackage ?? basename(path);
  return shown.split(sep).join('/');
}

/*
 * The source map of the shipped component `name` (scripts/build.mjs
 * bundled it from src/ and wrote its map beside it), if `source` is that
 * component, with its sources made absolute: esbuild maps the bundle it
 * makes through it, so frames name src/server/NAME/*.ts.
 */
async function shippedMap(source: string, name: string): Promise<string | undefined> {
  const file = join(COMPONENT_DIR, `${name.replace(/\.js$/, '')}.js`);
  try {
    if (await readFile(file, 'utf8') !== source) return undefined;
    const map = JSON.parse(await readFile(`${file}.map`, 'utf8')) as { sources: string[]; sourceRoot?: string };
    const root = resolve(dirname(file), map.sourceRoot ?? '');
    return JSON.stringify({ ...map, sourceRoot: undefined, sources: map.sources.map((path) => resolve(root, path)) });
  } catch {
    /* not a shipped component, or one built without a map: frames name the bundle */
    return undefined;
  }
}

/** Bundles `source` (the module `name`) with what it imports from `resolveDir`; only 'nido' stays an import. */
export async function bundle(source: string, name: string, resolveDir: string | undefined): Promise<{ code: string; globals: string[]; inputs: BundleInput[]; map: BundleMap | undefined }> {
  const { build } = await import('esbuild');
  const base = resolveDir ?? process.cwd();
  const inputMap = await shippedMap(source, name);
  const contents = inputMap === undefined ? source : `${source}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(inputMap).toString('base64')}\n`;
  const once = (inject: string[]) => build({
    stdin: { contents, loader: 'ts', sourcefile: name, ...(resolveDir === undefined ? {} : { resolveDir }) },
    bundle: true,
    write: false,
    metafile: true,
    format: 'cjs',
    target: 'es2023',
    platform: 'browser',
    external: ['nido'],
    define: { 'process.env.NODE_ENV': '"production"', 'process.env': '{}', global: 'globalThis' },
    inject,
    plugins: [builtins(name)],
    /* Bundling renames a function whose name another module uses too (explode2): its frames keep the name it was written with. */
    keepNames: true,
    /* The map's sources are relative to the output file's directory: the boot directory. */
    outfile: join(base, `${name}.bundle.js`),
    sourcemap: 'external',
    sourcesContent: false,
    logLevel: 'silent',
    ...(resolveDir === undefined ? {} : { absWorkingDir: resolveDir }),
  }).catch((error: unknown) => {
    const errors = (error as { errors?: Message[] }).errors;
    if (errors === undefined || errors.length === 0) throw new InvalidBinary(`${name}: ${String(error)}`);
    throw new InvalidBinary(errors.map((message) => describe(message, resolveDir)).join('\n'));
  });
  const output = (result: { outputFiles: { path: string; text: string }[] }, suffix: string) =>
    result.outputFiles.find((file) => file.path.endsWith(suffix))?.text ?? '';
  /* An injected file is bundled whether used or not: only a bundle that names Buffer is made again with it. */
  let result = await once([]);
  if (/\bBuffer\b/.test(output(result, '.bundle.js'))) result = await once([BUFFER_INJECT]);
  /* sesSafe's escapes lengthen a few literals: a frame after one on its line maps a few columns off. */
  const code = sesSafe(output(result, '.bundle.js'));
  const files = Object.keys(result.metafile.inputs)
    /* Not the module itself, nor "(disabled):…" and other namespaces: files only. */
    .filter((input) => input !== name && !/^[<(]/.test(input))
    .map((input) => (isAbsolute(input) ? input : join(base, input)))
    .filter((path) => path !== BUFFER_INJECT);
  const inputs = await Promise.all(files.map(async (path) => {
    const found = await stat(path);
    return { path, size: found.size, mtimeMs: found.mtimeMs };
  }));
  return { code, globals: globalsNamed(code), inputs, map: sourceMap(output(result, '.bundle.js.map'), name, base, resolveDir) };
}

/* esbuild's map of a bundle with its sources as shownPath names them. */
function sourceMap(text: string, name: string, base: string, resolveDir: string | undefined): BundleMap | undefined {
  if (text === '') return undefined;
  const map = JSON.parse(text) as { sources: string[] };
  const main = map.sources.indexOf(name);
  const sources = map.sources.map((path, index) => (index === main ? name : shownPath(resolve(base, path), resolveDir)));
  return { json: JSON.stringify({ ...map, sources }), main };
}
