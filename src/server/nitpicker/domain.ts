/*
 * Domains: nitpicker's groups of sessions with one policy each
 * (Genode's nitpicker README, "Domains"). A session's label picks a
 * `<policy label_prefix=... domain=...>` (the strongest match, else
 * `<default-policy>`); the policy names a `<domain>` that says where its
 * views stack (layer, 0 in front), whether they are framed and labelled
 * (X-ray), tinted when unfocused, how the domain takes focus and hover,
 * and its coordinate system (origin, xpos, ypos) and screen size (width,
 * height; negative: the screen's less that much).
 */

import { selectPolicy, type Area, type Point, type XmlNode } from 'nido';
import { parseColor } from '../../lib/gui/surface.js';

export type Origin = 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right' | 'pointer';
export type FocusPolicy = 'none' | 'click' | 'transient';

export interface Domain {
  readonly name: string;
  readonly layer: number;
  /** Frame each view in the domain colour and paint the session label over it. */
  readonly label: boolean;
  /** Mix unfocused views' content with the domain colour. */
  readonly tinted: boolean;
  readonly color: number;
  readonly focus: FocusPolicy;
  /** Motion events also when not focused (a decorator, a panel). */
  readonly hoverAlways: boolean;
  readonly origin: Origin;
  readonly xpos: number;
  readonly ypos: number;
  /** Screen size told to clients: positive as is, negative less than the screen's, 0 the screen's. */
  readonly width: number;
  readonly height: number;
}

export class DomainConfigError extends Error {}

const ORIGINS: readonly Origin[] = ['top_left', 'top_right', 'bottom_left', 'bottom_right', 'pointer'];
const FOCUS: readonly FocusPolicy[] = ['none', 'click', 'transient'];
const DEFAULT_COLOR = 0xffffff;

function oneOf<T extends string>(node: XmlNode, attribute: string, values: readonly T[], fallback: T): T {
  const value = node.attribute(attribute);
  if (value === undefined) return fallback;
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new DomainConfigError(`<domain name="${node.stringAttribute('name', '')}"> ${attribute}="${value}": expected ${values.join(', ')}`);
}

function domainOf(node: XmlNode): Domain {
  const name = node.stringAttribute('name', '');
  const layer = node.attribute('layer');
  if (layer === undefined || !/^[0-9]+$/.test(layer)) {
    throw new DomainConfigError(`<domain name="${name}"> needs a layer (a number, 0 in front)`);
  }
  const colorText = node.attribute('color');
  const color = colorText === undefined ? DEFAULT_COLOR : parseColor(colorText);
  if (color === undefined) throw new DomainConfigError(`<domain name="${name}"> color="${colorText}": expected #rrggbb`);
  const content = node.stringAttribute('content', 'client');
  if (content !== 'client' && content !== 'tinted') {
    throw new DomainConfigError(`<domain name="${name}"> content="${content}": expected client or tinted`);
  }
  return {
    name,
    layer: Number(layer),
    label: node.boolAttribute('label', true),
    tinted: content === 'tinted',
    color,
    focus: oneOf(node, 'focus', FOCUS, 'none'),
    hoverAlways: oneOf(node, 'hover', ['focused', 'always'] as const, 'focused') === 'always',
    origin: oneOf(node, 'origin', ORIGINS, 'top_left'),
    xpos: node.integerAttribute('xpos', 0),
    ypos: node.integerAttribute('ypos', 0),
    width: node.integerAttribute('width', 0),
    height: node.integerAttribute('height', 0),
  };
}

/** The domains of a config; throws DomainConfigError naming the bad one. */
export function readDomains(config: XmlNode): Map<string, Domain> {
  const domains = new Map<string, Domain>();
  for (const node of config.children('domain')) {
    const domain = domainOf(node);
    if (domains.has(domain.name)) throw new DomainConfigError(`<domain name="${domain.name}"> is declared twice`);
    domains.set(domain.name, domain);
  }
  return domains;
}

/** The domain the config gives a session of `label`, or undefined (the session is denied). */
export function domainOfLabel(config: XmlNode, domains: ReadonlyMap<string, Domain>, label: string): Domain | undefined {
  const policy = selectPolicy(config, label);
  if (policy === undefined) return undefined;
  return domains.get(policy.stringAttribute('domain', ''));
}

/** Where (0, 0) of the domain's coordinates lies on the screen. */
export function domainOrigin(domain: Domain, screen: Area, pointer: Point): Point {
  const base = ((): Point => {
    switch (domain.origin) {
      case 'top_left': return { x: 0, y: 0 };
      case 'top_right': return { x: screen.width, y: 0 };
      case 'bottom_left': return { x: 0, y: screen.height };
      case 'bottom_right': return { x: screen.width, y: screen.height };
      case 'pointer': return pointer;
    }
  })();
  return { x: base.x + domain.xpos, y: base.y + domain.ypos };
}

/** The screen size a client of the domain is told. */
export function domainScreenSize(domain: Domain, screen: Area): Area {
  const constrain = (constraint: number, physical: number) =>
    constraint > 0 ? constraint : Math.max(0, physical + constraint);
  return { width: constrain(domain.width, screen.width), height: constrain(domain.height, screen.height) };
}
