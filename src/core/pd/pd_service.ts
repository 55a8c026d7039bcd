/*
 * Core's PD service: protection domains and their accounts.
 *
 * A PD session is an account (spec/init.md §3.1) and, once started, a
 * process: a worker whose runtime got the parent capability and nothing
 * else. Closing the session ends the process, frees its dataspaces and
 * hands every remaining byte and cap to the reference account.
 */

import { required } from '../session_costs.js';
import type { Capability } from '../../base/capability.js';
import { dataspaceBytes, dataspaceText, type DataspaceHandle } from '../../base/dataspace.js';
import { NidoError, RomModuleMissing } from '../../base/errors.js';
import type { Ipc } from '../../base/ipc.js';
import { RootComponent } from '../../base/root_component.js';
import { Pd, PD_SESSION_CAPS, PD_SESSION_RAM, type ExitInfo, type MonitorPolicy, type PdQuota } from '../../session/pd/interface.js';
import { Rom } from '../../session/rom/interface.js';
import { Account } from '../account.js';
import { RamCell, ramCell } from '../ram_cells.js';
import { loadBinary, moduleFile, type Script } from '../binary.js';
import { isWasmBinary } from '../../lib/libc/webassembly.js';
import type { Binary, ScriptMap } from './protocol.js';
import { Process, type WorkerPool } from './process.js';
import type { Inspector } from '../inspector.js';
import type { InspectorTarget } from '../inspector_target.js';

export class InvalidPd extends NidoError {}

/* A binary's map as the runtimes share it: made once per bundle (binary.ts keeps bundles while they are used). */
const sharedMaps = new WeakMap<object, SharedArrayBuffer>();

/** The script `script` of binary `name` as a start hands it to the runtime, with its source map. */
async function scriptBinary(script: Script, name: string, bootDir: string): Promise<Binary> {
  const { code, globals, map } = script;
  if (map === undefined) return { kind: 'script', code, globals };
  let json = sharedMaps.get(map);
  if (json === undefined) {
    const bytes = Buffer.from(map.json);
    json = new SharedArrayBuffer(bytes.length);
    new Uint8Array(json).set(bytes);
    sharedMaps.set(map, json);
  }
  const shared: ScriptMap = { json, main: map.main, file: map.main < 0 ? name : await moduleFile(name, bootDir) };
  return { kind: 'script', code, globals, map: shared };
}

export interface PdEnvironment {
  readonly ipc: Ipc;
  readonly pool: WorkerPool;
  readonly liveness: Int32Array;
  /** Reports how a process ended (core logs crashes under the PD's label). */
  ended(label: string, info: ExitInfo): void;
  newPdId(): number;
  /** Every PD session lives in this set until it is closed (core's shutdown closes them all). */
  readonly sessions: Set<PdSession>;
  /** Where a component's imports of npm packages resolve from (core's boot directory). */
  readonly bootDir: string;
  /** Told when a PD session is created, starts its program, ends or is closed (core's dashboard). */
  changed?(pd: PdSession): void;
  /** `nido run --inspect`'s inspector: monitored PDs become its targets (docs/debugging.md). */
  readonly inspector?: Inspector;
}

/** Where a protection domain is in its life, as the dashboard shows it. */
export type PdState = 'starting' | 'alive' | 'exited' | 'crashed' | 'closed';

export class PdSession {
  readonly account: Account;
  readonly pd: number;
  #process: Process | undefined;
  #starting = false;
  #exit: ExitInfo | undefined;
  #exitWaiters: ((info: ExitInfo) => void)[] = [];
  readonly #dataspaces = new Map<number, number>();
  #dataspaceIds = 0;
  readonly #env: PdEnvironment;
  /* Set by the PD that pays for this one (Pd.monitor): a debugger may reach the program. */
  #monitored: MonitorPolicy | undefined;
  #target: InspectorTarget | undefined;

  constructor(env: PdEnvironment, readonly label: string) {
    this.#env = env;
    this.pd = env.newPdId();
    this.account = new Account(label);
    env.sessions.add(this);
    env.changed?.(this);
  }

