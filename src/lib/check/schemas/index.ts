/*
 * Every schema `nido check` and `nido schema` know, by binary name: init
 * first, then the shipped components, then the C runtime's (`libc`, the
 * schema of any `.wasm` program).
 */

import type { ComponentSchema } from '../schema.js';
import { fbDrv, launchpad, nitpicker, pluginHost, terminal, testFramebuffer, testInput, testnit, wm, wmClient } from './gui.js';
import { init } from './init.js';
import { libcProgram, noux, ruby } from './programs.js';
import { dynamicRom, loader, logTerminal, ramFs, reportRom, terminalLog, timer, vfs } from './servers.js';
import { dummy, testInit } from './tests.js';

export const SCHEMAS: readonly ComponentSchema[] = [
  init,
  reportRom, dynamicRom, ramFs, vfs, loader, timer, logTerminal, terminalLog,
  noux, ruby,
  nitpicker, wm, terminal, fbDrv, launchpad, pluginHost,
  dummy, testInit, testnit, wmClient, testFramebuffer, testInput,
  libcProgram,
];

const BY_NAME = new Map(SCHEMAS.map((schema) => [schema.name, schema]));

/** The schema of a shipped component (or `libc`), or undefined. */
export function componentSchema(name: string): ComponentSchema | undefined {
  return BY_NAME.get(name);
}

export { init as initSchema, libcProgram as libcSchema };
