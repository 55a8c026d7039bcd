/*
 * The schema of init's config (spec/init.md §1): what init reads, with
 * Genode's older syntax recognised (§1.14). init ignores sub nodes and
 * attributes it does not know (warnings); a nameless `<start>` and a
 * `<resource>` of another name than RAM or CAP are errors (§1.10, §1.12).
 * The checks that need the whole config (routes, quotas, binaries) are in
 * ../init_check.ts.
 */

import type { XmlNode } from '../../../util/xml.js';
import {
  attribute, BOOLEAN, element, INTEGER, LABEL, NAME, NUMBER, oneOf, SIZE, STRING,
  type ComponentSchema, type ElementSchema, type Retired,
} from '../schema.js';

const LABEL_CONDITIONS = [
  attribute('label', LABEL, 'the scoped label (without the child\'s name) equals this'),
  attribute('label_prefix', LABEL, 'the scoped label starts with this'),
  attribute('label_suffix', LABEL, 'the scoped label ends with this'),
  attribute('label_last', LABEL, 'the last element of the label equals this (also for environment sessions)'),
  attribute('unscoped_label', LABEL, 'the whole label, the child\'s name included, equals this (the dynamic linker: "ld.lib.so")'),
];

const REWRITING = [
  attribute('label', LABEL, 'the label the server sees, replacing the whole label'),
  attribute('identity', LABEL, 'replaces the label\'s prefix (the client\'s identity)'),
  attribute('resource', LABEL, 'replaces the label\'s last element'),
  attribute('prepend_resource', LABEL, 'put before the label\'s last element (a path: "/home")'),
];

const parentTarget = element('parent', 'The session goes to init\'s parent; the service must be in <parent-provides>.', { attributes: REWRITING });
const childTarget = element('child', 'The session goes to the named child (or alias), which must provide the service.', {
  attributes: [attribute('name', NAME, 'the child or alias', { required: 'error' }), ...REWRITING],
});
const anyChildTarget = element('any-child', 'The session goes to the one child that provides the service (two: an error, the next target is tried).', { attributes: REWRITING });
const localTarget = element('local', 'A service local to the program embedding the sandbox (plain init has none).');

const IF_ARG: Retired = {
  kind: 'element',
  name: 'if-arg',
  severity: 'warning',
  explain: () => ({
    message: '<if-arg> is Genode\'s 2012 syntax: init ignores it',
    hint: 'match the label with label, label_prefix, label_suffix or label_last on the rule',
  }),
};

const TARGETS = [parentTarget, childTarget, anyChildTarget, localTarget];

const serviceRule = element('service', 'A rule for the sessions of one service; its targets are tried in order, and when all fail the session is denied (no fall-through).', {
  attributes: [attribute('name', NAME, 'the service name', { required: 'warning' }), ...LABEL_CONDITIONS],
  children: TARGETS,
  retired: [IF_ARG],
});
const anyServiceRule = element('any-service', 'A rule for the sessions of every service; when all its targets fail, the next rule is tried.', {
  attributes: LABEL_CONDITIONS,
  children: TARGETS,
  retired: [IF_ARG],
});

const RULES = [serviceRule, anyServiceRule];

const providedService = element('service', 'A service.', { attributes: [attribute('name', NAME, 'the service name', { required: 'warning' })] });

export const parentProvidesSchema = element('parent-provides', 'The services init may request from its parent: a <parent/> route target resolves only these.', {
  children: [providedService],
  single: 'last',
});

const defaultRoute = element('default-route', 'The routing table of every <start> without a <route>.', { children: RULES, single: 'last' });
const route = element('route', 'The child\'s own routing table (no fall-back to <default-route>).', { children: RULES, single: 'first' });

const defaults = element('default', 'Quotas of every <start> that does not give its own.', {
  attributes: [
    attribute('ram', SIZE, 'RAM of a child without ram', { fallback: '0' }),
    attribute('caps', NUMBER, 'capabilities of a child without caps', { fallback: '0' }),
  ],
  single: 'last',
});

const startResource = element('resource', 'Genode\'s older quota syntax: <resource name="RAM" quantum="4M"/>, <resource name="CAP" quantum="100"/>.', {
  attributes: [
    attribute('name', oneOf('RAM', 'CAP'), 'RAM or CAP', { required: 'warning' }),
    attribute('quantum', STRING, 'the amount: a size for RAM, a number for CAP', { required: 'warning' }),
  ],
});

const quantumOnStart: Retired = {
  kind: 'attribute',
  name: 'quantum',
  severity: 'warning',
  explain: (node: XmlNode) => {
    const value = node.attribute('quantum') ?? '';
    return {
      message: `quantum="${value}" means nothing on <start>: init ignores it`,
      hint: `did you mean <resource name="RAM" quantum="${value}"/> inside <start>, or ram="${/^\d+$/.test(value) ? `${value}M` : value}"?`,
    };
  },
};

const startRetired: Retired[] = [
  quantumOnStart,
  {
    kind: 'element',
    name: 'configfile',
    severity: 'warning',
    explain: (node) => ({
      message: '<configfile> was removed from Genode in 2020: init ignores it',
      hint: `route the child's config ROM instead: <service name="ROM" label="config"> <parent label="${node.attribute('name') ?? 'FILE'}"/> </service>`,
    }),
  },
];

