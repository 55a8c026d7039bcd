/*
 * Report session: a component publishes one document (usually XML) under
 * its session label; the server keeps the newest version.
 */

import { defineInterface } from '../../base/interface.js';

export interface Report {
  /** Replaces the report with `content` (at most the session's buffer_size bytes). */
  submit(content: string): void;
}

export const Report = defineInterface<Report>('Report', ['submit']);

export const REPORT_SESSION_CAPS = 2;
