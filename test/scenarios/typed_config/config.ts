/*
 * The typed-config scenario (test/scenarios/typed_config.test.ts): a
 * greeter and its visitors, each routed to it; the first one's label is
 * rewritten, so the greeter's policy for "guest" applies to it. The test
 * adds a visitor to the list while the system runs.
 */

import { init, start, config, policy, defaultPolicy, service, anyService, parent, child } from 'nido/config';

const visitors: readonly string[] = ['visitor'];

export default init({
  version: 'typed',
  parentProvides: ['ROM', 'PD', 'CPU', 'LOG'],
  defaultRoute: [anyService(parent())],
  default: { caps: 100, ram: '2M' },
  report: { requested: true, provided: true, delay_ms: 100 },
  start: [
    start('greeter', {
      provides: ['Greeting'],
      config: config(
        policy({ label: 'guest', greeting: 'Welcome' }),
        defaultPolicy({ greeting: 'Hello' }),
      ),
    }),
    ...visitors.map((name, index) => start(name, {
      binary: 'visitor',
      route: [
        service('Greeting', child('greeter', index === 0 ? { label: 'guest' } : {})),
        anyService(parent()),
      ],
      config: config({ name }),
    })),
  ],
});
