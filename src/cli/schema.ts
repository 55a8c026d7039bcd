/*
 * `nido schema [NAME]`: the XSD of a component's config for XML editors
 * (src/lib/check/xsd.ts; docs/cli.md shows how VS Code's XML extension
 * uses it). Without NAME, the list of the schemas there are.
 */

import { componentSchema, SCHEMAS, suggestion } from '../lib/check/index.js';
import { toXsd } from '../lib/check/xsd.js';

export class SchemaUsageError extends Error {}

export function schema(argv: string[], out: (text: string) => void = (text) => process.stdout.write(text)): number {
  if (argv.length > 1 || argv.some((arg) => arg.startsWith('-'))) throw new SchemaUsageError('schema: expected one component name, e.g. nido schema init');
  const [name] = argv;
  if (name === undefined) {
    const width = Math.max(...SCHEMAS.map((s) => s.name.length));
    out(`Schemas (nido schema NAME prints one as XSD):\n${SCHEMAS.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`).join('\n')}\n`);
    return 0;
  }
  const found = componentSchema(name);
  if (found === undefined) {
    const near = suggestion(name, SCHEMAS.map((s) => s.name));
    throw new SchemaUsageError(`schema: no schema "${name}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; nido schema lists them`);
  }
  out(toXsd(found));
  return 0;
}
