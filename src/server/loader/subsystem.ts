/*
 * One loader session: the ROM modules its client put in, the quota it set
 * aside, and the subsystem, run as the loader's child. Everything is paid
 * from the session's donation; closing the session kills the subsystem and
 * the donation returns to the client, to the byte. Where the policy
 * permits Gui, the subsystem's Gui sessions go through the loader's Gui
 * service (gui_service.ts): its views nest in the client's view.
 */

import {
  Child, ENV_CAPS, ENV_RAM, LOADER_SESSION_COSTS, LocalRom, OutOfCaps, OutOfRam, SESSION_COSTS, ServiceDenied, isRect, lastElement,
  type Area, type Capability, type DataspaceHandle, type Env, type ExitInfo, type Implementation, type Loader, type LoaderState,
  type PdQuota, type Point, type Rect, type Route, type SessionHooks, type SignalContextCapability, type View,
} from 'nido';
import { GuiService } from './gui_service.js';

/* Services a subsystem always reaches: without them it cannot exist. */
const ALWAYS = new Set(['PD', 'CPU']);

export class LoaderSubsystem implements Implementation<Loader>, SessionHooks {
  readonly #env: Env;
  readonly #label: string;
  readonly #permitted: ReadonlySet<string>;
  #donatedRam: number;
  #donatedCaps: number;
  readonly #modules = new Map<string, { rom: LocalRom; size: number }>();
  readonly #pending = new Map<string, DataspaceHandle>();
  #ram = 0;
  #caps = 0;
  #child: Child | undefined;
  #exit: ExitInfo | undefined;
  #fault: SignalContextCapability | undefined;
  /* The subsystem's Gui sessions, when the policy permits Gui. */
  readonly #gui: GuiService | undefined;

  constructor(env: Env, label: string, permitted: ReadonlySet<string>, ram: number, caps: number) {
    this.#env = env;
    this.#label = label;
    this.#permitted = permitted;
    this.#donatedRam = ram;
    this.#donatedCaps = caps;
    this.#gui = permitted.has('Gui') ? new GuiService(env, label) : undefined;
  }

  /* What the session quota has left after bookkeeping, modules and the subsystem's share. */
  #availRam(): number {
    let modules = 0;
    for (const module of this.#modules.values()) modules += module.size;
    for (const ds of this.#pending.values()) modules += ds.size;
    return this.#donatedRam - LOADER_SESSION_COSTS - modules - this.#ram;
  }

  #charge(bytes: number, what: string): void {
    if (bytes > this.#availRam()) {
      throw new OutOfRam(`loader session "${this.#label}": ${what} needs ${bytes} bytes, the session quota has ${this.#availRam()} left (upgrade the session)`);
    }
  }

  romModule(name: string, content: Uint8Array): void {
    const previous = this.#modules.get(name)?.size ?? 0;
    this.#charge(content.length - previous, `ROM module "${name}"`);
    const known = this.#modules.get(name);
    if (known !== undefined) {
      known.rom.set(content);
      known.size = content.length;
    } else {
      this.#modules.set(name, { rom: new LocalRom(this.#env, content), size: content.length });
    }
  }

  async allocRomModule(name: string, size: number): Promise<DataspaceHandle> {
    this.#charge(size, `ROM module "${name}"`);
    const ds = await this.#env.pd.alloc(Math.max(1, size));
    this.#pending.set(name, { ...ds, size });
    return { ...ds, size };
  }

  async commitRomModule(name: string): Promise<void> {
    const ds = this.#pending.get(name);
    if (ds === undefined) throw new ServiceDenied(`loader: no allocated ROM module "${name}" to commit`);
    this.#pending.delete(name);
    const content = new Uint8Array(ds.buffer, 0, ds.size).slice();
    await this.#env.pd.free(ds.id);
    this.romModule(name, content);
  }

