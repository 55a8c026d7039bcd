// Runs a program that a port built for its own build (bc's fbc, which
// compiles bc's math library) under node:wasi: a cross build cannot
// execute what it compiles, but Node can. A child process of the driver,
// so that node:wasi's exit and its descriptors end with it.
//
//   node --no-warnings wasm_tool.mjs BINARY ROOT ARGV0 ARGS...
//
// ROOT is the program's `/` and its working directory; standard streams
// are the process's.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const [binary, root, ...args] = process.argv.slice(2);
if (binary === undefined || root === undefined || args.length === 0) {
  console.error('usage: wasm_tool.mjs BINARY ROOT ARGV0 ARGS...');
  process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args, env: { PWD: '/' }, preopens: { '/': root }, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(binary));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
