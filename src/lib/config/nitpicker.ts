/*
 * nitpicker's config in a typed config (docs/gui.md, "nitpicker's
 * config"): domains, the policies that put sessions into them, global
 * keys, the background, screen drivers and reports.
 *
 *   nitpicker({
 *     domain: [
 *       { name: 'pointer', layer: 1, content: 'client', label: false, origin: 'pointer' },
 *       { name: 'default', layer: 3, content: 'tinted', focus: 'click', color: '#6699cc' },
 *     ],
 *     policy: [{ label_prefix: 'pointer', domain: 'pointer' }],
 *     defaultPolicy: { domain: 'default' },
 *     capture: true,
 *     event: true,
 *   })
 */

import { InvalidConfig } from './invalid_config.js';
import { policyNodes, type LabelSelector } from './policy.js';
import { XmlElement } from './xml_element.js';

/** `#rrggbb`. */
export type Color = `#${string}`;

/** A `<domain>`: a layer of views with its look and behaviour. */
export interface NitpickerDomain {
  readonly name: string;
  /** 0 is front-most. */
  readonly layer: number;
  /** A frame and the session label over each view (default true). */
  readonly label?: boolean;
  /** `tinted`: unfocused views mixed with `color`. */
  readonly content?: 'client' | 'tinted';
  readonly color?: Color;
  readonly focus?: 'none' | 'click' | 'transient';
  readonly hover?: 'focused' | 'always';
  readonly origin?: 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right' | 'pointer';
  readonly xpos?: number;
  readonly ypos?: number;
  /** The screen size its clients are told: positive as is, negative less than the screen's. */
  readonly width?: number;
  readonly height?: number;
}

/** The part of the panorama a screen driver captures. */
export interface CapturePolicy {
  readonly xpos?: number;
  readonly ypos?: number;
  readonly width?: number;
  readonly height?: number;
}

export interface NitpickerOptions {
  readonly domain: readonly NitpickerDomain[];
  /** Which sessions go into which domain (no match and no default: denied). */
  readonly policy?: readonly (LabelSelector & { readonly domain: string })[];
  readonly defaultPolicy?: { readonly domain: string };
  /** `<global-key name label>`: key sequences starting with the key go to that client. */
  readonly globalKey?: readonly { readonly name: string; readonly label: string }[];
  readonly background?: { readonly color: Color };
  /** `<capture>`: which screen drivers get pixels; `true` is `<capture/>`. */
  readonly capture?: true | { readonly policy?: readonly (LabelSelector & CapturePolicy)[]; readonly defaultPolicy?: CapturePolicy };
  /** `<event/>`: Event sessions are accepted. */
  readonly event?: boolean;
  /** `<report>`: the Report sessions to open. */
  readonly report?: { readonly focus?: boolean; readonly hover?: boolean; readonly pointer?: boolean; readonly keystate?: boolean; readonly clicked?: boolean; readonly displays?: boolean };
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

function color(what: string, value: string | undefined): string | undefined {
  if (value !== undefined && !COLOR.test(value)) throw new InvalidConfig(`${what}: color ${JSON.stringify(value)} is no #rrggbb`);
  return value;
}

function domainNode(domain: NitpickerDomain): XmlElement<'domain'> {
  const what = `nitpicker() domain "${domain.name}"`;
  if (typeof domain.name !== 'string' || domain.name === '') throw new InvalidConfig('nitpicker(): every domain has a name');
  if (!Number.isSafeInteger(domain.layer) || domain.layer < 0) throw new InvalidConfig(`${what}: layer must be a whole number, 0 in front`);
  return new XmlElement('domain', {
    name: domain.name,
    layer: domain.layer,
    content: domain.content,
    label: domain.label,
    focus: domain.focus,
    hover: domain.hover,
    origin: domain.origin,
    color: color(what, domain.color),
    xpos: domain.xpos,
    ypos: domain.ypos,
    width: domain.width,
    height: domain.height,
  }, []);
}

/** nitpicker's `<config>`; a policy naming a domain that is not there is refused (nitpicker would deny its sessions). */
export function nitpicker(options: NitpickerOptions): XmlElement<'config'> {
  const domains = (options.domain ?? []).map(domainNode);
  const names = new Set<string>();
  for (const node of domains) {
    const name = node.attribute('name') ?? '';
    if (names.has(name)) throw new InvalidConfig(`nitpicker(): domain "${name}" is declared twice`);
    names.add(name);
  }
  for (const entry of [...(options.policy ?? []), ...(options.defaultPolicy === undefined ? [] : [options.defaultPolicy])]) {
    if (!names.has(entry.domain)) throw new InvalidConfig(`nitpicker(): a policy names domain "${entry.domain}", which is none of ${[...names].map((name) => `"${name}"`).join(', ') || 'no domains'}`);
  }
  const content: XmlElement[] = [];
  if (options.capture !== undefined) {
    const capture = options.capture === true ? {} : options.capture;
    content.push(new XmlElement('capture', {}, policyNodes('nitpicker() capture', capture.policy, capture.defaultPolicy)));
  }
  if (options.event === true) content.push(new XmlElement('event', {}, []));
  content.push(...domains, ...policyNodes('nitpicker()', options.policy, options.defaultPolicy));
  for (const key of options.globalKey ?? []) content.push(new XmlElement('global-key', { name: key.name, label: key.label }, []));
  if (options.background !== undefined) content.push(new XmlElement('background', { color: color('nitpicker() background', options.background.color) }, []));
  if (options.report !== undefined) content.push(new XmlElement('report', { ...options.report }, []));
  return new XmlElement('config', {}, content);
}
