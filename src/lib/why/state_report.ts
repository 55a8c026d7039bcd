/*
 * init's state report (spec/init.md §5.1, sandbox/state_reporter.ts) read
 * back: what `nido why` learns of a running or finished system. Only what
 * the report's `<report>` options put in it is there; absent parts are
 * undefined, not zero.
 *
 *   const state = parseStateReport('<state><child name="a" binary="a" state="incomplete"/></state>');
 *   state.children[0]?.incomplete // true
 */

import { parseNumBytes, parseXml, type XmlNode } from 'nido';

export interface ReportedQuota {
  readonly assigned: number | undefined;
  readonly quota: number | undefined;
  readonly used: number | undefined;
  readonly avail: number | undefined;
  readonly requested: number | undefined;
}

export interface ReportedSession {
  readonly service: string;
  /** The server-side label, after rewriting. */
  readonly label: string;
  readonly state: string;
  readonly ram: number;
  readonly caps: number;
  /** The client-side argument string (with `session_args="yes"`). */
  readonly args: string | undefined;
}

export interface ReportedChild {
  readonly name: string;
  readonly binary: string;
  readonly version: string | undefined;
  readonly incomplete: boolean;
  readonly exited: number | undefined;
  readonly skippedHeartbeats: number | undefined;
  readonly ram: ReportedQuota | undefined;
  readonly caps: ReportedQuota | undefined;
  /** Sessions the child asked for (with `requested="yes"`), ascending id: env sessions first. */
  readonly requested: readonly ReportedSession[] | undefined;
  /** Sessions the child serves (with `provided="yes"`). */
  readonly provided: readonly ReportedSession[] | undefined;
}

export interface StateReport {
  readonly version: string | undefined;
  readonly error: string | undefined;
  readonly ram: ReportedQuota | undefined;
  readonly caps: ReportedQuota | undefined;
  readonly children: readonly ReportedChild[];
}

function amount(node: XmlNode, name: string, bytes: boolean): number | undefined {
  const value = node.attribute(name);
  if (value === undefined) return undefined;
  return bytes ? parseNumBytes(value) : node.naturalAttribute(name, 0);
}

function quota(node: XmlNode | undefined, bytes: boolean): ReportedQuota | undefined {
  if (node === undefined) return undefined;
  return {
    assigned: amount(node, 'assigned', bytes),
    quota: amount(node, 'quota', bytes),
    used: amount(node, 'used', bytes),
    avail: amount(node, 'avail', bytes),
    requested: amount(node, 'requested', bytes),
  };
}

function sessions(node: XmlNode | undefined): ReportedSession[] | undefined {
  return node?.children('session').map((session) => ({
    service: session.stringAttribute('service', ''),
    label: session.stringAttribute('label', ''),
    state: session.stringAttribute('state', ''),
    ram: session.numBytesAttribute('ram', 0),
    caps: session.naturalAttribute('caps', 0),
    args: session.child('args')?.text(),
  }));
}

/** Reads a `<state>` report; throws XmlParseError (with `source`, line and column) when it is no XML. */
export function parseStateReport(text: string, source = 'state'): StateReport {
  const state = parseXml(text, { source });
  return {
    version: state.attribute('version'),
    error: state.attribute('error'),
    ram: quota(state.child('ram'), true),
    caps: quota(state.child('caps'), false),
    children: state.children('child').map((child) => ({
      name: child.stringAttribute('name', ''),
      binary: child.stringAttribute('binary', ''),
      version: child.attribute('version'),
      incomplete: child.attribute('state') === 'incomplete',
      exited: child.hasAttribute('exited') ? child.integerAttribute('exited', 0) : undefined,
      skippedHeartbeats: child.hasAttribute('skipped_heartbeats') ? child.naturalAttribute('skipped_heartbeats', 0) : undefined,
      ram: quota(child.child('ram'), true),
      caps: quota(child.child('caps'), false),
      requested: sessions(child.child('requested')),
      provided: sessions(child.child('provided')),
    })),
  };
}
