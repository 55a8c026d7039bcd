/*
 * noux's config in a typed config (docs/noux.md): the processes' file
 * system and the first process.
 *
 *   noux({
 *     fstab: [vfs.tar('tools.tar'), vfs.tar('nsh.tar'), vfs.dir('tmp', vfs.ram())],
 *     start: { name: '/bin/sh', env: { PATH: '/bin' }, arg: ['-c', 'echo hi | cat'] },
 *   })
 */

import { InvalidConfig } from './invalid_config.js';
import { naturalValue, sizeText, type Size } from './size.js';
import { vfsNodes, type VfsNode } from './vfs.js';
import { XmlElement } from './xml_element.js';

export interface NouxOptions {
  /** `<fstab>`: the processes' file system. */
  readonly fstab: readonly VfsNode[];
  /** `<start>`: the first process, the program at `name` in the fstab, with its arguments after argv[0] and its environment. */
  readonly start: { readonly name: string; readonly arg?: readonly string[]; readonly env?: { readonly [name: string]: string } };
  /** The least RAM of each process's PD (default 2M). */
  readonly process_ram?: Size;
  /** The caps of each process's PD (default 60). */
  readonly process_caps?: number;
}

/** noux's `<config>`. */
export function noux(options: NouxOptions): XmlElement<'config'> {
  const { name, arg = [], env = {} } = options.start ?? {};
  if (typeof name !== 'string' || !name.startsWith('/')) throw new InvalidConfig('noux(): start.name must be the path of the first program in the fstab ("/bin/sh")');
  if (!Array.isArray(arg) || arg.some((value) => typeof value !== 'string')) throw new InvalidConfig('noux(): start.arg must be a list of strings');
  const start = new XmlElement('start', { name }, [
    ...Object.entries(env).map(([key, value]) => new XmlElement('env', { name: key, value }, [])),
    ...arg.map((value) => new XmlElement('arg', { value }, [])),
  ]);
  return new XmlElement('config', {
    process_ram: options.process_ram === undefined ? undefined : sizeText(options.process_ram, 'noux() process_ram'),
    process_caps: options.process_caps === undefined ? undefined : naturalValue(options.process_caps, 'noux() process_caps'),
  }, [new XmlElement('fstab', {}, vfsNodes('noux() fstab', options.fstab)), start]);
}
