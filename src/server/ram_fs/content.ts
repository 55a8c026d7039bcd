/*
 * The initial content of ram_fs from its config (spec/runtime.md §3):
 *
 *   <content>
 *     <dir name="tmp"> <rom name="init" as="something"/> </dir>
 *     <dir name="home"> <dir name="user"> <inline name="hello">hi</inline> </dir> </dir>
 *   </content>
 *
 * `<rom>` copies a ROM module's content (binary as it is) once, at start;
 * `as` names the file (default: the module's name). The server's own quota
 * pays for the content. A node that cannot be created is reported with
 * its position in the config and left out.
 */

import { checkName, Rom, type Env, type XmlNode } from 'nido';
import { Directory, File } from './node.js';
import type { Tree } from './tree.js';

const ROM_SESSION_RAM = 8 * 1024;
const encoder = new TextEncoder();

async function romContent(env: Env, name: string): Promise<Uint8Array | undefined> {
  const rom = await env.connect(Rom, { label: name, ram: ROM_SESSION_RAM, caps: 2 });
  try {
    const dataspace = await rom.client.dataspace();
    return dataspace === undefined ? undefined : new Uint8Array(dataspace.buffer, 0, dataspace.size).slice();
  } finally {
    await rom.close();
  }
}

async function addFile(tree: Tree, dir: Directory, name: string, bytes: Uint8Array): Promise<void> {
  const existing = dir.entries.get(name);
  if (existing !== undefined) throw new Error(`"${name}" exists already`);
  const file: File = tree.newFile(name);
  dir.adopt(name, file);
  await file.data.write(bytes, 0, 0, bytes.length);
}

async function fill(env: Env, tree: Tree, dir: Directory, node: XmlNode): Promise<void> {
  for (const child of node.children()) {
    const where = `<${child.type}> at config line ${child.line}:${child.column}`;
    try {
      switch (child.type) {
        case 'dir': {
          const name = child.stringAttribute('name', '');
          checkName(name);
          const existing = dir.entries.get(name);
          let sub: Directory;
          if (existing instanceof Directory) sub = existing;
          else if (existing !== undefined) throw new Error(`"${name}" exists already and is not a directory`);
          else {
            sub = tree.newDirectory(name);
            dir.adopt(name, sub);
          }
          await fill(env, tree, sub, child);
          break;
        }
        case 'inline': {
          const name = child.stringAttribute('name', '');
          checkName(name);
          await addFile(tree, dir, name, encoder.encode(child.text()));
          break;
        }
        case 'rom': {
          const module = child.stringAttribute('name', '');
          const name = child.stringAttribute('as', module);
          checkName(name);
          const bytes = await romContent(env, module);
          if (bytes === undefined) throw new Error(`ROM module "${module}" is not available`);
          await addFile(tree, dir, name, bytes);
          break;
        }
        default:
          throw new Error('unknown content node (known: dir, inline, rom)');
      }
    } catch (error) {
      env.error(`content ${where}: ${(error as Error).message}`);
    }
  }
}

/** Builds the tree's initial content from the config's `<content>` node. */
export async function buildContent(env: Env, tree: Tree, content: XmlNode | undefined): Promise<void> {
  if (content === undefined) return;
  await tree.space.payOwn(() => fill(env, tree, tree.root, content));
}
