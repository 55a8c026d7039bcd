/*
 * What a crashed component's report says besides its error.
 *
 * - Its stack without the host's frames (the PD runtime, SES, Node's
 *   internals): they say nothing to the component's author and name
 *   paths of the host. The component's own frames carry its binary's
 *   name (`at construct (app:12:5)`).
 * - For a crash on a line that uses one of Node's globals: which package
 *   (or which file of the component's own) did, found in the bundle by
 *   the module comments esbuild puts before each module's code
 *   (`// node_modules/ms/index.js`). Such code fails at run time rather
 *   than when the component is bundled: `typeof process` is how packages
 *   find out where they run, and code that tests first takes its browser
 *   path (docs/component-api.md, "npm packages"). In a compartment a name
 *   no global has reads as undefined, so the crash is mostly a TypeError
 *   (`reading 'cwd'`): the line the stack's first frame of the component
 *   points at is what names the global.
 */

import { packageOf } from '../bundle.js';

const NODE_GLOBAL = /(?<![.\w$])(process|__dirname|__filename|setImmediate|clearImmediate)(?![\w$])/;

/** `stack` without the host's frames. */
export function componentStack(stack: string): string {
  return stack.split('\n').filter((line) => !/^\s+at .*(?:file:\/\/|node:|\(\/|\bat \/|ses\.js:)/.test(line)).join('\n');
}

/** The module of the bundle `code` that line `line` (1-based) belongs to, as esbuild named it. */
function moduleAt(code: string, line: number): string | undefined {
  const lines = code.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const named = /^\/\/ (\S+)$/.exec(lines[i] as string);
    if (named !== null && !(named[1] as string).startsWith('<')) return named[1];
  }
  return undefined;
}

/** A line for the crash report of `stack`, or '' where the crash did not happen on a line that names a Node global. */
export function nodeGlobalHint(stack: string, code: string, filename: string): string {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = Number(new RegExp(`[( ]${escaped}:(\\d+):\\d+\\)?$`, 'm').exec(stack)?.[1] ?? 0);
  const global = line > 0 ? NODE_GLOBAL.exec(code.split('\n')[line - 1] ?? '')?.[1] : undefined;
  if (global === undefined) return '';
  const module = moduleAt(code, line);
  const name = module === undefined ? undefined : packageOf(module);
  const who = name !== undefined ? `package "${name}" (${module})` : module !== undefined ? `"${module}"` : `"${filename}"`;
  return `\n${who} uses Node's \`${global}\`, which a component does not have: it has the web platform's globals `
    + '(docs/component-api.md, "npm packages")';
}
