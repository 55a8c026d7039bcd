/*
 * report_rom's config in a typed config (docs/components.md,
 * spec/init.md §8.1): which report each ROM client reads, chosen by the
 * client's label.
 *
 *   reportRom({ verbose: true, policy: [{ label: 'viewer -> status', report: 'producer -> status' }] })
 *   // <config verbose="yes"> <policy label="viewer -> status" report="producer -> status"/> </config>
 */

import { InvalidConfig } from './invalid_config.js';
import { policyNodes, type LabelSelector } from './policy.js';
import { XmlElement } from './xml_element.js';

/** The report a ROM client gets: the label the report was made under ("producer -> status"). */
export interface ReportRomPolicy {
  readonly report: string;
}

export interface ReportRomOptions {
  /** Log every report as it arrives. */
  readonly verbose?: boolean;
  /** Which clients read which report. */
  readonly policy?: readonly (LabelSelector & ReportRomPolicy)[];
  /** The report of clients no policy selects. */
  readonly defaultPolicy?: ReportRomPolicy;
}

/** report_rom's `<config>`. */
export function reportRom(options: ReportRomOptions = {}): XmlElement<'config'> {
  for (const entry of [...(options.policy ?? []), ...(options.defaultPolicy === undefined ? [] : [options.defaultPolicy])]) {
    if (typeof entry?.report !== 'string' || entry.report === '') throw new InvalidConfig('reportRom(): every policy names its report ({ label, report: "producer -> status" })');
  }
  return new XmlElement('config', { verbose: options.verbose }, policyNodes('reportRom()', options.policy, options.defaultPolicy));
}
