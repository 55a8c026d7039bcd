/*
 * fs_rom: ROM sessions served from a File_system session
 * (repos/os/src/server/fs_rom). A session's module is the file whose path
 * is the last element of its label, relative to the root of fs_rom's own
 * File_system session. The content is the file's; a file that does not
 * exist is an absent module (dataspace() answers undefined) until it is
 * created. The file and its directory are watched: when the file changes
 * (written and closed, replaced, created, removed) the client is signalled.
 *
 *   <start name="fs_rom"> <provides> <service name="ROM"/> </provides>
 *     <route> <service name="File_system"> <child name="ram_fs"/> </service> ... </route> </start>
 */

import { FileSystemConnection, Rom, lastElement, type Env } from 'nido';
import { FileRom } from './file_rom.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const fs = await FileSystemConnection.open(env, {
    label: config.xml.stringAttribute('label', ''),
    writeable: false,
  });
  env.announce(Rom, async (args) => {
    const name = lastElement(args.label);
    const path = `/${name.replace(/^\/+/, '')}`;
    return (await FileRom.open(env, fs.client, path)).session();
  });
}
