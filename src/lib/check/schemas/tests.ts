/*
 * Schemas of the test components of Genode's init test (spec/init.md §6,
 * §7): dummy, whose unknown nodes are ignored, and test-init, whose
 * unknown steps end it with an error. An `<init_config>` step is a config
 * of the init under test, checked as init's.
 */

import {
  attribute, BOOLEAN, element, NAME, NUMBER, SIZE, STRING,
  type ComponentSchema, type ElementSchema,
} from '../schema.js';

const dummyCommands: readonly ElementSchema[] = [
  element('log', 'Logs the string (49 characters at most).', { attributes: [attribute('string', STRING, 'the text')] }),
  element('exit', 'Exits with 0.'),
  element('sleep', 'Blocks the component.', { attributes: [attribute('ms', NUMBER, 'milliseconds', { fallback: '100' })] }),
  element('sleep_forever', 'Blocks forever.'),
  element('create_log_connections', 'Opens N LOG sessions labelled 0 .. N-1.', {
    attributes: [attribute('count', NUMBER, 'N', { fallback: '0' }), attribute('ram_upgrade', SIZE, 'upgrade each by this', { fallback: '0' })],
  }),
  element('destroy_log_connections', 'Closes them.'),
  element('log_service', 'Provides a LOG service.', {
    attributes: [attribute('verbose', BOOLEAN, 'log opens and closes', { fallback: 'no' }), attribute('delay_close_ms', NUMBER, 'block on close', { fallback: '0' })],
  }),
  element('consume_ram', 'Allocates this much of its RAM.', { attributes: [attribute('amount', SIZE, 'the amount', { fallback: '0' })] }),
  element('consume_caps', 'Creates this many RPC objects (100 at most).', { attributes: [attribute('amount', NUMBER, 'the amount', { fallback: '0' })] }),
  element('handle_yield_requests', 'Gives back what it holds on a yield request.'),
];

export const dummy: ComponentSchema = {
  name: 'dummy',
  summary: 'the configurable actor of Genode\'s init test (spec/init.md §6)',
  config: element('config', 'dummy\'s config: commands in document order.', {
    attributes: [attribute('version', STRING, 'a config of the version seen last is ignored')],
    children: dummyCommands,
  }),
  sessions: (config) => config.children('create_log_connections').flatMap((node) =>
    Array.from({ length: Math.min(node.naturalAttribute('count', 0), 64) }, (_, index) => ({ service: 'LOG', label: String(index), node }))),
};

const conditions = (): readonly ElementSchema[] => CONDITIONS;
const CONDITIONS: readonly ElementSchema[] = [
  element('attribute', 'An attribute of the state node.', {
    attributes: [
      attribute('name', NAME, 'the attribute', { required: 'warning' }),
      attribute('value', STRING, 'equals this ("" : absent)'),
      attribute('higher', SIZE, 'is above this'),
      attribute('lower', SIZE, 'is below this'),
    ],
  }),
  element('node', 'A sub node of this type meets the conditions inside.', { attributes: [attribute('name', NAME, 'the node type', { required: 'warning' })], children: conditions }),
  element('not', 'The conditions inside do not all hold.', { children: conditions }),
];

const steps: readonly ElementSchema[] = [
  element('init_config', 'Publishes the config of the init under test (report "init.config").', {
    attributes: [attribute('version', STRING, 'the config\'s version')],
    content: 'any',
    nested: (node) => [{ component: 'init', node, demoted: 'a warning here: test-init tests init with such mistakes on purpose' }],
  }),
  element('message', 'Logs "--- S ---".', { attributes: [attribute('string', STRING, 'the text')] }),
  element('nop', 'Does nothing.'),
  element('sleep', 'Waits.', { attributes: [attribute('ms', NUMBER, 'milliseconds', { fallback: '250' })] }),
  element('expect_log', 'Waits for this LOG message.', { attributes: [attribute('string', STRING, 'the message, "[label] text"', { required: 'warning' })] }),
  element('expect_warning', 'Waits for this warning.', {
    attributes: [attribute('string', STRING, 'the part before the colour', { required: 'warning' }), attribute('colored', STRING, 'the coloured part')],
  }),
  element('expect_init_state', 'Waits until init\'s state report meets the conditions.', { children: CONDITIONS }),
];

export const testInit: ComponentSchema = {
  name: 'test-init',
  summary: 'the driver of Genode\'s init test (spec/init.md §7.2)',
  config: element('config', 'test-init\'s script: steps in order.', { children: steps, unknownChild: 'error' }),
  sessions: (config) => [
    { service: 'Timer', label: '', node: config },
    { service: 'Report', label: 'init.config', node: config },
    { service: 'ROM', label: 'state', node: config },
  ],
};


