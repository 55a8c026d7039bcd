/*
 * examples/demo's config in TypeScript (docs/config.md): a server, a
 * client routed to it by label, a ticker on core's Timer, and init's state
 * report in reports/init/state. `nido run examples/typed_config` runs it;
 * `nido run examples/typed_config --print-config` prints the XML, the
 * same as examples/demo/config.
 */

import { init, start, config, policy, defaultPolicy, service, anyService, parent, child, anyChild } from 'nido/config';

const rounds = 3;

export default init({
  version: 'demo',
  parentProvides: ['ROM', 'PD', 'CPU', 'LOG', 'Timer', 'Report'],
  defaultRoute: [anyService(parent(), anyChild())],
  default: { caps: 100, ram: '2M' },
  report: { init_ram: true, init_caps: true, child_ram: true, child_caps: true, requested: true, provided: true, delay_ms: 200 },
  start: [
    start('calculator', {
      provides: ['Calculator'],
      config: config(
        policy({ label_prefix: 'client', precision: 2 }),
        defaultPolicy({ precision: 0 }),
      ),
    }),
    start('client', {
      exit: { propagate: true },
      route: [
        service('Calculator', child('calculator')),
        anyService(parent()),
      ],
      config: config({ rounds }),
    }),
    start('ticker', { config: config({ ticks: 3, period_ms: 300 }) }),
  ],
});
