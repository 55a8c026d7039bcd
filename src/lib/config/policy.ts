/*
 * Server-side policies (spec/init.md §2.8): a server picks, for each
 * session, the `<policy>` whose `label`, `label_prefix` and
 * `label_suffix` match the session's label best, else its
 * `<default-policy>`. The typed helpers of shipped components
 * (report_rom.ts, ram_fs.ts, nitpicker.ts) take their policies as plain
 * objects and write them with policyNodes().
 *
 *   policy({ label_prefix: 'client', precision: 2 })  // <policy label_prefix="client" precision="2"/>
 *   defaultPolicy({ precision: 0 })                   // <default-policy precision="0"/>
 */

import { InvalidConfig } from './invalid_config.js';
import { element, XmlElement, type Attributes, type AttributeValue, type Content } from './xml_element.js';

/** Which session labels a policy is for: the whole label, its beginning, its end (all that are given must hold). */
export interface LabelSelector {
  readonly label?: string;
  readonly label_prefix?: string;
  readonly label_suffix?: string;
}

/** A policy's label selectors and the server's own settings. */
export interface PolicyAttributes extends LabelSelector {
  readonly [setting: string]: AttributeValue | undefined;
}

function checkSelector(what: string, attributes: LabelSelector): void {
  if (typeof attributes !== 'object' || attributes === null || attributes instanceof XmlElement) {
    throw new InvalidConfig(`${what}: expected its attributes ({ label, label_prefix, label_suffix, ... })`);
  }
  if (attributes.label === undefined && attributes.label_prefix === undefined && attributes.label_suffix === undefined) {
    throw new InvalidConfig(`${what} without label, label_prefix or label_suffix matches no client (spec/init.md §2.8); for every client use a default policy`);
  }
}

/**
 * A server's `<policy>`: the settings of the clients whose label it
 * selects. In init's `service` (init as a server) its content is the
 * `child()` to forward to.
 *
 *   policy({ label_prefix: 'client', precision: 2 })
 */
export function policy(attributes: PolicyAttributes, ...content: Content[]): XmlElement<'policy'> {
  checkSelector('<policy>', attributes);
  return new XmlElement('policy', attributes, content);
}

/** The `<default-policy>`: the settings of clients that no `<policy>` selects. */
export function defaultPolicy(attributes?: Attributes, ...content: Content[]): XmlElement<'default-policy'>;
export function defaultPolicy(...content: Content[]): XmlElement<'default-policy'>;
export function defaultPolicy(...rest: (Attributes | Content | undefined)[]): XmlElement<'default-policy'> {
  return element('default-policy', rest);
}

/**
 * The `<policy>` nodes of a typed helper's policies, then its
 * `<default-policy>`, each policy's selector checked.
 */
export function policyNodes<Settings extends { readonly [Key in keyof Settings]: AttributeValue | undefined }>(
  what: string,
  policies: readonly (LabelSelector & Settings)[] | undefined,
  fallback: Settings | undefined,
): XmlElement[] {
  if (policies !== undefined && !Array.isArray(policies)) throw new InvalidConfig(`${what}: policy must be a list of policies ({ label_prefix, ... })`);
  const nodes: XmlElement[] = (policies ?? []).map((entry) => {
    checkSelector(`${what}: a policy`, entry);
    return new XmlElement('policy', entry as Attributes, []);
  });
  if (fallback !== undefined) nodes.push(new XmlElement('default-policy', fallback as Attributes, []));
  return nodes;
}
