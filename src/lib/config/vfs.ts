/*
 * The nodes of a VFS in a typed config (docs/vfs.md): a `<vfs>` of a
 * component that runs C programs, noux's `<fstab>`, ram_fs's `<content>`.
 * `dir` holds other nodes; every other node is a plugin mounted in the
 * directory it stands in.
 *
 *   vfs.dir('dev', vfs.null(), vfs.zero(), vfs.log({ name: 'stderr', label: 'errors' }))
 *   vfs.dir('etc', vfs.inline('motd', 'Welcome'))
 *   vfs.tar('tools.tar')
 */

import { InvalidConfig } from './invalid_config.js';
import { sizeText, type Size } from './size.js';
import { XmlElement, type Attributes } from './xml_element.js';

/** A node of a VFS: a directory or a plugin. */
export type VfsNode = XmlElement<'dir' | 'tar' | 'ram' | 'rom' | 'inline' | 'fs' | 'terminal' | 'log' | 'null' | 'zero' | 'rtc' | 'symlink' | 'import'>;

const VFS_TYPES = new Set(['dir', 'tar', 'ram', 'rom', 'inline', 'fs', 'terminal', 'log', 'null', 'zero', 'rtc', 'symlink', 'import']);

function named(what: string, name: unknown): string {
  if (typeof name !== 'string' || name === '' || name.includes('/')) throw new InvalidConfig(`${what}: expected a name without "/", got ${JSON.stringify(name)}`);
  return name;
}

/** The nodes of a VFS, each checked to be one (vfs.dir(), vfs.tar(), ...). */
export function vfsNodes(what: string, nodes: readonly unknown[]): VfsNode[] {
  if (!Array.isArray(nodes)) throw new InvalidConfig(`${what}: expected a list of VFS nodes (vfs.dir(), vfs.tar(), ...)`);
  return nodes.map((node) => {
    if (node instanceof XmlElement && VFS_TYPES.has(node.type)) return node as VfsNode;
    throw new InvalidConfig(`${what}: ${node instanceof XmlElement ? `<${node.type}>` : JSON.stringify(node)} is no VFS node (vfs.dir(), vfs.tar(), vfs.ram(), ...)`);
  });
}

function plugin<Type extends VfsNode['type']>(type: Type, attributes: Attributes = {}, content: readonly (XmlElement | string)[] = []): XmlElement<Type> {
  return new XmlElement(type, attributes, content);
}

const nodes = {
  /** `<dir name>`: a directory of the nodes given. */
  dir: (name: string, ...content: VfsNode[]): XmlElement<'dir'> => plugin('dir', { name: named('vfs.dir()', name) }, vfsNodes(`vfs.dir("${name}")`, content)),
  /** `<tar name>`: the archive in that ROM module, read only. */
  tar: (name: string): XmlElement<'tar'> => plugin('tar', { name: named('vfs.tar()', name) }),
  /** `<ram/>`: a writeable file system in the component's memory. */
  ram: (): XmlElement<'ram'> => plugin('ram'),
  /** `<rom name [label] [binary]>`: one read-only file with the content of ROM module `label` (default: `name`). */
  rom: (name: string, options: { readonly label?: string; readonly binary?: boolean } = {}): XmlElement<'rom'> => plugin('rom', { name: named('vfs.rom()', name), label: options.label, binary: options.binary }),
  /** `<inline name>text</inline>`: one read-only file holding the text. */
  inline: (name: string, text: string): XmlElement<'inline'> => plugin('inline', { name: named('vfs.inline()', name) }, [text]),
  /** `<fs>`: the tree of a File_system session (its label, writeable unless false, its buffer and RAM). */
  fs: (options: { readonly label?: string; readonly writeable?: boolean; readonly buffer_size?: Size; readonly ram?: Size } = {}): XmlElement<'fs'> => plugin('fs', {
    label: options.label,
    writeable: options.writeable,
    buffer_size: options.buffer_size === undefined ? undefined : sizeText(options.buffer_size, 'vfs.fs() buffer_size'),
    ram: options.ram === undefined ? undefined : sizeText(options.ram, 'vfs.fs() ram'),
  }),
  /** `<terminal>`: a character device on a Terminal session. */
  terminal: (options: { readonly name?: string; readonly label?: string; readonly raw?: boolean } = {}): XmlElement<'terminal'> => plugin('terminal', { name: options.name, label: options.label, raw: options.raw }),
  /** `<log>`: a write-only device whose lines are LOG messages (of a session of that label, else the component's own). */
  log: (options: { readonly name?: string; readonly label?: string } = {}): XmlElement<'log'> => plugin('log', { name: options.name, label: options.label }),
  /** `<null/>`: reads end at once, writes take everything. */
  null: (): XmlElement<'null'> => plugin('null'),
  /** `<zero [size]/>`: reads give zeros. */
  zero: (options: { readonly size?: Size } = {}): XmlElement<'zero'> => plugin('zero', { size: options.size === undefined ? undefined : sizeText(options.size, 'vfs.zero() size') }),
  /** `<rtc/>`: the current time as text. */
  rtc: (): XmlElement<'rtc'> => plugin('rtc'),
  /** `<symlink name target>`: a symbolic link. */
  symlink: (name: string, target: string): XmlElement<'symlink'> => plugin('symlink', { name: named('vfs.symlink()', name), target }),
  /** `<import>`: a sub-tree copied into the VFS when it is made (`overwrite`: over files already there). */
  import: (options: { readonly overwrite?: boolean }, ...content: VfsNode[]): XmlElement<'import'> => plugin('import', { overwrite: options.overwrite }, vfsNodes('vfs.import()', content)),
};

/**
 * A `<vfs>` node of the nodes given, for the config of a component that
 * runs C programs; its properties make the nodes (`vfs.dir`, `vfs.tar`,
 * `vfs.ram`, `vfs.rom`, `vfs.inline`, `vfs.fs`, `vfs.terminal`, `vfs.log`,
 * `vfs.null`, `vfs.zero`, `vfs.rtc`, `vfs.symlink`, `vfs.import`).
 *
 *   config(vfs(vfs.dir('dev', vfs.log(), vfs.null()), vfs.dir('tmp', vfs.ram())), node('libc', { stdout: '/dev/log' }))
 */
export const vfs: ((...content: VfsNode[]) => XmlElement<'vfs'>) & typeof nodes = Object.freeze(Object.assign(
  (...content: VfsNode[]): XmlElement<'vfs'> => new XmlElement('vfs', {}, vfsNodes('vfs()', content)),
  nodes,
));
