/*
 * What the checks of one init's config share: the environment, the
 * findings, the model of the config, and what lies beyond it (its parent),
 * so that nested inits are checked with the routes of the init around
 * them.
 */

import type { XmlNode } from '../../util/xml.js';
import type { CheckEnvironment, RomModule } from './environment.js';
import type { Findings, Severity } from './finding.js';
import type { InitModel } from './init_model.js';
import type { LabelPattern } from './label_pattern.js';
import { attributePlace, nodePlace } from './place.js';

export interface CheckContext {
  readonly env: CheckEnvironment;
  readonly findings: Findings;
  /** ROM modules whose config was checked already, so that two readers do not check it twice. */
  readonly checkedFiles: Set<string>;
}

/** What a request that leaves an init towards its parent meets. */
export type ParentOutcome =
  | { readonly kind: 'served'; readonly module?: RomModule }
  | { readonly kind: 'denied'; readonly reason: string; readonly hint: string | undefined }
  /** Not decidable from here; `module` is core's module of that name, where there is one, to pick a schema by. */
  | { readonly kind: 'unknown'; readonly module?: RomModule };

export interface ParentContext {
  /** Who the parent is, for messages: "core", `init "system"`. */
  readonly name: string;
  /** Whether the parent is known at all (a config test-init publishes runs in an init the check does not see). */
  readonly known: boolean;
  /** A request of this init for `service`, with the label it forwards (its own name not yet prefixed). */
  request(service: string, label: LabelPattern): ParentOutcome;
}

export interface Level {
  readonly ctx: CheckContext;
  readonly file: string;
  readonly model: InitModel;
  readonly parent: ParentContext;
  /** The RAM and caps this init has, where known. */
  readonly quota: { readonly ram: number; readonly caps: number } | undefined;
  /** How messages name this init: "init", `init "system"`. */
  readonly name: string;
}

/** Reports at a node, or at one of its attributes. */
export function report(level: { readonly ctx: CheckContext; readonly file: string }, severity: Severity, node: XmlNode, message: string, hint?: string, attribute?: string): void {
  const place = attribute === undefined ? nodePlace(level.file, node) : attributePlace(level.file, node, attribute);
  level.ctx.findings.add(severity, place, message, hint);
}
