/*
 * Global keys (`<global-key name="KEY_F12" label="launchpad"/>`): a key
 * sequence that starts with the named key goes to the client of that
 * label, whoever has the focus. The first entry for the key whose client
 * is present wins (Genode's nitpicker README, "Global key definitions").
 */

import { isKeyName, type KeyName, type XmlNode } from 'nido';

export interface GlobalKey {
  readonly key: KeyName;
  readonly label: string;
}

export class GlobalKeyConfigError extends Error {}

export function readGlobalKeys(config: XmlNode): GlobalKey[] {
  return config.children('global-key').map((node) => {
    const key = node.stringAttribute('name', '');
    if (!isKeyName(key)) throw new GlobalKeyConfigError(`<global-key name="${key}">: not a key name (KEY_F12, BTN_MIDDLE, ...)`);
    const label = node.attribute('label');
    if (label === undefined) throw new GlobalKeyConfigError(`<global-key name="${key}"> needs a label`);
    return { key, label };
  });
}

/** The receiver of a sequence starting with `key`: the first configured one present among `owners`. */
export function globalReceiver<T extends { readonly label: string }>(keys: readonly GlobalKey[], key: KeyName, owners: Iterable<T>): T | undefined {
  const present = [...owners];
  for (const entry of keys) {
    if (entry.key !== key) continue;
    const owner = present.find((candidate) => candidate.label === entry.label);
    if (owner !== undefined) return owner;
  }
  return undefined;
}
