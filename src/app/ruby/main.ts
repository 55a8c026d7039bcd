/*
 * ruby: CRuby (ruby.wasm, from @ruby/3.4-wasm-wasi) as a component, run
 * like the `ruby` command on the component's VFS (issue 5):
 *
 *   <start name="ruby" caps="200" ram="160M">
 *     <config>
 *       <arg value="ruby"/> <arg value="/script/hello.rb"/>
 *       <vfs>
 *         <dir name="dev"> <log/> </dir>
 *         <dir name="script"> <tar name="scripts.tar"/> </dir>
 *         <dir name="tmp"> <ram/> </dir>
 *       </vfs>
 *       <libc stdout="/dev/log" stderr="/dev/log"/>
 *     </config>
 *   </start>
 *
 * The interpreter is the ROM module `ruby.wasm` (the one with the
 * standard library inside, which Nido ships). It is a WASI reactor, driven
 * by @ruby/wasm-wasi's RubyVM, bundled into this component, with the C
 * runtime's WasiSystem as its system interface: every file, clock and
 * stream Ruby touches is the component's VFS and sessions. The program's
 * exit status is the component's exit value.
 */

import {
  compileWasm, createVfs, NidoError, openWasiSystem, Rom, RomModuleMissing, webAssemblyFacade, type Env, type WasmModule,
} from 'nido';
import { RubyVM } from '@ruby/wasm-wasi';
import { rubyCommandLine } from './command_line.js';
import { runnerSource } from './runner.js';

/* The ROM module of the interpreter; a route by label (`label="ruby.wasm"`) can give another. */
const RUBY_MODULE = 'ruby.wasm';
const ROM_SESSION_RAM = 8 * 1024;

/* The interpreter, compiled from its ROM module; the ROM session ends once V8 has its own copy. */
async function rubyModule(env: Env): Promise<WasmModule> {
  const rom = await env.connect(Rom, { label: RUBY_MODULE, ram: ROM_SESSION_RAM, caps: 2 });
  try {
    const dataspace = await rom.client.dataspace();
    if (dataspace === undefined) throw new RomModuleMissing(`ROM module "${RUBY_MODULE}" does not exist`);
    return await compileWasm(new Uint8Array(dataspace.buffer, 0, dataspace.size), RUBY_MODULE);
  } finally {
    await rom.close();
  }
}

/*
 * Nido's typed failures (a bad config, the interpreter's ROM missing, its
 * memory outgrowing the RAM, a command line the reactor cannot run) and
 * traps are the user's to fix: their message alone, under the component's
 * label, says what. Anything else is a bug and keeps its stack.
 */
function userFailure(error: unknown): error is Error {
  return error instanceof NidoError || webAssemblyFacade.RuntimeError[Symbol.hasInstance](error);
}

export async function construct(env: Env): Promise<void> {
  let status: number;
  try {
    status = await run(env);
  } catch (error) {
    if (!userFailure(error)) throw error;
    env.error(`${error.name}: ${error.message}`);
    status = 1;
  }
  env.exit(status);
}

/* Runs the program of the config; answers its exit status. */
async function run(env: Env): Promise<number> {
  /* The interpreter's 30 MB come and compile while the config is read and the VFS built. */
  const compiled = rubyModule(env);
  /* Settled here too, so that a failure while the VFS is built is not an unhandled rejection. */
  compiled.catch(() => undefined);
  const config = await env.config();
  const vfs = await createVfs(env, config.xml.child('vfs'));
  try {
    const module = await compiled;
    /* Linear memory is no dataspace: it may grow to the RAM the PD has left once its sessions are paid. */
    const memoryLimit = (await env.pd.quota()).ram.avail;
    const opened = await openWasiSystem(env, config.xml, vfs, { name: 'ruby', memoryLimit });
    try {
      const command = rubyCommandLine(opened.config.args, opened.config.cwd);
      const { vm } = await RubyVM.instantiateModule({ module, wasip1: opened.system, args: [...command.init] });
      return Number(vm.eval(runnerSource(command.program)).toString());
    } finally {
      await opened.close();
    }
  } finally {
    await vfs.close();
  }
}
