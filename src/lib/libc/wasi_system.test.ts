import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../util/xml.js';
import { Clocks } from './clock.js';
import { cryptoEntropy } from './entropy.js';
import { InvalidWasmBinary } from './errors.js';
import { libcConfig } from './libc_config.js';
import { compileWasm } from './run_wasm.js';
import { openStandardStreams } from './standard_streams.js';
import { WASI_MODULE, WasiSystem } from './wasi_system.js';
import { WebAssemblyApi } from './webassembly.js';
import { MemoryVfs } from './test/memory_vfs.js';
import { wasmBinary } from './test/wasm_harness.js';

async function reactor(config: string): Promise<{ system: WasiSystem; vfs: MemoryVfs; exports: Readonly<Record<string, unknown>> }> {
  const vfs = new MemoryVfs();
  vfs.writeFile('/out', '');
  const libc = libcConfig(parseXml(config));
  const warnings: string[] = [];
  const system = new WasiSystem({
    vfs, clocks: new Clocks(undefined, () => undefined), entropy: cryptoEntropy(), args: libc.args, environ: libc.environ,
    standardStreams: openStandardStreams(vfs, libc, (w) => warnings.push(w)), warn: (w) => warnings.push(w),
  });
  const module = await compileWasm(wasmBinary('greeter_reactor'), 'greeter_reactor');
  const instance = await WebAssemblyApi.instantiate(module, { [WASI_MODULE]: system.wasiImport });
  assert.deepEqual(warnings, []);
  return { system, vfs, exports: (system.initialize(instance), instance.exports) };
}

test('a reactor is initialized once, then its exports run on the system interface', async () => {
  const { system, vfs, exports } = await reactor('<config><env key="WHO" value="nido"/><libc stdout="/out"/></config>');
  const greet = exports['greet'] as (times: number) => number;
  assert.equal(greet(2), 2);
  assert.equal(greet(1), 3);
  assert.equal(new TextDecoder().decode(vfs.readFile('/out')), 'hello 1 from nido\nhello 2 from nido\nhello 3 from nido\n');
  system.close();
});

test('a reactor has no _start; a system runs one instance', async () => {
  const { system } = await reactor('<config/>');
  assert.throws(() => system.start({ exports: {} }), InvalidWasmBinary);
});
