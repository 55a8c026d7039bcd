/*
 * `<policy>` and `<default-policy>` of a server's config: the best match
 * by label selects one for a session (spec/init.md §2.8).
 */

import { attribute, element, LABEL, variant, type AttributeSchema, type ElementOptions, type ElementSchema } from '../schema.js';

export const POLICY_LABELS: readonly AttributeSchema[] = [
  attribute('label', LABEL, 'the session label equals this'),
  attribute('label_prefix', LABEL, 'the session label starts with this'),
  attribute('label_suffix', LABEL, 'the session label ends with this'),
];

/** `<policy>` with the label conditions and `attributes`, and `<default-policy>` with `attributes` alone. */
export function policies(doc: string, options: ElementOptions = {}): [ElementSchema, ElementSchema] {
  const policy = element('policy', `${doc} (for sessions whose label matches; the best match wins)`, {
    ...options,
    attributes: [...POLICY_LABELS, ...(options.attributes ?? [])],
  });
  const fallback = variant(policy, 'default-policy', {
    doc: `${doc} (for sessions no <policy> matches)`,
    attributes: options.attributes ?? [],
  });
  return [policy, fallback];
}
