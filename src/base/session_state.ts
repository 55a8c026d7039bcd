/*
 * The life cycle of a session as its parent tracks it (spec/init.md §9.2),
 * with the names the state report uses.
 */

export type SessionState =
  | 'CREATE_REQUESTED'
  | 'SERVICE_DENIED'
  | 'INSUFFICIENT_RAM_QUOTA'
  | 'INSUFFICIENT_CAP_QUOTA'
  | 'AVAILABLE'
  | 'CAP_HANDED_OUT'
  | 'UPGRADE_REQUESTED'
  | 'CLOSE_REQUESTED'
  | 'CLOSED';

/** Alive sessions hold donated quota at their server. */
export function sessionAlive(state: SessionState): boolean {
  return state === 'AVAILABLE' || state === 'CAP_HANDED_OUT' || state === 'UPGRADE_REQUESTED' || state === 'CLOSE_REQUESTED';
}
