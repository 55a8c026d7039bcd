/*
 * The WebAssembly facade for a reactor's driver, and openWasiSystem: a
 * reactor instantiated through the facade runs on a WasiSystem set up
 * from a config, as the ruby component drives ruby.wasm.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceDenied } from '../../base/errors.js';
import { parseXml } from '../../util/xml.js';
import { LibcConfigError } from './errors.js';
import { openWasiSystem, type LibcEnv } from './open_wasi_system.js';
import { compileWasm } from './run_wasm.js';
import { WASI_MODULE } from './wasi_system.js';
import { webAssemblyFacade, type InstanceTest } from './webassembly_facade.js';
import type { WasmImports } from './webassembly.js';
import { MemoryVfs } from './test/memory_vfs.js';
import { wasmBinary } from './test/wasm_harness.js';

/* `value instanceof test` as the driver writes it (TypeScript wants a constructor on the right). */
const isA = (value: unknown, test: InstanceTest): boolean => test[Symbol.hasInstance](value);

/* (module (func (export "boom") unreachable)) */
const TRAP = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x08, 0x01, 0x04, 0x62, 0x6f, 0x6f, 0x6d, 0x00, 0x00,
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
]);

/* An env without a Timer route: the system runs without clocks, with a warning. */
function envWithoutTimer(warnings: string[]): LibcEnv {
  return {
    connect: (iface) => Promise.reject(new ServiceDenied(`no ${iface.name} route`)),
    syncClient: () => { throw new Error('no session to call'); },
    warning: (...parts) => { warnings.push(parts.join(' ')); },
  };
}

test('a reactor instantiated through the facade runs on a WasiSystem from its config; close releases its streams', async () => {
  const module = await compileWasm(wasmBinary('greeter_reactor'), 'greeter_reactor');
  const vfs = new MemoryVfs();
  vfs.writeFile('/out', '');
  const warnings: string[] = [];
  const config = parseXml('<config><arg value="greeter"/><env key="WHO" value="ruby"/><libc stdout="/out"/></config>');
  const opened = await openWasiSystem(envWithoutTimer(warnings), config, vfs, { name: 'greeter' });
  assert.deepEqual(opened.config.args, ['greeter']);
  assert.deepEqual(warnings, ['libc: no Timer session (no Timer route); greeter runs without monotonic clock and sleep']);

  const instance = await webAssemblyFacade.instantiate(module, { [WASI_MODULE]: opened.system.wasiImport });
  assert.ok(isA(instance, webAssemblyFacade.Instance));
  assert.ok(isA(module, webAssemblyFacade.Module));
  assert.ok(!isA(module, webAssemblyFacade.Instance));
  assert.ok(!isA(instance, webAssemblyFacade.Module));
  opened.system.initialize(instance);
  const greet = instance.exports['greet'] as (times: number) => number;
  assert.equal(greet(2), 2);
  assert.equal(new TextDecoder().decode(vfs.readFile('/out')), 'hello 1 from ruby\nhello 2 from ruby\n');

  await opened.close();
  greet(1);
  assert.equal(new TextDecoder().decode(vfs.readFile('/out')), 'hello 1 from ruby\nhello 2 from ruby\n', 'stdout was closed with the system');
});

test('instantiate refuses bytes: compiling goes through compileWasm', async () => {
  await assert.rejects(webAssemblyFacade.instantiate(wasmBinary('greeter_reactor') as never, {}), TypeError);
});

test('a trap is a RuntimeError to the facade; other errors are not', async () => {
  const instance = await webAssemblyFacade.instantiate(await compileWasm(TRAP, 'trap'), {} satisfies WasmImports);
  let trap: unknown;
  try {
    (instance.exports['boom'] as () => void)();
  } catch (error) {
    trap = error;
  }
  assert.ok(isA(trap, webAssemblyFacade.RuntimeError));
  assert.ok(!isA(new Error('unreachable'), webAssemblyFacade.RuntimeError));
});

test('a relative <libc> path is a LibcConfigError, and no Timer session is asked for', async () => {
  let connects = 0;
  const env: LibcEnv = { ...envWithoutTimer([]), connect: () => { connects++; return Promise.reject(new ServiceDenied('none')); } };
  await assert.rejects(openWasiSystem(env, parseXml('<config><libc stdout="out"/></config>'), new MemoryVfs()), LibcConfigError);
  assert.equal(connects, 0);
});
