/*
 * What a File_system session of ram_fs may see and do: its policy, chosen
 * by label with the best-match rule (spec/init.md §2.8), gives the root
 * directory and whether the session may modify; the session arguments
 * can only narrow both (a `root` below the policy's, `writeable="no"`), as
 * in Genode's ram_fs.
 *
 *   <policy label="noux -> home" root="/home/user" writeable="yes"/>
 *   <default-policy root="/tmp"/>
 */

import { pathElements, selectPolicy, ServiceDenied, type Env, type SessionArgs, type XmlNode } from 'nido';
import { Directory } from './node.js';
import type { Tree } from './tree.js';

export interface SessionPolicy {
  readonly root: Directory;
  /** The root as a path within the file system, for messages. */
  readonly rootPath: string;
  readonly writeable: boolean;
}

function yes(value: string): boolean {
  return ['yes', 'true', 'on', '1'].includes(value.trim().toLowerCase());
}

/** The policy of a session request; ServiceDenied (logged) when there is none or its root does not exist. */
export function sessionPolicy(env: Env, config: XmlNode, tree: Tree, args: SessionArgs): SessionPolicy {
  const label = args.label;
  const policy = selectPolicy(config, label);
  if (policy === undefined) {
    env.warning(`no policy for File_system session request '${label}'`);
    throw new ServiceDenied(`ram_fs has no policy for File_system session '${label}'`);
  }
  const policyRoot = policy.attribute('root');
  if (policyRoot === undefined) {
    env.error(`policy for '${label}' (config line ${policy.line}) has no "root" attribute`);
    throw new ServiceDenied(`ram_fs policy for '${label}' has no "root" attribute`);
  }
  let elements: string[];
  try {
    /* Each part is resolved on its own, so the argument's '..' cannot climb above the policy's root. */
    elements = [...pathElements(policyRoot.startsWith('/') ? policyRoot : `/${policyRoot}`), ...pathElements(`/${args.string('root', '/')}`)];
  } catch (error) {
    throw new ServiceDenied(`ram_fs: invalid root for '${label}': ${(error as Error).message}`);
  }
  const rootPath = `/${elements.join('/')}`;
  let root;
  try {
    root = tree.lookup(tree.root, elements, rootPath);
  } catch {
    root = undefined;
  }
  if (!(root instanceof Directory)) {
    env.warning(`root "${rootPath}" of File_system session '${label}' is not a directory`);
    throw new ServiceDenied(`ram_fs: root "${rootPath}" of '${label}' is not a directory`);
  }
  const writeable = policy.boolAttribute('writeable', false) && yes(args.string('writeable', 'no'));
  return { root, rootPath, writeable };
}