  ramQuota(bytes: number): void {
    if (this.#child !== undefined) throw new ServiceDenied('loader: the subsystem runs already');
    this.#charge(bytes - this.#ram, 'the subsystem\'s RAM quota');
    this.#ram = bytes;
  }

  capQuota(caps: number): void {
    if (this.#child !== undefined) throw new ServiceDenied('loader: the subsystem runs already');
    if (caps > this.#donatedCaps) throw new OutOfCaps(`loader session "${this.#label}": ${caps} caps asked, ${this.#donatedCaps} donated`);
    this.#caps = caps;
  }

  #beforeStart(what: string): void {
    if (this.#child !== undefined) throw new ServiceDenied(`loader: ${what} must come before the start`);
  }

  constrainGeometry(size: Area): void {
    this.#beforeStart('constrainGeometry');
    if (typeof size !== 'object' || size === null || !isRect({ x: 0, y: 0, width: size.width, height: size.height })
      || size.width < 1 || size.height < 1) {
      throw new TypeError('constrainGeometry: size must be { width, height } of positive integers');
    }
    if (this.#gui !== undefined) this.#gui.maxSize = { width: size.width, height: size.height };
  }

  parentView(view: Capability<View>): void {
    this.#beforeStart('parentView');
    if (this.#gui === undefined) {
      this.#env.release(view);
      throw new ServiceDenied(`loader session "${this.#label}": the loader's policy does not permit Gui, so there is nothing to nest`);
    }
    this.#gui.parentView = view;
  }

  viewReadySigh(handler: SignalContextCapability): void {
    if (this.#gui === undefined) {
      this.#env.release(handler);
      throw new ServiceDenied(`loader session "${this.#label}": the loader's policy does not permit Gui`);
    }
    this.#gui.readyHandler = handler;
  }

  async viewGeometry(rect: Rect, offset: Point): Promise<void> {
    if (!isRect(rect)) throw new TypeError('viewGeometry: rect must be { x, y, width, height } of integers');
    if (typeof offset !== 'object' || offset === null || !isRect({ x: offset.x, y: offset.y, width: 0, height: 0 })) {
      throw new TypeError('viewGeometry: offset must be { x, y } of integers');
    }
    await this.#guiService().place({ x: rect.x, y: rect.y, width: rect.width, height: rect.height }, { x: offset.x, y: offset.y });
  }

  viewSize(): Area {
    return this.#guiService().viewSize();
  }

  #guiService(): GuiService {
    if (this.#gui === undefined) throw new ServiceDenied(`loader session "${this.#label}": the loader's policy does not permit Gui`);
    return this.#gui;
  }

  async start(binary: string, label: string): Promise<void> {
    if (this.#child !== undefined) throw new ServiceDenied('loader: the subsystem runs already');
    const child = new Child(this.#env, {
      resolve: (_c, request) => this.#route(child, binary, request.service, request.label, request.env),
      announce: () => false,
      exited: (_c, info) => this.#exited(label, info),
      warning: (text) => this.#env.warning(text),
    }, { name: label, binary, ram: 0, caps: 0 });
    this.#child = child;
    await child.startPd({ ram: Math.max(0, this.#ram - ENV_RAM - 16 * SESSION_COSTS), caps: Math.max(0, this.#caps - ENV_CAPS) });
    await child.startProgram();
  }

  #route(child: Child, binary: string, service: string, label: string, env: boolean): Route {
    if (service === 'ROM') {
      const name = env && label === child.name ? binary : lastElement(label);
      const module = this.#modules.get(name);
      if (module !== undefined) return { kind: 'local', root: module.rom, label };
      if (env && label === child.name) label = binary;
    }
    if (service === 'Gui' && this.#gui !== undefined) return { kind: 'local', root: this.#gui, label };
    if (ALWAYS.has(service) || this.#permitted.has(service)) return { kind: 'parent', label };
    this.#env.warning(`${child.name}: ${service} session denied by the loader's policy (label="${label}")`);
    return { kind: 'deny', reason: `${child.name}: ${service} session not permitted by the loader (label="${label}")` };
  }

  #exited(label: string, info: ExitInfo): void {
    this.#exit = info;
    this.#env.log(`subsystem "${label}" exited with exit value ${info.code}`);
    if (this.#fault !== undefined) this.#env.ep.submit(this.#fault);
  }

  faultSigh(handler: SignalContextCapability): void {
    this.#fault = handler;
    if (this.#exit !== undefined) this.#env.ep.submit(handler);
  }

  state(): LoaderState {
    const exit = this.#exit;
    return exit === undefined
      ? { started: this.#child !== undefined }
      : { started: true, exit: { reason: exit.reason, code: exit.code, message: exit.message } };
  }

  async usage(): Promise<PdQuota> {
    const pd = this.#child?.pd;
    if (pd === undefined) return { ram: { quota: 0, used: 0, avail: 0 }, caps: { quota: 0, used: 0, avail: 0 } };
    return pd.quota();
  }

  upgrade(ram: number, caps: number): void {
    this.#donatedRam += ram;
    this.#donatedCaps += caps;
  }

  /** The session closes: the subsystem goes, orderly, and every byte comes back before the session's donation returns. */
  async close(): Promise<void> {
    const child = this.#child;
    if (child !== undefined) {
      await child.kill();
      await child.closed;
    }
    for (const ds of this.#pending.values()) await this.#env.pd.free(ds.id);
    this.#pending.clear();
    if (this.#fault !== undefined) this.#env.release(this.#fault);
    this.#gui?.dispose();
  }
}
