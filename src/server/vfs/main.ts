/*
 * vfs: serves the VFS of its config as a File_system (spec/runtime.md §3,
 * Genode's repos/os/src/server/vfs). It is how a tar archive, a RAM file
 * system or several stacked plugins become one file system that several
 * components share.
 *
 *   <config>
 *     <vfs>
 *       <tar name="rootfs.tar"/>
 *       <dir name="tmp"> <ram/> </dir>
 *     </vfs>
 *     <policy label="shell -> root" root="/"/>
 *     <policy label="shell -> tmp" root="/tmp" writeable="yes"/>
 *     <default-policy root="/tmp"/>
 *   </config>
 *
 * Policies are read at each session request (a config update applies to
 * new sessions); the VFS is built once, at start. A session pays its
 * packet stream; files in `<ram>` are paid from the server's own RAM, as
 * in Genode (docs/vfs.md).
 */

import {
  DEFAULT_TX_BUF_SIZE, FILE_SYSTEM_SESSION_CAPS, FileSystem, fileSystemSessionRam, formatPacketStream,
  InsufficientRamQuota, MAX_TX_BUF_SIZE, packetStreamSize, ServiceDenied, type Env,
} from 'nido';
import { createVfs } from '../../lib/vfs/create_vfs.js';
import { VfsSession } from './session.js';
import { sessionPolicy } from './session_policy.js';
import { Watchers } from './watchers.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const vfs = await createVfs(env, config.xml.child('vfs'));
  const watchers = new Watchers();

  env.announce(FileSystem, async (args) => {
    await config.update();
    const label = args.label;
    const policy = sessionPolicy((text) => env.warning(text), config.xml, vfs.directory, args);
    const txBufSize = args.number('tx_buf_size', DEFAULT_TX_BUF_SIZE);
    if (txBufSize <= 0 || txBufSize > MAX_TX_BUF_SIZE) {
      env.error(`'${label}' requested a transmission buffer of ${txBufSize} bytes (1 to ${MAX_TX_BUF_SIZE})`);
      throw new ServiceDenied(`vfs: tx_buf_size=${txBufSize} of '${label}' out of range`);
    }
    const need = fileSystemSessionRam(txBufSize);
    if (args.ramQuota < need) {
      throw new InsufficientRamQuota(`vfs session '${label}' with tx_buf_size=${txBufSize} needs ram_quota=${need}, got ${args.ramQuota}`);
    }
    const dataspace = await env.pd.alloc(packetStreamSize(txBufSize));
    formatPacketStream(dataspace.buffer, txBufSize);
    return new VfsSession(env, vfs.directory, policy, label, watchers, dataspace);
  }, { caps: FILE_SYSTEM_SESSION_CAPS });
}
