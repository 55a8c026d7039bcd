/*
 * Report sessions of report_rom (spec/init.md §8.1): the writer of the
 * module named by the session label. Each submit replaces the module's
 * content with at most `buffer_size` bytes of the report and tells every
 * reader; a second writer of the same module is denied.
 */

import { InsufficientRamQuota, ServiceDenied, type Env, type Implementation, type Report, type SessionArgs, type SessionHooks } from 'nido';
import type { ModuleRegistry } from './module.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Creates the session for a Report request; throws ServiceDenied or InsufficientRamQuota. */
export function reportSession(env: Env, registry: ModuleRegistry, args: SessionArgs, verbose: boolean): Implementation<Report> & SessionHooks {
  const label = args.label;
  const bufferSize = args.number('buffer_size', 0);
  if (bufferSize === 0) {
    env.error(`zero-length report requested by ${label}`);
    throw new ServiceDenied(`zero-length report requested by ${label}`);
  }
  if (args.ramQuota < bufferSize) {
    env.error(`insufficient ram donation from ${label}`);
    throw new InsufficientRamQuota(`insufficient ram donation from ${label}`);
  }
  const module = registry.lookup(label);
  const writer = {};
  module.writers.add(writer);
  if (module.writers.size > 1) {
    module.writers.delete(writer);
    throw new ServiceDenied(`report "${label}" already has a writer`);
  }
  return {
    submit: (content: string) => {
      const bytes = encoder.encode(String(content)).slice(0, bufferSize);
      module.write(writer, bytes);
      if (verbose) logReport(env, label, bytes);
    },
    close: () => {
      module.removeWriter(writer);
      registry.release(module);
    },
  };
}

function logReport(env: Env, name: string, bytes: Uint8Array): void {
  const lines = decoder.decode(bytes).split('\n');
  if (lines.at(-1) === '') lines.pop();
  env.log([`report '${name}'`, ...lines.map((line) => `  ${line}`)].join('\n'));
}
