/*
 * ram_fs's config in a typed config (docs/file_system.md, "ram_fs"): the
 * files it starts with and, by client label, where each client's session
 * is rooted and whether it may write.
 *
 *   ramFs({
 *     content: [vfs.dir('tmp', ramFs.rom('init', { as: 'something' })), vfs.dir('home', vfs.inline('hello', 'hi'))],
 *     policy: [{ label: 'noux -> root', root: '/' }, { label: 'noux -> home', root: '/home', writeable: true }],
 *     defaultPolicy: { root: '/tmp', writeable: true },
 *   })
 */

import { InvalidConfig } from './invalid_config.js';
import { policyNodes, type LabelSelector } from './policy.js';
import { vfsNodes, type VfsNode } from './vfs.js';
import { XmlElement } from './xml_element.js';

/** A session's root and whether it may write (a client asking for read-only gets read-only). */
export interface RamFsPolicy {
  readonly root: string;
  readonly writeable?: boolean;
}

/** What ram_fs's `<content>` holds: directories, inline files and copies of ROM modules. */
export type RamFsContent = XmlElement<'dir' | 'inline' | 'rom'>;

export interface RamFsOptions {
  /** The files at start: `vfs.dir`, `vfs.inline`, `ramFs.rom`. */
  readonly content?: readonly RamFsContent[];
  readonly policy?: readonly (LabelSelector & RamFsPolicy)[];
  readonly defaultPolicy?: RamFsPolicy;
}

function content(nodes: readonly RamFsContent[]): XmlElement<'content'> {
  const checked = vfsNodes('ramFs() content', nodes);
  const check = (list: readonly VfsNode[]): void => {
    for (const node of list) {
      if (node.type !== 'dir' && node.type !== 'inline' && node.type !== 'rom') {
        throw new InvalidConfig(`ramFs() content: <${node.type}> is none of ram_fs's content nodes (vfs.dir, vfs.inline, ramFs.rom)`);
      }
      if (node.type === 'dir') check(node.children() as VfsNode[]);
    }
  };
  check(checked);
  return new XmlElement('content', {}, checked);
}

/** ram_fs's `<config>`; `ramFs.rom` is a file copied from a ROM module into its content. */
export const ramFs = Object.freeze(Object.assign(
  (options: RamFsOptions = {}): XmlElement<'config'> => {
    for (const entry of [...(options.policy ?? []), ...(options.defaultPolicy === undefined ? [] : [options.defaultPolicy])]) {
      if (typeof entry?.root !== 'string') throw new InvalidConfig('ramFs(): every policy names its root ({ label, root: "/" }); ram_fs denies a session whose policy has none');
    }
    return new XmlElement('config', {}, [
      ...(options.content === undefined ? [] : [content(options.content)]),
      ...policyNodes('ramFs()', options.policy, options.defaultPolicy),
    ]);
  },
  {
    /** `<rom name as>`: a file holding ROM module `name`'s content, named `as` (default: the module's name). */
    rom: (name: string, options: { readonly as?: string } = {}): XmlElement<'rom'> => {
      if (typeof name !== 'string' || name === '') throw new InvalidConfig('ramFs.rom(): expected the name of a ROM module');
      return new XmlElement('rom', { name, as: options.as }, []);
    },
  },
));
