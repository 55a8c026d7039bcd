/*
 * The plugins a `<vfs>` config can name, by node type (spec/runtime.md §2),
 * each built from its config node with the sessions it needs.
 */

import { DEFAULT_TX_BUF_SIZE, type XmlNode } from 'nido';
import type { FileSystemPlugin } from './interface.js';
import type { BuildContext } from './build_context.js';
import { VfsConfigError } from './errors.js';
import { FsFileSystem } from './fs_file_system.js';
import { InlineFileSystem } from './inline_file_system.js';
import { LogFileSystem } from './log_file_system.js';
import { NullFileSystem } from './null_file_system.js';
import { MAX_NAME_BYTES, utf8Length } from './path.js';
import { RamFileSystem } from './ram_file_system.js';
import { RomFileSystem } from './rom_file_system.js';
import { RtcFileSystem } from './rtc_file_system.js';
import { SymlinkFileSystem } from './symlink_file_system.js';
import { parseTar } from './tar_archive.js';
import { TarFileSystem } from './tar_file_system.js';
import { terminalFileSystem } from './terminal_file_system.js';
import { ZeroFileSystem } from './zero_file_system.js';

export type PluginFactory = (node: XmlNode, context: BuildContext) => Promise<FileSystemPlugin>;

/** A name for one directory entry: non-empty, no '/', at most 128 bytes. */
export function entryName(node: XmlNode, name: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new VfsConfigError(node, `"${name}" is not a valid file name`);
  }
  if (utf8Length(name) > MAX_NAME_BYTES) throw new VfsConfigError(node, `name "${name}" is longer than ${MAX_NAME_BYTES} bytes`);
  return name;
}

/* Single-file plugins are named after their type unless `name` is given. */
function fileName(node: XmlNode): string {
  return entryName(node, node.stringAttribute('name', node.type));
}

function requiredAttribute(node: XmlNode, name: string): string {
  const value = node.attribute(name);
  if (value === undefined) throw new VfsConfigError(node, `attribute "${name}" is missing`);
  return value;
}

export const PLUGINS: ReadonlyMap<string, PluginFactory> = new Map<string, PluginFactory>([
  ['tar', async (node, context) => {
    const name = requiredAttribute(node, 'name');
    const module = context.own(await context.services.openRom(name));
    return new TarFileSystem(name, parseTar(module.content(), name), context.inodes, (text) => context.services.warning(text));
  }],
  ['ram', async (_node, context) => new RamFileSystem(context.services.ramAccount, context.inodes)],
  ['rom', async (node, context) => {
    const name = entryName(node, requiredAttribute(node, 'name'));
    const module = context.own(await context.services.openRom(node.stringAttribute('label', name)));
    return new RomFileSystem(name, module, node.boolAttribute('binary', true), context.inodes.allocate());
  }],
  /* raw content: an inline file often holds XML (a config), which must stay as written */
  ['inline', async (node, context) => new InlineFileSystem(
    entryName(node, requiredAttribute(node, 'name')), node.content(), context.inodes.allocate())],
  ['null', async (node, context) => new NullFileSystem(fileName(node), context.inodes.allocate())],
  ['zero', async (node, context) => new ZeroFileSystem(fileName(node), node.numBytesAttribute('size', 0), context.inodes.allocate())],
  ['log', async (node, context) => {
    const sink = context.own(await context.services.openLog(node.stringAttribute('label', '')));
    return new LogFileSystem(fileName(node), sink, context.inodes.allocate());
  }],
  ['rtc', async (node, context) => new RtcFileSystem(fileName(node), context.own(await context.services.openClock()), context.inodes.allocate())],
  ['fs', async (node, context) => {
    const writeable = node.boolAttribute('writeable', true);
    const ram = node.numBytesAttribute('ram', 0);
    const mount = context.own(await context.services.openFileSystem({
      label: node.stringAttribute('label', ''),
      writeable,
      bufferSize: node.numBytesAttribute('buffer_size', DEFAULT_TX_BUF_SIZE),
      ram,
    }));
    return new FsFileSystem(mount, writeable, ram);
  }],
  ['terminal', async (node, context) => terminalFileSystem(
    fileName(node),
    context.own(await context.services.openTerminal(node.stringAttribute('label', ''))),
    context.own(await context.services.openClock()),
    node.boolAttribute('raw', false),
    context.inodes)],
  ['symlink', async (node, context) => new SymlinkFileSystem(
    entryName(node, requiredAttribute(node, 'name')), requiredAttribute(node, 'target'), context.inodes.allocate())],
]);
