/*
 * `nido check`'s entry: init's config, as text, checked with everything in
 * it, every finding at once (docs/check.md lists the checks).
 *
 *   const findings = checkInitConfig(text, 'examples/hello/config', environment);
 *   findings.map(formatFinding).join('\n');
 */

import { formatNumBytes } from '../../util/num_bytes.js';
import { parseXml, XmlParseError, type XmlNode } from '../../util/xml.js';
import type { CheckContext } from './context.js';
import type { CheckEnvironment } from './environment.js';
import { Findings, type Finding } from './finding.js';
import { checkComponentConfig } from './component_check.js';
import { checkInitLevel, checkNestedConfig } from './init_check.js';
import { componentSchema } from './schemas/index.js';
import { nodePlace } from './place.js';
import { coreParent } from './parent.js';

/** Checks init's config `root` (read from `file`), the init core starts with the environment's quota. */
export function checkInitNode(root: XmlNode, file: string, env: CheckEnvironment): Finding[] {
  const findings = new Findings();
  const ctx: CheckContext = { env, findings, checkedFiles: new Set([file]) };
  if (root.type !== 'config') {
    findings.warning(nodePlace(file, root), `the config's root is <${root.type}>: init reads it as its <config> anyway`, `write <config> ... </config>`);
  }
  checkInitLevel(ctx, file, root, coreParent(env), { ram: env.ram, caps: env.caps }, 'init', 0,
    { ram: `--ram ${formatNumBytes(env.ram)}`, caps: `--caps ${env.caps}` });
  return findings.sorted();
}

/** Checks init's config as text; a document that does not parse is one error at the place the parser names. */
export function checkInitConfig(text: string, file: string, env: CheckEnvironment): Finding[] {
  let root: XmlNode;
  try {
    root = parseXml(text, { source: file });
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    return [{ severity: 'error', file, line: error.line, column: error.column, message: error.reason, hint: undefined }];
  }
  return checkInitNode(root, file, env);
}

/**
 * Checks `text` as the config of component `component` on its own (no
 * init around it: its sessions are not followed). A config of init is
 * checked as init's, with core as its parent.
 *
 *   checkComponentConfigText('ram_fs', '<config> <policy label="x" root="/"/> </config>', 'ram_fs.config', environment);
 */
export function checkComponentConfigText(component: string, text: string, file: string, env: CheckEnvironment): Finding[] {
  const schema = componentSchema(component);
  if (schema === undefined) throw new Error(`no schema of "${component}"`);
  let root: XmlNode;
  try {
    root = parseXml(text, { source: file });
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    return [{ severity: 'error', file, line: error.line, column: error.column, message: error.reason, hint: undefined }];
  }
  if (schema.name === 'init') return checkInitNode(root, file, env);
  const findings = new Findings();
  const ctx: CheckContext = { env, findings, checkedFiles: new Set([file]) };
  checkComponentConfig(ctx, file, root, schema, (_ctx, nestedFile, nested) => checkNestedConfig(ctx, nestedFile, nested, 1));
  return findings.sorted();
}
