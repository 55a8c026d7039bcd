/*
 * The stacks of a protection domain's errors: the component's own frames,
 * at the places in its own files (through its bundle's source map), and
 * nothing of the host.
 *
 * SES's lockdown leaves V8's stack formatting to a function only the
 * trusted runtime can set (the start compartment's Error); a component's
 * Error.prepareStackTrace is a no-op and its Error.captureStackTrace
 * writes an empty stack. This formatter keeps a frame only if it is the
 * component's: its script (evaluated with the binary's name as
 * sourceURL), a WebAssembly program's functions, and a built-in the
 * component called. The runtime's frames (Nido's, SES's, Node's) go: they
 * say nothing to the component's author, and name the host's paths. So
 * what a component reads in `error.stack` is what its crash report
 * prints: `at inner (client.ts:4:25)`, files relative to the boot
 * directory (bundle.ts names them), and nothing it could not know.
 */

/// <reference types="ses" />
import { scriptMapReader, type SourceMapReader } from './source_map.js';
import type { ScriptMap } from './protocol.js';

/* The parts of V8's CallSite that SES hands a prepareStackTrace (its "safe" facet). */
interface CallSite {
  getScriptNameOrSourceURL(): string | null | undefined;
  getFunctionName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  isNative(): boolean;
  isEval(): boolean;
  toString(): string;
}

/* Where the component's frames are, once it started: its script's name and what the map makes of positions in it. */
interface Script {
  readonly file: string;
  readonly map: ScriptMap | undefined;
  reader?: SourceMapReader | null;
}

let script: Script | undefined;

/** Makes `file` (the sourceURL the component's script was evaluated with) the component's frames, mapped through `map`. */
export function attachComponentScript(file: string, map: ScriptMap | undefined): void {
  script = { file, map };
}

/* The map's reader, read from the shared JSON the first time a frame needs it (null: no usable map). */
function readerOf(current: Script): SourceMapReader | null {
  if (current.reader === undefined) current.reader = (current.map === undefined ? undefined : scriptMapReader(current.map)) ?? null;
  return current.reader;
}

/*
 * A frame of the component's script as it shows: V8's text with the
 * bundle's position replaced by the original one. A function without a
 * name is shown as V8 shows one in a file (`at client.ts:9:20`), not as
 * `eval`, which only says that the runtime evaluated the script.
 */
function componentFrame(site: CallSite, current: Script): string {
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  const text = String(site);
  if (line === null || column === null) return text;
  const bundled = `${current.file}:${line}:${column}`;
  const original = readerOf(current)?.original(line, column);
  const shown = original === undefined ? bundled : `${original.source}:${original.line}:${original.column}`;
  /* V8 names a function without a name in evaluated code `eval`. */
  const name = site.getFunctionName();
  if ((name === null || name === 'eval') && /^(?:async )?eval \(/.test(text)) return `${text.startsWith('async ') ? 'async ' : ''}${shown}`;
  const at = text.lastIndexOf(bundled);
  return at < 0 ? text : text.slice(0, at) + shown + text.slice(at + bundled.length);
}

type Kind = 'component' | 'builtin' | 'host';

function kindOf(site: CallSite, current: Script | undefined): Kind {
  const file = site.getScriptNameOrSourceURL();
  if (current !== undefined && file === current.file) return 'component';
  /* A WebAssembly program's functions: the C program's own frames (its trap names them). */
  if (typeof file === 'string' && file.startsWith('wasm://')) return 'component';
  if (file === null || file === undefined || file === '') return site.isNative() || !site.isEval() ? 'builtin' : 'host';
  return 'host';
}

/* The header V8 would write: `Name: message`, without running anything that could fail the stack's formatting. */
function header(error: unknown): string {
  try {
    return String(error);
  } catch {
    return 'Error: <unprintable>';
  }
}

function formatStack(error: unknown, sites: readonly CallSite[]): string {
  const current = script;
  const kinds = sites.map((site) => kindOf(site, current));
  const lines: string[] = [];
  for (const [index, site] of sites.entries()) {
    const kind = kinds[index];
    if (kind === 'host') continue;
    /* A built-in shows where the component called it (Array.map between two of its frames), not where the runtime did. */
    if (kind === 'builtin' && kinds.slice(index + 1).find((next) => next !== 'builtin') !== 'component') continue;
    const text = kind === 'component' && current !== undefined && site.getScriptNameOrSourceURL() === current.file
      ? componentFrame(site, current)
      : String(site);
    lines.push(`\n    at ${text}`);
  }
  return header(error) + lines.join('');
}

/** Installs the formatter for every error of this worker (call once, after lockdown). */
export function installStackTraces(): void {
  Error.prepareStackTrace = (error: unknown, sites: unknown) => {
    try {
      return formatStack(error, Array.isArray(sites) ? sites as CallSite[] : []);
    } catch {
      return header(error);
    }
  };
}
