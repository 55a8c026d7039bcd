/*
 * The baseline of the Ruby benchmark (ruby.ts): the same ruby.wasm as the
 * ruby component's (dist/wasm/ruby.wasm), driven by @ruby/wasm-wasi's
 * RubyVM on node:wasi in a plain Node process, with the component's own
 * command line split and runner, so that both run the very same Ruby
 * code. Ruby's standard streams are this process's.
 *
 *   node dist/bench/ruby_reference.js ruby -e 'puts 1'
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { RubyVM } from '@ruby/wasm-wasi';
import { distDir, load } from './dist.js';

type CommandLine = typeof import('../src/app/ruby/command_line.js');
type Runner = typeof import('../src/app/ruby/runner.js');
type WasmApi = typeof import('../src/lib/libc/webassembly.js');

const { rubyCommandLine } = await load<CommandLine>('app/ruby/command_line.js');
const { runnerSource } = await load<Runner>('app/ruby/runner.js');
const { WebAssemblyApi } = await load<WasmApi>('lib/libc/webassembly.js');

const command = rubyCommandLine(process.argv.slice(2));
const module = await WebAssemblyApi.compile(await readFile(join(distDir, 'wasm', 'ruby.wasm')));
const wasi = new WASI({ version: 'preview1', args: [], env: {}, stdin: 0, stdout: 1, stderr: 2, returnOnExit: true });
const { vm } = await RubyVM.instantiateModule({ module, wasip1: wasi, args: [...command.init] });
process.exitCode = Number(vm.eval(runnerSource(command.program)).toString());
