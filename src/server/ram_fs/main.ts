/*
 * ram_fs: a File_system server that keeps its files in RAM
 * (spec/runtime.md §3, Genode's repos/os/src/server/ram_fs).
 *
 *   <config>
 *     <content>
 *       <dir name="tmp"> <rom name="init" as="something"/> </dir>
 *       <dir name="home"> <dir name="user"> <inline name="hello">hi</inline> </dir> </dir>
 *     </content>
 *     <policy label="noux -> root" root="/"/>
 *     <policy label="noux -> home" root="/home/user" writeable="yes"/>
 *     <default-policy root="/tmp" writeable="yes"/>
 *   </config>
 *
 * Policies are read at each session request (a config update applies to
 * new sessions); the content is built once, at start. File data is paid
 * from what clients donate beyond their sessions' needs (space.ts).
 */

import {
  DEFAULT_TX_BUF_SIZE, FILE_SYSTEM_SESSION_CAPS, FileSystem, fileSystemSessionRam, formatPacketStream,
  InsufficientRamQuota, MAX_TX_BUF_SIZE, packetStreamSize, ServiceDenied, type Env,
} from 'nido';
import { buildContent } from './content.js';
import { RamFsSession } from './session.js';
import { sessionPolicy } from './session_policy.js';
import { Tree } from './tree.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const tree = new Tree(env.pd, (message) => env.warning(message));
  await buildContent(env, tree, config.xml.child('content'));

  env.announce(FileSystem, async (args) => {
    await config.update();
    const label = args.label;
    const policy = sessionPolicy(env, config.xml, tree, args);
    const txBufSize = args.number('tx_buf_size', DEFAULT_TX_BUF_SIZE);
    if (txBufSize <= 0 || txBufSize > MAX_TX_BUF_SIZE) {
      env.error(`'${label}' requested a transmission buffer of ${txBufSize} bytes (1 to ${MAX_TX_BUF_SIZE})`);
      throw new ServiceDenied(`ram_fs: tx_buf_size=${txBufSize} of '${label}' out of range`);
    }
    const need = fileSystemSessionRam(txBufSize);
    if (args.ramQuota < need) {
      throw new InsufficientRamQuota(`ram_fs session '${label}' with tx_buf_size=${txBufSize} needs ram_quota=${need}, got ${args.ramQuota}`);
    }
    const dataspace = await env.pd.alloc(packetStreamSize(txBufSize));
    formatPacketStream(dataspace.buffer, txBufSize);
    return new RamFsSession(env, tree, policy, label, dataspace, args.ramQuota - need);
  }, { caps: FILE_SYSTEM_SESSION_CAPS });
}