export const startSchema = element('start', 'A child: its binary, quota, routes, services and config.', {
  attributes: [
    attribute('name', STRING, 'the unique child name, the label prefix of its sessions and its default binary', { required: 'error' }),
    attribute('ram', SIZE, 'RAM quota', { fallback: '<default ram>' }),
    attribute('caps', NUMBER, 'capability quota', { fallback: '<default caps>' }),
    attribute('priority', INTEGER, '0 or negative (with prio_levels)', { fallback: '0' }),
    attribute('version', STRING, 'part of the child\'s identity: a change restarts it'),
    attribute('ld', BOOLEAN, 'no: the binary is statically linked', { fallback: 'yes' }),
    attribute('managing_system', BOOLEAN, 'the child may ask for managing_system PD sessions', { fallback: 'no' }),
  ],
  children: [
    element('binary', 'The ROM module of the executable (default: the child\'s name).', {
      attributes: [attribute('name', NAME, 'the ROM module', { required: 'warning' })],
      single: 'first',
    }),
    element('config', 'The child\'s config ROM, checked by the schema of its binary.', { content: 'any', anyAttributes: true, single: 'first' }),
    element('provides', 'The services the child may announce; routes may name it for these at once.', { children: [providedService], single: 'first' }),
    route,
    element('heartbeat', 'Monitor the child\'s heartbeat (needs a global <heartbeat>).', {
      attributes: [attribute('restart_after_skipped', NUMBER, 'restart after this many skipped heartbeats')],
    }),
    element('affinity', 'CPU placement within <affinity-space>.', {
      attributes: [
        attribute('xpos', INTEGER, 'column'), attribute('ypos', INTEGER, 'row'),
        attribute('width', NUMBER, 'columns'), attribute('height', NUMBER, 'rows'),
      ],
    }),
    element('exit', 'What the child\'s exit does to init.', {
      attributes: [attribute('propagate', BOOLEAN, 'yes: init exits with the child\'s exit value', { fallback: 'no' })],
    }),
    startResource,
  ],
  retired: startRetired,
});

const alias = element('alias', 'Another name for a child, for route targets.', {
  attributes: [
    attribute('name', NAME, 'the alias', { required: 'warning' }),
    attribute('child', NAME, 'the child it stands for', { required: 'warning' }),
  ],
});

const forwardTarget = element('child', 'The child that serves the session.', {
  attributes: [attribute('name', NAME, 'the child', { required: 'warning' }), attribute('label', LABEL, 'the label the child sees')],
});
const POLICY_LABELS = [
  attribute('label', LABEL, 'the session label equals this'),
  attribute('label_prefix', LABEL, 'the session label starts with this'),
  attribute('label_suffix', LABEL, 'the session label ends with this'),
];
const forwardPolicy = element('policy', 'Sessions whose label matches go to the child named inside.', { attributes: POLICY_LABELS, children: [forwardTarget] });
const forwardDefault = element('default-policy', 'Sessions no policy matches go to the child named inside.', { children: [forwardTarget] });

const service = element('service', 'init as a server to its parent: sessions of this service go to a child, chosen by label.', {
  attributes: [attribute('name', NAME, 'the service', { required: 'warning' })],
  children: [forwardPolicy, forwardDefault],
});

const report = element('report', 'Enables the state report (a Report session "state").', {
  attributes: [
    ...['ids', 'requested', 'provided', 'session_args', 'child_ram', 'child_caps', 'init_ram', 'init_caps']
      .map((name) => attribute(name, BOOLEAN, `report ${name.replace('_', ' ')}`, { fallback: 'no' })),
    attribute('delay_ms', NUMBER, 'the least time between reports (0: no reports)', { fallback: '100' }),
    attribute('buffer', SIZE, 'the report\'s buffer', { fallback: '4K' }),
  ],
  single: 'last',
});

const preserve = element('resource', 'What init keeps of its own quota: <resource name="RAM" preserve="2M"/>, <resource name="CAP" preserve="50"/>.', {
  attributes: [
    attribute('name', oneOf('RAM', 'CAP'), 'RAM or CAP', { required: 'error', malformed: 'error' }),
    attribute('preserve', STRING, 'the amount kept: a size for RAM, a number for CAP'),
  ],
});

const heartbeat = element('heartbeat', 'Heartbeat monitoring of the children with <heartbeat/>.', {
  attributes: [attribute('rate_ms', NUMBER, 'the period', { fallback: '1000' })],
  single: 'last',
});

const affinitySpace = element('affinity-space', 'The CPU grid children\'s <affinity> refers to.', {
  attributes: [attribute('width', NUMBER, 'columns', { fallback: '1' }), attribute('height', NUMBER, 'rows', { fallback: '1' })],
  single: 'last',
});

export const initConfigSchema: ElementSchema = element('config', 'init\'s configuration (spec/init.md §1).', {
  attributes: [
    attribute('version', STRING, 'copied into the state report; a change alone triggers a report'),
    attribute('verbose', BOOLEAN, 'diagnostic logging', { fallback: 'no' }),
    attribute('prio_levels', NUMBER, 'priority levels (a power of two)', { fallback: '0' }),
    attribute('ld_verbose', BOOLEAN, 'read by the dynamic linker only', { fallback: 'no' }),
  ],
  children: [parentProvidesSchema, defaultRoute, defaults, startSchema, alias, service, report, preserve, heartbeat, affinitySpace],
});

export const init: ComponentSchema = {
  name: 'init',
  summary: 'Genode\'s init: runs, routes and pays the children its config describes',
  config: initConfigSchema,
};
