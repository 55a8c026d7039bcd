/*
 * What a File_system session of the vfs server may see and do: the policy
 * chosen by label (best match, spec/init.md §2.8) gives the root directory
 * within the VFS (default "/") and whether the session may modify
 * (`writeable="yes"`, default no); the session's own `root` and
 * `writeable` arguments can only narrow both, as in Genode's vfs server.
 *
 *   <policy label="shell -> home" root="/home" writeable="yes"/>
 *   <default-policy root="/share"/>
 */

import { pathElements, selectPolicy, ServiceDenied, type SessionArgs, type XmlNode } from 'nido';
import type { StackedDirectory } from '../../lib/vfs/stacked_directory.js';

export interface SessionPolicy {
  /** The session's root as a path of the VFS. */
  readonly root: string;
  readonly writeable: boolean;
}

function yes(value: string): boolean {
  return ['yes', 'true', 'on', '1'].includes(value.trim().toLowerCase());
}

/** The policy of a session request; ServiceDenied (with a `warning`) when there is none or its root is no directory. */
export function sessionPolicy(warning: (text: string) => void, config: XmlNode, directory: StackedDirectory, args: SessionArgs): SessionPolicy {
  const label = args.label;
  const policy = selectPolicy(config, label);
  if (policy === undefined) {
    warning(`no policy for File_system session request '${label}'`);
    throw new ServiceDenied(`vfs has no policy for File_system session '${label}'`);
  }
  let elements: string[];
  try {
    /* each part resolved on its own: the argument's '..' cannot climb above the policy's root */
    const policyRoot = policy.stringAttribute('root', '/');
    elements = [...pathElements(policyRoot.startsWith('/') ? policyRoot : `/${policyRoot}`), ...pathElements(`/${args.string('root', '/')}`)];
  } catch (error) {
    throw new ServiceDenied(`vfs: invalid root for '${label}': ${(error as Error).message}`);
  }
  const root = `/${elements.join('/')}`;
  let type: string | undefined;
  try {
    type = directory.stat(root)?.type;
  } catch {
    type = undefined;
  }
  if (type !== 'directory') {
    warning(`root "${root}" of File_system session '${label}' is not a directory`);
    throw new ServiceDenied(`vfs: root "${root}" of '${label}' is not a directory`);
  }
  return { root, writeable: policy.boolAttribute('writeable', false) && yes(args.string('writeable', 'no')) };
}
