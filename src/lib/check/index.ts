/*
 * The checks of `nido check` and the schemas of `nido schema`
 * (docs/check.md): pure, no node:* — the caller gives the environment
 * (where ROM modules are, init's quota).
 *
 *   import { checkInitConfig, formatFinding } from '../lib/check/index.js';
 *   for (const finding of checkInitConfig(text, 'hello/config', environment)) console.log(formatFinding(finding));
 */

export { checkComponentConfigText, checkInitConfig, checkInitNode } from './check.js';
export { CORE_SERVICES, type CheckEnvironment, type RomModule } from './environment.js';
export { Findings, formatFinding, hasErrors, summary, type Finding, type Place, type Severity } from './finding.js';
export { SCHEMAS, componentSchema } from './schemas/index.js';
export type { ComponentSchema, ElementSchema, AttributeSchema, ValueType } from './schema.js';
export { editDistance, suggestion } from './edit_distance.js';
