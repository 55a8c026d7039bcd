/*
 * What a check needs from outside the config, given by its caller so that
 * the library stays pure: where core's ROM service would find a module
 * (the CLI mirrors src/core/rom_service.ts over the file system), core's
 * services, init's quota and the costs of a child's environment.
 */

export interface RomModule {
  /** Where core finds it: a file of the boot directory, a shipped component, a shipped program or archive. */
  readonly origin: 'boot' | 'component' | 'program';
  /** The file found (`hello.js`, `init.js`, `calc.wasm`). */
  readonly file: string;
  /** The text of the file, for a config kept in a ROM module of the boot directory. */
  text(): string | undefined;
}

export interface CheckEnvironment {
  /** Core's ROM lookup: the module `name`, or undefined when no file provides it. */
  rom(name: string): RomModule | undefined;
  /** Where a missing module would have been looked for, and how to get it (a port to build). */
  missingRom(name: string): { readonly looked: string; readonly hint: string | undefined };
  /** The names core could hand out (boot directory, shipped components and programs), for "did you mean". */
  romNames(): readonly string[];
  /** How findings name a ROM module of the boot directory (`examples/hello/hello.js`). */
  romFile(name: string): string;
  /** The services core provides to init. */
  readonly coreServices: readonly string[];
  /** init's RAM and caps (`nido run --ram`, `--caps`). */
  readonly ram: number;
  readonly caps: number;
  /** What init keeps of a child's quota for its environment sessions (PD, CPU, LOG, binary ROM) and its own costs: a child with no more gets nothing. */
  readonly childEnvRam: number;
  readonly childEnvCaps: number;
}

/** Core's services (src/core/core.ts). */
export const CORE_SERVICES: readonly string[] = ['ROM', 'LOG', 'PD', 'CPU', 'Timer', 'Report', 'Terminal', 'Framebuffer', 'Input'];
