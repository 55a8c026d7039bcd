/*
 * Runs every smoke test of the npm compatibility suite in plain Node, with
 * no sandbox: each smoke component is bundled the way core bundles a
 * component (esbuild, platform 'browser', 'nido' external, process.env
 * defined empty), imported from a data: URL and constructed with a fake
 * env. This checks the tests themselves; the sandboxed run is core's.
 *
 *   node test/npm/verify_node.mjs [name-substring ...]
 *
 * Prints one line per package and a closing 'N passed, N failed' line, and
 * exits non-zero when any failed. Also lists, per package, the constructs in
 * its bundle that may matter inside a frozen-intrinsics compartment.
 */

import { build } from 'esbuild';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const packages = JSON.parse(await readFile(join(here, 'packages.json'), 'utf8'));
const filters = process.argv.slice(2);

/* Every smoke file must be listed, and every listed one must exist. */
const files = (await readdir(here)).filter((f) => f.endsWith('.js'));
const listed = new Set(packages.map((p) => p.smoke));
for (const f of files) if (!listed.has(f)) throw new Error(`${f} is not listed in packages.json`);

/* Source patterns worth a look under SES lockdown (frozen intrinsics, no process/setImmediate). */
const hazards = [
  ['process.nextTick', /\bprocess\.nextTick\b/],
  ['process (other)', /\bprocess\.(?!env\b|nextTick\b)\w+/],
  ['setImmediate', /\bsetImmediate\b/],
  ["Function('return this')", /Function\(\s*["']return this["']\s*\)/],
  ['new Function / Function(...)', /\bnew Function\b|[^\w.]Function\(\s*[^)]/],
  ['eval(', /(?<![\w.])eval\(/],
  ['with (', /\bwith\s*\([\w$]+\)\s*\{/],
  ['Buffer', /\bBuffer\b/],
  ['fetch(', /(?<![\w.])fetch\(/],
  ['SharedArrayBuffer/Atomics', /\bSharedArrayBuffer\b|\bAtomics\b/],
  ['built-in prototype write', /\b(?:Object|Array|String|Function|Number|Date|RegExp|Promise|Error|Map|Set|Symbol)\.prototype\.[\w$]+\s*=[^=]/],
  ['Error.captureStackTrace', /Error\.captureStackTrace/],
  ['Date.now() / new Date()', /\bDate\.now\(\)|new Date\(\)/],
];

let passed = 0;
let failed = 0;
for (const entry of packages) {
  if (filters.length && !filters.some((f) => entry.package.includes(f))) continue;
  const want = `ok ${entry.package}`;
  const logs = [];
  let exitCode;
  let notes = '';
  try {
    const result = await build({
      entryPoints: [join(here, entry.smoke)],
      absWorkingDir: repoRoot,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      external: ['nido'],
      define: { 'process.env.NODE_ENV': '"production"', 'process.env': '{}', global: 'globalThis' },
      alias: { path: 'path-browserify' },
    });
    const code = result.outputFiles[0].text;
    notes = hazards.filter(([, re]) => re.test(code)).map(([name]) => name).join(', ');
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    if (typeof mod.construct !== 'function') throw new Error('no construct export');
    const env = {
      log: (line) => logs.push(String(line)),
      exit: (code) => {
        if (exitCode !== undefined) throw new Error('exit called twice');
        exitCode = code;
      },
      warning: (line) => console.log(`  [${entry.package} warning] ${line}`),
      error: (line) => console.log(`  [${entry.package} error] ${line}`),
    };
    await mod.construct(env);
    /* A test may finish after construct resolves (timers): give it a moment. */
    for (let i = 0; i < 100 && exitCode === undefined; i++) await new Promise((r) => setTimeout(r, 20));
    if (exitCode !== 0) throw new Error(`exit ${exitCode}`);
    if (logs.length !== 1 || logs[0] !== want) throw new Error(`logged ${JSON.stringify(logs)}, want [${JSON.stringify(want)}]`);
    passed++;
    console.log(`ok   ${entry.package}@${entry.version} (${Math.round(code.length / 1024)} KiB)${notes ? `  [bundle has: ${notes}]` : ''}`);
  } catch (e) {
    failed++;
    /* The bundle's data: URL would fill the screen: stack frames name it <bundle>. */
    const message = e?.errors?.length
      ? e.errors.map((x) => `${x.text}${x.location ? ` (${x.location.file}:${x.location.line})` : ''}`).join('; ')
      : String(e?.stack ?? e).replace(/data:text\/javascript;base64,[A-Za-z0-9+/=]+/g, '<bundle>');
    console.log(`FAIL ${entry.package}@${entry.version}: ${message}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