  get state(): PdState {
    /* Killed by its parent (the session closed) is the orderly end, not a crash. */
    if (this.account.closed || this.#exit?.reason === 'killed') return 'closed';
    if (this.#exit !== undefined) return this.#exit.reason === 'exit' ? 'exited' : 'crashed';
    return this.#process === undefined ? 'starting' : 'alive';
  }

  /** How the program ended, once it did. */
  get exit(): ExitInfo | undefined {
    return this.#exit;
  }

  #session(cap: Capability): PdSession {
    const session = this.#env.ipc.implementation(cap);
    if (!(session instanceof PdSession)) throw new InvalidPd('not a PD session capability');
    return session;
  }

  refAccount(cap: Capability<Pd>): void {
    this.account.ref = this.#session(cap).account;
  }

  transferQuota(to: Capability<Pd>, ram: number, caps: number): void {
    const target = this.#session(to);
    this.account.transfer(target.account, ram, caps);
    this.quotaChanged();
    target.quotaChanged();
  }

  /*
   * Debugging is authority over a program: only the PD that pays for
   * `inferior` (its reference account, so its parent: the monitor that
   * serves its PD session) may grant it; a component cannot mark itself
   * or a sibling, whose reference account is their parent's.
   */
  monitor(inferior: Capability<Pd>, policy: MonitorPolicy): boolean {
    const target = this.#session(inferior);
    if (target === this || target.account.ref !== this.account) {
      throw new InvalidPd(`"${this.label}" cannot monitor "${target.label}": only the PD that pays for it (its parent) can`);
    }
    if (target.#process !== undefined || target.#starting) throw new InvalidPd(`"${target.label}" is started already: a PD is monitored from its start`);
    target.#monitored = { wait: policy.wait === true, stop: policy.stop === true };
    return this.#env.inspector !== undefined;
  }

  /** Whether a monitor asked core to let a debugger reach this PD's program. */
  get monitored(): boolean {
    return this.#monitored !== undefined;
  }

  /** Tells the running program its new capability quota. */
  quotaChanged(): void {
    this.#process?.send({ t: 'caps', quota: this.account.capQuota });
  }

  quota(): PdQuota {
    return this.account.quota();
  }

  alloc(size: number): DataspaceHandle {
    if (!Number.isSafeInteger(size) || size <= 0) throw new InvalidPd(`invalid dataspace size ${size}`);
    this.account.chargeRam(size);
    const id = ++this.#dataspaceIds;
    this.#dataspaces.set(id, size);
    return { id, buffer: new SharedArrayBuffer(size), size };
  }

  free(id: number): void {
    const size = this.#dataspaces.get(id);
    if (size === undefined) return;
    this.#dataspaces.delete(id);
    this.account.releaseRam(size);
  }

  async start(binaryRom: Capability, parent: Capability, name: string): Promise<void> {
    if (this.#starting || this.account.closed) throw new InvalidPd(`PD "${this.label}" cannot be started twice`);
    this.#starting = true;
    const { ipc, pool, liveness } = this.#env;
    const ds = await ipc.client(Rom, binaryRom as Capability<Rom>).dataspace();
    if (ds === undefined) throw new RomModuleMissing(`binary of "${this.label}" is not available`);
    /* Looked at in place: only a WebAssembly binary is copied as bytes (a script is decoded to text). */
    const binary: Binary = isWasmBinary(new Uint8Array(ds.buffer, 0, ds.size))
      ? { kind: 'wasm', bytes: dataspaceBytes(ds) }
      : await scriptBinary(await loadBinary(dataspaceText(ds), name, this.#env.bootDir), name, this.#env.bootDir);
    const parentCap = await ipc.export(parent);
    if (this.account.closed) {
      parentCap.port.close();
      return;
    }
    Atomics.store(liveness, this.pd % liveness.length, this.pd);
    const { inspector } = this.#env;
    const monitored = this.#monitored;
    /* A monitored program's worker is a target before its component's code arrives, so that `wait` can hold it. */
    const debug = inspector === undefined || monitored === undefined ? undefined : async (threadId: number) => {
      const script = binary.kind === 'script'
        ? {
          file: name, map: binary.map === undefined ? undefined : Buffer.from(new Uint8Array(binary.map.json)).toString('utf8'),
          main: binary.map?.main ?? -1, mainFile: binary.map?.file ?? name, bootDir: this.#env.bootDir,
        }
        : undefined;
      this.#target = await inspector.expose(this.label, threadId, monitored, script);
      if (this.#exit !== undefined) this.#target.ended();
      await this.#target.released;
    };
    this.#process = await Process.start(pool, this.account.ramQuota, {
      t: 'start', pd: this.pd, label: this.label, binary, filename: name, ramAvail: this.account.ramAvail,
      parent: parentCap, liveness: liveness.buffer as SharedArrayBuffer, capQuota: this.account.capQuota,
      ram: this.account.cells.buffer as SharedArrayBuffer,
    }, binary.kind === 'wasm' ? [parentCap.port, binary.bytes.buffer] : [parentCap.port], {
      caps: (used) => { this.account.capUsed = used; },
      exited: (info) => this.#ended(info),
    }, debug);
    if (this.account.closed) this.#process.kill({ caps: () => undefined, exited: () => undefined });
    this.#env.changed?.(this);
  }

  /**
   * Ends the program from outside, as a crash its parent then sees (core's
   * dashboard; the parent, not core, closes the session and gets the quota).
   */
  terminate(message: string): void {
    this.#process?.kill({ caps: () => undefined, exited: (info) => this.#ended(info) }, { reason: 'crash', code: 1, message });
  }

  #ended(info: ExitInfo): void {
    if (this.#exit !== undefined) return;
    this.#exit = info;
    this.#target?.ended();
    const { liveness } = this.#env;
    Atomics.compareExchange(liveness, this.pd % liveness.length, this.pd, 0);
    if (info.reason === 'crash' || info.reason === 'ram') this.#env.ended(this.label, info);
    for (const resolve of this.#exitWaiters) resolve(info);
    this.#exitWaiters = [];
    this.#env.changed?.(this);
  }

  exited(): Promise<ExitInfo> {
    if (this.#exit !== undefined) return Promise.resolve(this.#exit);
    return new Promise((resolve) => this.#exitWaiters.push(resolve));
  }

  heap(): { used: number; limit: number } {
    const process = this.#process;
    if (process === undefined || process.ended) return { used: 0, limit: 0 };
    return { used: ramCell(this.account.cells, RamCell.heap), limit: process.limitMb * 1024 * 1024 };
  }

  /** Ends the program and returns everything to the reference account. */
  close(): void {
    this.#process?.kill({ caps: () => undefined, exited: (info) => this.#ended(info) });
    this.#ended({ reason: 'killed', code: 0, message: 'killed by its parent' });
    this.#dataspaces.clear();
    this.account.close();
    this.#env.sessions.delete(this);
    this.#env.changed?.(this);
  }
}

export function pdService(env: PdEnvironment): RootComponent<Pd> {
  return new RootComponent(env.ipc, Pd, (args) => new PdSession(env, args.label), { ram: required(PD_SESSION_RAM), caps: PD_SESSION_CAPS });
}
