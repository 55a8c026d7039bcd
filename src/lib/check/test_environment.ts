/*
 * A check environment of plain data for the unit tests: ROM modules by
 * name (shipped components, programs, files of a boot directory with
 * their text), core's services, init's quota. `src/cli/check.ts` gives the
 * real one, over the file system.
 */

import type { CheckEnvironment, RomModule } from './environment.js';
import { CORE_SERVICES } from './environment.js';

export interface TestModules {
  readonly components?: readonly string[];
  readonly programs?: readonly string[];
  /** Files of the boot directory: name → text. */
  readonly files?: Readonly<Record<string, string>>;
}

export function testEnvironment(modules: TestModules = {}, quota: { ram?: number; caps?: number } = {}): CheckEnvironment {
  const components = new Set(modules.components ?? ['init', 'dummy', 'ram_fs', 'vfs', 'report_rom', 'test-init', 'nitpicker', 'testnit', 'noux', 'loader', 'launchpad', 'plugin_host']);
  const programs = new Set(modules.programs ?? ['ls.wasm', 'cat.wasm', 'bash.tar']);
  const files = modules.files ?? {};
  const rom = (name: string): RomModule | undefined => {
    for (const file of [name, `${name}.js`]) {
      const text = files[file];
      if (text !== undefined) return { origin: 'boot', file, text: () => text };
    }
    if (components.has(name)) return { origin: 'component', file: `${name}.js`, text: () => undefined };
    for (const file of [name, `${name}.wasm`]) if (programs.has(file)) return { origin: 'program', file, text: () => undefined };
    return undefined;
  };
  return {
    rom,
    missingRom: (name) => ({ looked: `no module "${name}" in the test`, hint: undefined }),
    romNames: () => [...components, ...programs, ...Object.keys(files)],
    romFile: (name) => `boot/${name}`,
    coreServices: CORE_SERVICES,
    ram: quota.ram ?? 256 * 1024 * 1024,
    caps: quota.caps ?? 10_000,
    childEnvRam: 256 * 1024,
    childEnvCaps: 34,
  };
}
