/*
 * A component's config checked against the schema of its binary: the
 * grammar (validate.ts), the component's own checks, and the configs
 * nested in it (a plugin's init). Which schema applies follows from where
 * core finds the binary: a shipped component by its name, a `.wasm`
 * program the C runtime's; a component of the boot directory has none.
 * Nested configs are handed to `nested` (init_check.ts, which checks an
 * init's as init's).
 */

import type { XmlNode } from '../../util/xml.js';
import type { CheckContext } from './context.js';
import type { RomModule } from './environment.js';
import { report } from './context.js';
import { componentSchema, libcSchema } from './schemas/index.js';
import type { ComponentSchema, NestedConfig } from './schema.js';
import { validateElement } from './validate.js';

/** The schema of the binary core would hand out as `module`, or undefined (a component of the user's). */
export function schemaOfModule(module: RomModule | undefined): ComponentSchema | undefined {
  if (module === undefined) return undefined;
  if (module.origin === 'component') return componentSchema(module.file.replace(/\.js$/, ''));
  if (module.file.endsWith('.wasm')) return libcSchema;
  return undefined;
}

/** Checks `config` as the config of a component of `schema` (not init: init_check.ts does init's). */
export function checkComponentConfig(
  ctx: CheckContext, file: string, config: XmlNode, schema: ComponentSchema, nested: (ctx: CheckContext, file: string, nested: NestedConfig) => void,
): void {
  validateElement(config, schema.config, {
    file,
    findings: ctx.findings,
    reader: schema.name === 'libc' ? 'the C runtime' : schema.name,
    nested: (found) => nested(ctx, file, found),
  });
  schema.check?.(config, (severity, node, message, hint, attribute) => report({ ctx, file }, severity, node, message, hint, attribute));
}
