/*
 * What a crashed component's report says besides its error.
 *
 * - Its stack without the host's frames (the PD runtime, SES, Node's
 *   internals): they say nothing to the component's author and name
 *   paths of the host. The runtime formats stacks so already
 *   (stack_trace.ts): the component's frames at their places in its
 *   files (`at construct (app.ts:12:5)`); this is the second line.
 * - For a crash on a line that uses one of Node's globals: which package
 *   (or which file of the component's own) did, found in the bundle by
 *   the module comments esbuild puts before each module's code
 *   (`// node_modules/ms/index.js`). Such code fails at run time rather
 *   than when the component is bundled: `typeof process` is how packages
 *   find out where they run, and code that tests first takes its browser
 *   path (docs/component-api.md, "npm packages"). In a compartment a name
 *   no global has reads as undefined, so the crash is mostly a TypeError
 *   (`reading 'cwd'`): the bundle's line the stack's first frame of the
 *   component comes from (back through the source map) names the global.
 */

import { packageOf } from '../bundle.js';

const NODE_GLOBAL = /(?<![.\w$])(process|__dirname|__filename|setImmediate|clearImmediate)(?![\w$])/;

/** `stack` without the host's frames (the PD runtime leaves them out already: stack_trace.ts; this is for a stack it did not format). */
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

/** Goes back from a frame's place in an original file (as the stack shows it) to its line in the bundle. */
export type BundleLine = (file: string, line: number, column: number) => number | undefined;

/* The line in the bundle of the stack's first frame that has one (its own, or found back through the map). */
function crashLine(stack: string, filename: string, back: BundleLine | undefined): number {
  for (const frame of stack.matchAll(/^\s+at (?:.*\()?(.+?):(\d+):(\d+)\)?$/gm)) {
    const [, file = '', line = '0', column = '0'] = frame;
    if (file === filename) return Number(line);
    const found = back?.(file, Number(line), Number(column));
    if (found !== undefined) return found;
  }
  return 0;
}

/** A line for the crash report of `stack`, or '' where the crash did not happen on a line that names a Node global. */
export function nodeGlobalHint(stack: string, code: string, filename: string, back?: BundleLine): string {
  const line = crashLine(stack, filename, back);
  const global = line > 0 ? NODE_GLOBAL.exec(code.split('\n')[line - 1] ?? '')?.[1] : undefined;
  if (global === undefined) return '';
  const module = moduleAt(code, line);
  const name = module === undefined ? undefined : packageOf(module);
  const who = name !== undefined ? `package "${name}" (${module})` : module !== undefined ? `"${module}"` : `"${filename}"`;
  return `\n${who} uses Node's \`${global}\`, which a component does not have: it has the web platform's globals `
    + '(docs/component-api.md, "npm packages")';
}
