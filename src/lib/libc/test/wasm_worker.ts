/*
 * Worker side of the C runtime's tests: a stand-in for a protection
 * domain. It locks the realm down as the PD runtime does, builds the
 * VFS a test describes (a minimal in-memory one, or the VFS library's
 * from a `<vfs>` config), takes a Timer capability served by the
 * test's main thread (so blocking calls really cross threads through the
 * synchronous path) and runs a binary with runWasm.
 */

import { parentPort, workerData, MessageChannel } from 'node:worker_threads';
import { Ipc } from '../../../base/ipc.js';
import { ServiceDenied } from '../../../base/errors.js';
import type { Capability } from '../../../base/capability.js';
import type { Port } from '../../../base/port.js';
import type { SyncClient } from '../../../base/interface.js';
import { Timer } from '../../../session/timer/interface.js';
import { parseXml } from '../../../util/xml.js';
import { compileWasm, runWasm, type LibcEnv } from '../run_wasm.js';
import { MemoryVfs, ScriptedTerminal } from './memory_vfs.js';
import { Errno, VfsError, type Vfs } from '../../vfs/interface.js';
import { readText, TestServices, vfsFrom } from '../../vfs/test_services.js';
import type { WorkerRequest, WorkerResult } from './wasm_harness.js';

const request = workerData as WorkerRequest;
const port = parentPort;
if (port === null) throw new Error('wasm_worker runs in a worker thread');

await import('ses');
lockdown({ errorTaming: 'unsafe', stackFiltering: 'verbose', consoleTaming: 'unsafe', errorTrapping: 'none',
  unhandledRejectionTrapping: 'none', domainTaming: 'unsafe', overrideTaming: 'moderate' });

/* Creates the fixture through the Vfs interface, so that either VFS can be filled alike. */
function populate(vfs: Vfs, fixture: WorkerRequest['fixture']): void {
  const mkdirs = (path: string) => {
    let walked = '';
    for (const element of path.split('/').filter((e) => e !== '')) {
      walked += `/${element}`;
      try { vfs.mkdir(walked); } catch (error) { if (!(error instanceof VfsError) || error.errno !== Errno.EXIST) throw error; }
    }
  };
  for (const dir of fixture.dirs ?? []) mkdirs(dir);
  for (const [path, content] of Object.entries(fixture.files ?? {})) {
    mkdirs(path.slice(0, path.lastIndexOf('/')));
    const handle = vfs.open(path, { read: false, write: true, create: true, exclusive: false, truncate: true, append: false });
    const data = new TextEncoder().encode(content);
    for (let written = 0; written < data.length;) written += handle.write(data.subarray(written), written);
    handle.close();
  }
  for (const [path, target] of Object.entries(fixture.symlinks ?? {})) vfs.symlink(target, path);
}

let vfs: Vfs;
let terminalText: () => string | undefined = () => undefined;
/* Called after the program slept on its own Timer (poll_oneoff on several descriptors sleeps there). */
let afterTimerSleep: () => void = () => undefined;
let closeVfs = async (): Promise<void> => {};
if (request.vfs === undefined) {
  const memory = new MemoryVfs();
  if (request.terminal !== undefined) {
    const typed = request.terminal.chunks.map((chunk) => {
      if (typeof chunk !== 'string') throw new Error('the in-memory terminal has a fixed size: resize with `vfs` (the <terminal/> plugin)');
      return chunk;
    });
    const terminal = new ScriptedTerminal(typed);
    memory.mkdirs(request.terminal.path.slice(0, request.terminal.path.lastIndexOf('/')));
    memory.addDevice(request.terminal.path, terminal);
    terminalText = () => terminal.text;
  }
  vfs = memory;
} else {
  /* The VFS library with its test services; the user's next step comes whenever the terminal plugin waits. */
  const services = new TestServices();
  const chunks = [...(request.terminal?.chunks ?? [])];
  services.onSleep = () => {
    if (services.terminal.input.length > 0) return;
    const next = chunks.shift();
    if (next === undefined) services.terminal.ended = true;
    else if (typeof next === 'string') services.terminal.type(next);
    else services.terminal.columns = next.columns;
  };
  afterTimerSleep = () => services.onSleep();
  const root = await vfsFrom(request.vfs, services);
  terminalText = () => new TextDecoder().decode(new Uint8Array(services.terminal.output));
  closeVfs = () => root.close();
  vfs = root;
}
populate(vfs, request.fixture);

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
  syncClient: (iface, cap) => {
    const client = ipc.syncClient(iface, cap);
    if (iface.name !== Timer.name) return client;
    /* The user's next step also comes when the program waits on the libc's Timer. */
    const timer = client as unknown as SyncClient<Timer>;
    const watched: SyncClient<Timer> = { ...timer, msleep: (ms) => { timer.msleep(ms); afterTimerSleep(); } };
    return watched as unknown as typeof client;
  },
  warning: (...parts) => void warnings.push(parts.join(' ')),
};

const result: WorkerResult = { files: {}, warnings };
try {
  const module = await compileWasm(request.binary, request.name);
  result.exitCode = await runWasm(env, module, parseXml(request.config), vfs,
    request.memoryLimit === undefined ? { name: request.name } : { name: request.name, memoryLimit: request.memoryLimit });
} catch (error) {
  result.error = error instanceof Error ? { name: error.name, message: error.message } : { name: 'unknown', message: String(error) };
}
for (const path of request.collect) {
  try {
    result.files[path] = readText(vfs, path);
  } catch {
    /* a file the program removed or never wrote */
  }
}
result.terminal = terminalText();
await closeVfs();
port.postMessage(result);
if (timerCap !== undefined) ipc.release(timerCap);
