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

import { required } from './session_costs.js';
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
const UNSAFE = /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_LABEL = /[\x00-\x1f\x7f-\x9f]/g;

const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Makes `text` harmless for a terminal, keeping colour escapes (C0 and C1 controls are shown as \xNN). */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, (match) => (match.length > 1 ? match : hex(match)));
}

/* A label is partly chosen by the client: no escape of any kind. */
function sanitizeLabel(label: string): string {
  return label.replace(UNSAFE_IN_LABEL, hex);
}

/* Where to cut `line` at most `max` units in, without splitting a colour escape or a surrogate pair. */
function cut(line: string, max: number): number {
  if (line.length <= max) return line.length;
  let at = max;
  const escape = line.lastIndexOf('\x1b', at - 1);
  if (escape >= 0 && escape > line.lastIndexOf('m', at - 1) && line.indexOf('m', escape) >= at) at = escape;
  const code = line.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at--;
  return at > 0 ? at : max;
}

/** Splits a write into the lines it prints. */
export function logLines(label: string, text: string): string[] {
  const lines: string[] = [];
  const prefix = `[${sanitizeLabel(label)}] `;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  for (const raw of body.split('\n')) {
    let line = sanitize(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    do {
      const at = cut(line, MAX_LINE);
      lines.push(prefix + line.slice(0, at));
      line = line.slice(at);
    } while (line.length > 0);
  }
  return lines;
}

export function logService(ipc: Ipc, output: LogOutput): RootComponent<Log> {
  return new RootComponent(ipc, Log, (args) => ({
    write: async (text: string) => {
      for (const line of logLines(args.label, String(text))) await output.line(line);
    },
  }), { ram: required(LOG_SESSION_RAM), caps: LOG_SESSION_CAPS });
}
