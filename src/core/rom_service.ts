/*
 * Core's ROM service: the boot directory's files as ROM modules.
 *
 * A module's name is the last element of the session label. It resolves to
 * the file of that name in the boot directory, then to NAME.js, NAME.mjs,
 * NAME.ts or NAME.wasm there, then to the components and the WebAssembly
 * programs that ship with Nido; a program of those that was not built
 * is named with how to get it (shipped_program.ts). When a file
 * changes on disk, the module's content changes and every session on it is
 * signalled; each client switches when it re-reads (spec/runtime.md §1).
 */

import { required } from './session_costs.js';
import { readFile } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Ipc } from '../base/ipc.js';
import type { SignalContextCapability } from '../base/capability.js';
import type { DataspaceHandle } from '../base/dataspace.js';
import { RomModuleMissing } from '../base/errors.js';
import { RootComponent } from '../base/root_component.js';
import { Rom, ROM_SESSION_CAPS, ROM_SESSION_RAM } from '../session/rom/interface.js';
import { lastElement } from '../util/label.js';
import { howToGet, shippedProgram } from './shipped_program.js';
import { configProgram, type ConfigRom } from './config_program.js';

const EXTENSIONS = ['', '.js', '.mjs', '.ts', '.wasm'];

interface Subscriber {
  changed(): void;
}

class Module {
  readonly subscribers = new Set<Subscriber>();
  constructor(readonly name: string, public content: Buffer, public path: string) {}
}

export class RomModules {
  readonly #bootDir: string;
  readonly #componentDir: string;
  readonly #programDir: string;
  readonly #modules = new Map<string, Module>();
  #watcher: FSWatcher | undefined;
  #rescan: NodeJS.Timeout | undefined;
  readonly #configRom: ConfigRom | undefined;

  /** `configRom` makes the module "config" from DIR/config.ts when DIR/config is absent (config_program.ts). */
  constructor(bootDir: string, componentDir: string, programDir: string, configRom?: ConfigRom) {
    this.#bootDir = bootDir;
    this.#componentDir = componentDir;
    this.#programDir = programDir;
    this.#configRom = configRom;
  }

  /** Reads a module as it is on disk now, or undefined if no file provides it. */
  async read(name: string): Promise<{ content: Buffer; path: string } | undefined> {
    if (name === '' || name.includes('/') || name.includes('\0') || name === '.' || name === '..') return undefined;
    if (name === 'config' && this.#configRom !== undefined) {
      const program = await configProgram(this.#bootDir);
      if (program !== undefined) {
        const xml = await this.#configRom.content(program, this.#bootDir);
        return xml === undefined ? undefined : { content: Buffer.from(xml), path: program };
      }
    }
    const candidates = [
      ...EXTENSIONS.map((extension) => join(this.#bootDir, name + extension)),
      join(this.#componentDir, `${name}.js`),
      join(this.#programDir, name),
      join(this.#programDir, `${name}.wasm`),
    ];
    for (const path of candidates) {
      try {
        return { content: await readFile(path), path };
      } catch {
        /* next candidate */
      }
    }
    return undefined;
  }

  /** The module `name`, tracked for changes while it has subscribers. */
  async open(name: string): Promise<Module | undefined> {
    const known = this.#modules.get(name);
    if (known !== undefined) return known;
    const found = await this.read(name);
    if (found === undefined) return undefined;
    const module = this.#modules.get(name) ?? new Module(name, found.content, found.path);
    this.#modules.set(name, module);
    this.#watch();
    return module;
  }

  subscribe(module: Module, subscriber: Subscriber): void {
    module.subscribers.add(subscriber);
  }

  unsubscribe(module: Module, subscriber: Subscriber): void {
    module.subscribers.delete(subscriber);
    if (module.subscribers.size === 0) this.#modules.delete(module.name);
  }

  #watch(): void {
    if (this.#watcher !== undefined) return;
    try {
      this.#watcher = watch(this.#bootDir, { persistent: false }, () => {
        clearTimeout(this.#rescan);
        this.#rescan = setTimeout(() => void this.#refresh(), 20);
      });
    } catch {
      /* a boot directory that cannot be watched has static modules */
    }
  }

  async #refresh(): Promise<void> {
    for (const module of [...this.#modules.values()]) {
      const found = await this.read(module.name);
      if (found === undefined || found.content.equals(module.content)) continue;
      module.content = found.content;
      module.path = found.path;
      for (const subscriber of module.subscribers) subscriber.changed();
    }
  }

  close(): void {
    this.#watcher?.close();
    clearTimeout(this.#rescan);
  }
}

function fill(buffer: SharedArrayBuffer, content: Buffer): void {
  const bytes = new Uint8Array(buffer);
  bytes.set(content);
  bytes.fill(0, content.length);
}

export function romService(ipc: Ipc, modules: RomModules): RootComponent<Rom> {
  let dataspaces = 0;
  return new RootComponent(ipc, Rom, async (args) => {
    const name = lastElement(args.label);
    const module = await modules.open(name);
    if (module === undefined) {
      /* One of Nido's programs that this machine did not build says which it is and how to get it (shipped_program.ts). */
      const program = await shippedProgram(name);
      const why = program === undefined ? '' : `: ${howToGet(program)}`;
      throw new RomModuleMissing(`ROM module "${name}" not found (requested by "${args.label}")${why}`);
    }
    let handler: SignalContextCapability | undefined;
    let current: DataspaceHandle | undefined;
    const subscriber = { changed: () => { if (handler !== undefined) ipc.submit(handler); } };
    modules.subscribe(module, subscriber);
    return {
      dataspace() {
        /* Each session has its own copy: a client writing into it harms only itself. */
        const buffer = new SharedArrayBuffer(Math.max(1, module.content.length));
        fill(buffer, module.content);
        current = { id: ++dataspaces, buffer, size: module.content.length };
        return current;
      },
      update() {
        if (current === undefined || current.buffer.byteLength < module.content.length) return false;
        fill(current.buffer, module.content);
        current = { ...current, size: module.content.length };
        return true;
      },
      sigh(cap: SignalContextCapability) {
        handler = cap;
      },
      close() {
        modules.unsubscribe(module, subscriber);
        if (handler !== undefined) ipc.release(handler);
      },
    };
  }, { ram: required(ROM_SESSION_RAM), caps: ROM_SESSION_CAPS });
}
