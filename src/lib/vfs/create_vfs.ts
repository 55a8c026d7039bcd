/*
 * Building a VFS from a `<vfs>` config node (spec/runtime.md §2):
 *
 *   <vfs>
 *     <dir name="dev"> <log/> <null/> <rtc/> </dir>
 *     <dir name="tmp"> <ram/> </dir>
 *     <tar name="rootfs.tar"/>
 *     <import> <inline name="motd">hello</inline> </import>
 *   </vfs>
 *
 * `<dir name>` nests, every other node is a plugin mounted in the
 * directory it stands in (several stack, see stacked_directory.ts).
 * Sessions are opened now, asynchronously; afterwards every operation is
 * synchronous. A node of an unknown type is skipped with a warning, as in
 * Genode; a known one with a bad attribute fails with VfsConfigError.
 *
 *   const vfs = await createVfs(env, config.xml.child('vfs'));
 *   const handle = vfs.open('/dev/log', WRITE_ONLY);
 */

import type { Env, XmlNode } from 'nido';
import { BuildContext } from './build_context.js';
import { DirFileSystem } from './dir_file_system.js';
import { envServices } from './env_services.js';
import { importTree } from './import.js';
import type { FileSystemPlugin } from './interface.js';
import { PLUGINS, entryName } from './plugins.js';
import type { VfsServices } from './services.js';
import { StackedDirectory } from './stacked_directory.js';
import { VfsRoot } from './vfs_root.js';

async function buildMembers(node: XmlNode, context: BuildContext): Promise<FileSystemPlugin[]> {
  const members: FileSystemPlugin[] = [];
  for (const child of node.children()) {
    if (child.type === 'dir') {
      const name = entryName(child, child.attribute('name') ?? '');
      const stack = new StackedDirectory(await buildMembers(child, context), context.inodes.allocate());
      members.push(new DirFileSystem(name, stack, context.inodes.allocate()));
    } else if (child.type === 'import') {
      context.imports.push({ node: child, tree: new StackedDirectory(await buildMembers(child, context), context.inodes.allocate()) });
    } else {
      const factory = PLUGINS.get(child.type);
      if (factory === undefined) {
        context.services.warning(`vfs: unknown plugin <${child.type}> at line ${child.line}, column ${child.column} skipped`);
        continue;
      }
      members.push(await factory(child, context));
    }
  }
  return members;
}

/**
 * Builds the VFS of `vfs` (a `<vfs>` node, or undefined for an empty VFS)
 * with the given services; closing the VFS closes them too.
 */
export async function buildVfs(vfs: XmlNode | undefined, services: VfsServices): Promise<VfsRoot> {
  const context = new BuildContext(services);
  try {
    const members = vfs === undefined ? [] : await buildMembers(vfs, context);
    const root = new VfsRoot(new StackedDirectory(members, context.inodes.allocate()), context.resources);
    for (const { node, tree } of context.imports) {
      importTree(new VfsRoot(tree), root, node.boolAttribute('overwrite', false), (text) => services.warning(text));
    }
    /* last, so that the RAM charges go after everything that used them */
    context.own({ close: async () => services.close?.() });
    return root;
  } catch (error) {
    await context.abandon();
    await services.close?.();
    throw error;
  }
}

/** Builds the VFS of a component from its `<vfs>` config node, with sessions opened through `env`. */
export function createVfs(env: Env, vfs: XmlNode | undefined): Promise<VfsRoot> {
  return buildVfs(vfs, envServices(env));
}
