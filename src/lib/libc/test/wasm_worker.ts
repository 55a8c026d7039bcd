/*
 * Worker side of the C runtime's tests: a stand-in for a protection
 * domain. It locks the realm down as the PD runtime does, builds the
 * in-memory VFS a test describes, takes a Timer capability served by the
 * test's main thread (so blocking calls really cross threads through the
 * synchronous path) and runs a binary with runWasm.
 */

import { parentPort, workerData, MessageChannel } from 'node:worker_threads';
import { Ipc } from '../../../base/ipc.js';
import { ServiceDenied } from '../../../base/errors.js';
import type { Capability } from '../../../base/capability.js';
import type { Port } from '../../../base/port.js';
import { parseXml } from '../../../util/xml.js';
import { compileWasm, runWasm, type LibcEnv } from '../run_wasm.js';
import { MemoryVfs, ScriptedTerminal } from './memory_vfs.js';
import type { WorkerRequest, WorkerResult } from './wasm_harness.js';

const request = workerData as WorkerRequest;
const port = parentPort;
if (port === null) throw new Error('wasm_worker runs in a worker thread');

await import('ses');
lockdown({ errorTaming: 'unsafe', stackFiltering: 'verbose', consoleTaming: 'unsafe', errorTrapping: 'none',
  unhandledRejectionTrapping: 'none', domainTaming: 'unsafe', overrideTaming: 'moderate' });

const vfs = new MemoryVfs();
for (const dir of request.fixture.dirs ?? []) vfs.mkdirs(dir);
for (const [path, content] of Object.entries(request.fixture.files ?? {})) vfs.writeFile(path, content);
for (const [path, target] of Object.entries(request.fixture.symlinks ?? {})) vfs.symlink(target, path);
const terminal = request.terminal === undefined ? undefined : new ScriptedTerminal(request.terminal.chunks);
if (request.terminal !== undefined && terminal !== undefined) {
  vfs.mkdirs(request.terminal.path.slice(0, request.terminal.path.lastIndexOf('/')));
  vfs.addDevice(request.terminal.path, terminal);
}

const ipc = new Ipc({
  pd: 2,
  channel: () => new MessageChannel() as unknown as { port1: Port; port2: Port },
  defer: (work) => void setImmediate(work),
});
const timerCap = request.timer === undefined ? undefined : ipc.adopt(request.timer.port as Port, request.timer.badge, request.timer.home);
const warnings: string[] = [];
const env: LibcEnv = {
  async connect<T>(iface: { name: string }) {
    if (iface.name !== 'Timer' || timerCap === undefined) throw new ServiceDenied(`no route for ${iface.name}`);
    return { cap: timerCap as Capability<T>, close: async () => {} };
  },
  syncClient: (iface, cap) => ipc.syncClient(iface, cap),
  warning: (...parts) => void warnings.push(parts.join(' ')),
};

const result: WorkerResult = { files: {}, warnings };
try {
  const module = await compileWasm(request.binary, request.name);
  result.exitCode = await runWasm(env, module, parseXml(request.config), vfs, { name: request.name });
} catch (error) {
  result.error = error instanceof Error ? { name: error.name, message: error.message } : { name: 'unknown', message: String(error) };
}
for (const path of request.collect) {
  try {
    result.files[path] = new TextDecoder().decode(vfs.readFile(path));
  } catch {
    /* a file the program removed or never wrote */
  }
}
if (terminal !== undefined) result.terminal = terminal.text;
port.postMessage(result);
if (timerCap !== undefined) ipc.release(timerCap);
