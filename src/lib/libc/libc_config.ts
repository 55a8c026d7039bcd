/*
 * What a program's `<config>` tells its C runtime (spec/runtime.md §2,
 * "libc configuration"): argv from `<arg value>`, the environment from
 * `<env key value>` (Genode's libc) or `<env name value>` (Noux), and the
 * `<libc>` node's standard streams, working directory, clock and entropy
 * paths into the component's VFS.
 *
 *   const libc = libcConfig(parseXml('<config><arg value="ls"/><libc stdout="/dev/log"/></config>'));
 *   libc.args;   // ['ls']
 */

import type { XmlNode } from '../../util/xml.js';
import { LibcConfigError } from './errors.js';

export interface LibcConfig {
  /** argv; the first is argv[0], as in Genode. */
  readonly args: readonly string[];
  /** `KEY=value` strings in config order; a later `<env>` of the same key replaces an earlier one. */
  readonly environ: readonly string[];
  /** VFS paths of the standard streams; undefined: the stream leads nowhere. */
  readonly stdin: string | undefined;
  readonly stdout: string | undefined;
  readonly stderr: string | undefined;
  /** Initial working directory (absolute). */
  readonly cwd: string;
  /** A file whose content is the wall-clock time (`YYYY-MM-DD HH:MM:SS`); undefined: the clock starts at the epoch. */
  readonly rtc: string | undefined;
  /** A file of random bytes for random_get; undefined: the runtime's own entropy source. */
  readonly rng: string | undefined;
}

function where(node: XmlNode): string {
  return `config line ${node.line}:${node.column}`;
}

function path(libc: XmlNode | undefined, name: string): string | undefined {
  const value = libc?.attribute(name);
  if (value === undefined || value === '') return undefined;
  if (!value.startsWith('/')) {
    throw new LibcConfigError(`<libc ${name}="${value}"> (${where(libc as XmlNode)}): the path must be absolute, e.g. "/dev/${name}"`);
  }
  return value;
}

/**
 * Reads the libc-related parts of a component's config. `programName`
 * becomes argv[0] when the config has no `<arg>`.
 */
export function libcConfig(config: XmlNode, programName?: string): LibcConfig {
  const args: string[] = [];
  for (const arg of config.children('arg')) {
    const value = arg.attribute('value');
    if (value === undefined) throw new LibcConfigError(`<arg> without value (${where(arg)}): write <arg value="..."/>`);
    args.push(value);
  }
  if (args.length === 0 && programName !== undefined) args.push(programName);

  const libc = config.child('libc');
  const cwd = path(libc, 'cwd') ?? '/';

  const environment = new Map<string, string>();
  for (const env of config.children('env')) {
    const key = env.attribute('key') ?? env.attribute('name');
    const value = env.attribute('value') ?? '';
    if (key === undefined || key === '' || key.includes('=')) {
      throw new LibcConfigError(`<env> needs a key without "=" (${where(env)}): write <env key="HOME" value="/home"/>`);
    }
    environment.delete(key);
    environment.set(key, value);
  }
  /* wasi-libc starts in "/" whatever the host says; PWD carries <libc cwd> to the start-up code that changes into it. */
  if (!environment.has('PWD') && cwd !== '/') environment.set('PWD', cwd);

  return Object.freeze({
    args: Object.freeze(args),
    environ: Object.freeze([...environment].map(([key, value]) => `${key}=${value}`)),
    stdin: path(libc, 'stdin'),
    stdout: path(libc, 'stdout'),
    stderr: path(libc, 'stderr'),
    cwd,
    rtc: path(libc, 'rtc'),
    rng: path(libc, 'rng'),
  });
}
