/*
 * What core's services require of a session's RAM donation. Clients donate
 * the interface's default (PD_SESSION_RAM, ...); every parent on the way
 * keeps its bookkeeping costs (512 bytes per init, spec/init.md §3.3), so
 * core asks for half of the default: a session from deep in the tree still
 * opens at the first attempt, and the environment costs that init budgets
 * (ENV_RAM) stay what is actually paid.
 */

export function required(defaultDonation: number): number {
  return Math.floor(defaultDonation / 2);
}
