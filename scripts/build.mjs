// Builds Nido: every TypeScript file under src/, bench/ and test/ is transpiled
// one-to-one into dist/ (ES modules), and every component under
// src/{server,app,test}/NAME/main.ts is bundled into dist/components/NAME.js,
// the binary that core's ROM service hands out under the name NAME.
// The C programs (wasm/build.mjs) and ports (ports/build.mjs) in dist/wasm
// are kept; scripts/programs.mjs builds what is missing of them.
import { build } from 'esbuild';
import { transforms } from 'ses/tools.js';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

/* The dashboard's page is bundled for the browser below, not transpiled for Node. */
const PAGE_DIR = join(root, 'src', 'dashboard', 'page');

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && path === PAGE_DIR) continue;
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

async function exists(path) {
  try { await stat(path); return true; } catch { return false; }
}

/* src/X lands in dist/X; bench/ and test/ in dist/bench and dist/test. */
const trees = [
  { dir: 'src', outdir: join(root, 'dist') },
  { dir: 'bench', outdir: join(root, 'dist', 'bench') },
  { dir: 'test', outdir: join(root, 'dist', 'test') },
];
/*
 * dist/ is made anew (a file whose source went must not linger, a test
 * least of all), except dist/wasm: the C programs and ports that
 * wasm/build.mjs and ports/build.mjs put there took clang and minutes to
 * make, and a machine without clang could not make them again.
 */
async function emptyDist() {
  const entries = await readdir(join(root, 'dist')).catch(() => []);
  await Promise.all(entries.filter((entry) => entry !== 'wasm').map((entry) => rm(join(root, 'dist', entry), { recursive: true, force: true })));
}
await emptyDist();
let modules = 0;
for (const { dir, outdir } of trees) {
  if (!(await exists(join(root, dir)))) continue;
  const sources = await walk(join(root, dir));
  modules += sources.length;
  await build({
    entryPoints: sources,
    outdir,
    outbase: join(root, dir),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/* Components are bundled: one self-contained module per binary, importing
 * only the 'nido' base library that every protection domain links. */
const components = [];
for (const kind of ['server', 'app', 'test']) {
  const dir = join(root, 'src', kind);
  if (!(await exists(dir))) continue;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const main = join(dir, entry.name, 'main.ts');
    if (entry.isDirectory() && (await exists(main))) components.push({ name: entry.name, main });
  }
}
/* A component whose bundle needs more (third-party code that expects
 * globals its compartment lacks, say) has a bundle.mjs beside its main.ts,
 * whose default export is further esbuild options. */
const bundleOptions = async (main) => {
  const options = join(main, '..', 'bundle.mjs');
  return (await exists(options)) ? (await import(pathToFileURL(options).href)).default : {};
};
await Promise.all(components.map(async ({ name, main }) => build({
  ...(await bundleOptions(main)),
  entryPoints: [main],
  outfile: join(root, 'dist', 'components', `${name}.js`),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2023',
  external: ['nido'],
  keepNames: true,
  /* NAME.js.map beside it, not inside (the ROM module stays the code): core maps a crashed component's frames through it to src/. */
  sourcemap: 'external',
  sourcesContent: false,
  logLevel: 'warning',
})));
/* SES refuses to evaluate source text that may hold an HTML comment, a
 * dynamic import or a direct eval, comments and strings included: a bundle
 * that would be refused at start fails the build instead. */
for (const { name } of components) {
  const bundle = await readFile(join(root, 'dist', 'components', `${name}.js`), 'utf8');
  try {
    for (const reject of [transforms.rejectHtmlComments, transforms.rejectImportExpressions, transforms.rejectSomeDirectEvalExpressions]) {
      reject(`${bundle}\n//# sourceURL=dist/components/${name}.js`);
    }
  } catch (error) {
    console.error(`component ${name}: ${error.message}`);
    process.exit(1);
  }
}
/* Core transforms a component's module into the script its compartment
 * evaluates and keeps the result on disk: done here for the shipped
 * components, a run that starts only those never loads esbuild. */
const { loadBinary } = await import(pathToFileURL(join(root, 'dist', 'core', 'binary.js')).href);
for (const { name } of components) {
  await loadBinary(await readFile(join(root, 'dist', 'components', `${name}.js`), 'utf8'), `${name}.js`);
}
/* The PD runtime is bundled too: a protection domain starts by loading one
 * file instead of resolving, reading and compiling dozens of modules from
 * dist/. Everything it imports (the 'nido' base library, saxes) is inside,
 * once, so the library a component gets is the one the runtime uses. */
await build({
  entryPoints: [join(root, 'src', 'core', 'pd', 'worker_main.ts')],
  outfile: join(root, 'dist', 'core', 'pd', 'runtime.js'),
  bundle: true,
  /* The libraries (vfs, libc) import 'nido': the same sources the runtime imports, not a second copy from dist/. */
  alias: { nido: join(root, 'src', 'base', 'index.ts') },
  /* Errors cross protection domains by class name: bundling must not rename a class. */
  keepNames: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
/* The dashboard's page (nido run --ui): one script and one style sheet
 * (xterm.js's included) that core's dashboard serves. */
await build({
  entryPoints: { page: join(PAGE_DIR, 'main.tsx') },
  outdir: join(root, 'dist', 'dashboard', 'page'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  logLevel: 'warning',
});
/* Shipped WebAssembly modules that come from npm packages rather than
 * wasm/src: core's ROM service finds them in dist/wasm by name. The ruby
 * component's interpreter is ruby.wasm with the standard library inside. */
const packagedModules = [{ from: '@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm', name: 'ruby.wasm' }];
await mkdir(join(root, 'dist', 'wasm'), { recursive: true });
for (const { from, name } of packagedModules) {
  await copyFile(createRequire(import.meta.url).resolve(from), join(root, 'dist', 'wasm', name));
}
console.log(`built ${modules} modules, ${components.length} components (${relative(process.cwd(), join(root, 'dist')) || 'dist'})`);
