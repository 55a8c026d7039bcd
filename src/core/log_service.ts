/*
 * Core's LOG service: every write becomes lines `[label] text` on the
 * host's output.
 *
 * Lines are split at newlines and at MAX_LINE characters; control
 * characters other than tab and colour escapes (ESC [ ... m, which
 * Genode's warnings and errors use) are shown as `\xNN`, so no component
 * can move the cursor or clear a terminal. A write is answered once the
 * output has taken it, so a flooding client waits for the host instead of
 * making core buffer without bound.
 */

import { RootComponent } from '../base/root_component.js';
import type { Ipc } from '../base/ipc.js';
import { Log, LOG_SESSION_CAPS, LOG_SESSION_RAM } from '../session/log/interface.js';

export const MAX_LINE = 1024;

/** Where core's log lines go (stdout in `nido run`). */
export interface LogOutput {
  /** Takes one complete line; a promise defers the writer until the output drained. */
  line(text: string): void | Promise<void>;
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f]/g;

/** Makes `text` harmless for a terminal, keeping colour escapes. */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, (match) => (match.length > 1 ? match : `\\x${match.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** Splits a write into the lines it prints. */
export function logLines(label: string, text: string): string[] {
  const lines: string[] = [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  for (const raw of body.split('\n')) {
    const line = sanitize(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    for (let at = 0; at === 0 || at < line.length; at += MAX_LINE) {
      lines.push(`[${label}] ${line.slice(at, at + MAX_LINE)}`);
    }
  }
  return lines;
}

export function logService(ipc: Ipc, output: LogOutput): RootComponent<Log> {
  return new RootComponent(ipc, Log, (args) => ({
    write: async (text: string) => {
      for (const line of logLines(args.label, String(text))) await output.line(line);
    },
  }), { ram: LOG_SESSION_RAM, caps: LOG_SESSION_CAPS });
}
