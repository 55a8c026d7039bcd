/*
 * Schemas of the graphical components (docs/gui.md): nitpicker, wm,
 * terminal, fb_drv, launchpad, plugin_host and the test clients testnit,
 * wm_client, test-framebuffer, test-input. A config nitpicker, testnit
 * or plugin_host cannot use is refused (errors); the others ignore what
 * they do not know.
 */

import type { XmlNode } from '../../../util/xml.js';
import {
  attribute, BOOLEAN, COLOUR, element, INTEGER, LABEL, NAME, NUMBER, oneOf, SIZE, STRING,
  type ComponentSchema, type ElementSchema, type NestedConfig, type Retired, type SessionNeed,
} from '../schema.js';
import { policies } from './policy.js';

const refused = { malformed: 'error' } as const;

const domain = element('domain', 'A group of sessions with one look and focus policy.', {
  attributes: [
    attribute('name', NAME, 'the domain, named by policies', { required: 'warning' }),
    attribute('layer', NUMBER, 'stacking: 0 is in front', { required: 'error', malformed: 'error' }),
    attribute('content', oneOf('client', 'tinted'), 'tinted: unfocused views mixed with the colour', { ...refused, fallback: 'client' }),
    attribute('label', BOOLEAN, 'frame and label each view (X-ray)', { fallback: 'yes' }),
    attribute('color', COLOUR, 'the domain colour', { ...refused, fallback: '#ffffff' }),
    attribute('focus', oneOf('none', 'click', 'transient'), 'how the domain takes the focus', { ...refused, fallback: 'none' }),
    attribute('hover', oneOf('focused', 'always'), 'always: motion also when not focused', { ...refused, fallback: 'focused' }),
    attribute('origin', oneOf('top_left', 'top_right', 'bottom_left', 'bottom_right', 'pointer'), 'where (0, 0) lies', { ...refused, fallback: 'top_left' }),
    attribute('xpos', INTEGER, 'offset of the origin'), attribute('ypos', INTEGER, 'offset of the origin'),
    attribute('width', INTEGER, 'screen width told to clients (negative: less than the screen)'),
    attribute('height', INTEGER, 'screen height told to clients (negative: less than the screen)'),
  ],
});

const capture = element('capture', 'Capture sessions (screen drivers) are accepted; empty: every one sees the whole panorama.', {
  children: policies('The part of the panorama a screen driver captures', {
    attributes: [attribute('xpos', INTEGER, 'left'), attribute('ypos', INTEGER, 'top'), attribute('width', NUMBER, 'width'), attribute('height', NUMBER, 'height')],
  }),
  single: 'first',
});

const NITPICKER_REPORTS = ['focus', 'hover', 'pointer', 'keystate', 'clicked', 'displays'];

/** The Report sessions a `<report a="yes" b="no"/>` asks for, labelled by report name. */
function reportSessions(config: XmlNode, names: readonly string[]): SessionNeed[] {
  const node = config.child('report');
  if (node === undefined) return [];
  return names.filter((name) => node.boolAttribute(name, false)).map((name) => ({ service: 'Report', label: name, node }));
}

export const nitpicker: ComponentSchema = {
  name: 'nitpicker',
  summary: 'the GUI server (docs/gui.md)',
  config: element('config', 'nitpicker\'s config.', {
    children: [
      capture,
      element('event', 'Event sessions (input drivers) are accepted.', { single: 'first' }),
      domain,
      ...policies('The domain of a Gui session', { attributes: [attribute('domain', NAME, 'the <domain> of the session', { required: 'warning' })] }),
      element('global-key', 'A key sequence starting with this key goes to the client of the label.', {
        attributes: [attribute('name', STRING, 'the key (KEY_F12, BTN_MIDDLE, ...)', { required: 'error' }), attribute('label', LABEL, 'the client', { required: 'error' })],
      }),
      element('background', 'The colour where no view is.', { attributes: [attribute('color', COLOUR, 'the colour', refused)], single: 'first' }),
      element('report', 'Reports nitpicker writes.', { attributes: NITPICKER_REPORTS.map((name) => attribute(name, BOOLEAN, `the ${name} report`, { fallback: 'no' })), single: 'first' }),
    ],
    retired: [{
      kind: 'attribute',
      name: 'focus',
      severity: 'warning',
      explain: (node) => ({
        message: `focus="${node.attribute('focus') ?? ''}" on nitpicker's <config> is not supported by Nido's nitpicker: it is ignored`,
        hint: 'give each <domain> its focus policy: <domain ... focus="click"/>',
      }),
    }],
  }),
  policies: (config) => {
    const containers = [{ service: 'Gui', node: config, denies: true }];
    const captureNode = config.child('capture');
    if (captureNode !== undefined && (captureNode.hasChild('policy') || captureNode.hasChild('default-policy'))) {
      containers.push({ service: 'Capture', node: captureNode, denies: true });
    }
    return containers;
  },
  sessions: (config) => reportSessions(config, NITPICKER_REPORTS),
  check: (config, report) => {
    const domains = new Set(config.children('domain').map((d) => d.stringAttribute('name', '')));
    const seen = new Set<string>();
    for (const node of config.children('domain')) {
      const name = node.stringAttribute('name', '');
      if (seen.has(name)) report('error', node, `<domain name="${name}"> is declared twice: nitpicker refuses the config`, 'give each domain its own name');
      seen.add(name);
    }
    for (const policy of [...config.children('policy'), ...config.children('default-policy')]) {
      const name = policy.attribute('domain');
      if (name === undefined || domains.has(name)) continue;
      const near = [...domains].find((d) => d.toLowerCase() === name.toLowerCase());
      report('error', policy, `<${policy.type}> names domain "${name}", which no <domain> declares: its sessions are denied`,
        near !== undefined ? `did you mean "${near}"?` : `declare <domain name="${name}" layer="..."/>${domains.size > 0 ? ` or name one of ${[...domains].join(', ')}` : ''}`, 'domain');
    }
  },
};

export const wm: ComponentSchema = {
  name: 'wm',
  summary: 'the window manager: wm, layouter and decorator in one (docs/gui_wm.md)',
  config: element('config', 'wm\'s config.', {
    children: [
      element('report', 'Reports wm writes.', {
        attributes: ['window_list', 'focus', 'window_layout'].map((name) => attribute(name, BOOLEAN, `the ${name} report`, { fallback: 'no' })),
        single: 'first',
      }),
      element('decorator', 'Window colours by label.', {
        children: policies('The colour of the windows of matching clients', { attributes: [attribute('color', COLOUR, 'the base colour')] }),
        single: 'first',
      }),
    ],
  }),
  sessions: (config) => reportSessions(config, ['window_list', 'focus', 'window_layout']),
};

const fontVfs: Retired = {
  kind: 'element',
  name: 'vfs',
  severity: 'warning',
  explain: () => ({ message: 'fonts from a <vfs> are not supported yet: the terminal ignores it and uses the built-in Terminus 8x16', hint: 'leave the <vfs> out' }),
};

export const terminal: ComponentSchema = {
  name: 'terminal',
  summary: 'a graphical terminal on a Gui session (docs/gui_terminal.md)',
  config: element('config', 'The terminal\'s config.', {
    attributes: [attribute('scrollback', NUMBER, 'lines kept above the screen')],
    children: [
      element('palette', 'Colours of the 16 indices.', {
        children: [element('color', 'One palette colour.', { attributes: [attribute('index', NUMBER, '0 to 15'), attribute('value', COLOUR, 'the colour')] })],
        single: 'first',
      }),
      element('initial', 'The size asked for at the start.', { attributes: [attribute('width', NUMBER, 'pixels'), attribute('height', NUMBER, 'pixels')], single: 'first' }),
      element('font', 'The font (only the built-in 8x16).', { attributes: [attribute('size', NUMBER, '16')], single: 'first' }),
    ],
    retired: [fontVfs],
  }),
  sessions: (config) => [{ service: 'Gui', label: '', node: config }, { service: 'Timer', label: '', node: config }],
  check: (config, report) => {
    for (const color of config.child('palette')?.children('color') ?? []) {
      const index = color.naturalAttribute('index', -1);
      if (index < 0 || index > 15) report('warning', color, `<color index="${color.stringAttribute('index', '')}"> is no palette index: the terminal ignores it`, 'write an index from 0 to 15', 'index');
    }
    const font = config.child('font');
    if (font !== undefined && font.naturalAttribute('size', 16) !== 16) {
      report('warning', font, `<font size="${font.stringAttribute('size', '')}"> is ignored: the terminal has the built-in Terminus 8x16 only`, 'leave size out or write size="16"', 'size');
    }
  },
};

const GEOMETRY = [attribute('width', NUMBER, 'pixels'), attribute('height', NUMBER, 'pixels')];

export const fbDrv: ComponentSchema = {
  name: 'fb_drv',
  summary: 'the screen driver: nitpicker\'s screen on core\'s (docs/gui.md)',
  config: element('config', 'fb_drv\'s config.', { attributes: GEOMETRY }),
  sessions: (config) => ['Framebuffer', 'Input', 'Capture', 'Event'].map((service) => ({ service, label: '', node: config })),
};

export const testnit: ComponentSchema = {
  name: 'testnit',
  summary: 'a Gui client that draws and animates',
  config: element('config', 'testnit\'s config.', {
    attributes: [
      attribute('xpos', INTEGER, 'the view\'s position'), attribute('ypos', INTEGER, 'the view\'s position'),
      attribute('width', NUMBER, 'the buffer\'s width', { fallback: '1280' }), attribute('height', NUMBER, 'the buffer\'s height', { fallback: '720' }),
      attribute('animate', oneOf('full', 'damage', 'none'), 'what changes each frame', { ...refused, fallback: 'full' }),
      attribute('color', COLOUR, 'the fill of a still buffer', { ...refused, fallback: '#203040' }),
      attribute('title', STRING, 'the view\'s title'),
      attribute('marker', NUMBER, 'edge of the key marker (0: none)', { fallback: '64' }),
      attribute('log_every', NUMBER, 'frames between "frame N" lines (0: never)', { fallback: '60' }),
    ],
  }),
  sessions: (config) => [{ service: 'Gui', label: '', node: config }],
  check: (config, report) => {
    if (config.naturalAttribute('width', 1280) < 1 || config.naturalAttribute('height', 720) < 1) {
      report('error', config, 'testnit: a buffer without pixels: testnit refuses the config', 'give width and height of 1 or more');
    }
  },
};

export const wmClient: ComponentSchema = {
  name: 'wm_client',
  summary: 'a Gui client for the window manager\'s tests',
  config: element('config', 'wm_client\'s config.', {
    attributes: [
      ...GEOMETRY,
      attribute('color', COLOUR, 'the fill', { fallback: '#2a9d8f' }),
      attribute('title', STRING, 'the view\'s title'),
      attribute('bad_calls', oneOf('no', 'yes', 'direct'), 'make calls wm must refuse', { fallback: 'no' }),
    ],
  }),
  sessions: (config) => [{ service: 'Gui', label: '', node: config }],
};

export const testFramebuffer: ComponentSchema = {
  name: 'test-framebuffer',
  summary: 'Genode\'s test-framebuffer: draws test patterns',
  config: element('config', 'test-framebuffer\'s config.', {
    attributes: [
      attribute('frames', NUMBER, 'frames to animate (0: forever)', { fallback: '120' }),
      attribute('step', NUMBER, 'pixels a frame', { fallback: '4' }),
      ...GEOMETRY,
      attribute('close', BOOLEAN, 'close the session after the last frame', { fallback: 'no' }),
    ],
  }),
  sessions: (config) => [{ service: 'Framebuffer', label: '', node: config }],
};

export const testInput: ComponentSchema = {
  name: 'test-input',
  summary: 'Genode\'s test-input: logs every input event',
  config: element('config', 'test-input reads no config.'),
  sessions: (config) => [{ service: 'Input', label: '', node: config }],
};

/** The `<config>` of a launcher or plugin: the subsystem's config, checked by its binary's schema. */
function subsystemConfig(binary: (node: XmlNode) => string, ram: (node: XmlNode) => number, caps: (node: XmlNode) => number) {
  return (node: XmlNode): NestedConfig[] => {
    const config = node.child('config');
    return config === undefined ? [] : [{ component: binary(node), node: config, ram: ram(node), caps: caps(node) }];
  };
}

const subsystemRom = element('rom', 'Another ROM module of the subsystem, with the node\'s text.', {
  attributes: [attribute('name', NAME, 'the module', { required: 'warning' })],
  content: 'text',
});
const subsystemConfigNode = element('config', 'The subsystem\'s config ROM, checked by the schema of its binary.', { content: 'any', anyAttributes: true, single: 'first' });

const launcher: ElementSchema = element('launcher', 'A subsystem the launchpad starts through the loader.', {
  attributes: [
    attribute('name', NAME, 'the launcher (a launcher without one is left out)', { required: 'warning' }),
    attribute('binary', NAME, 'the binary (default: name)'),
    attribute('ram_quota', SIZE, 'the subsystem\'s RAM', { fallback: '1M' }),
    attribute('caps', NUMBER, 'the subsystem\'s capabilities', { fallback: '200' }),
  ],
  children: [subsystemConfigNode, subsystemRom],
  nested: subsystemConfig(
    (node) => node.stringAttribute('binary', node.stringAttribute('name', '')),
    (node) => node.numBytesAttribute('ram_quota', 1024 * 1024),
    (node) => node.naturalAttribute('caps', 200),
  ),
});

const WINDOW = [attribute('xpos', NUMBER, 'the window\'s left'), attribute('ypos', NUMBER, 'the window\'s top'), ...GEOMETRY];

export const launchpad: ComponentSchema = {
  name: 'launchpad',
  summary: 'starts and kills subsystems through the loader (docs/gui_launchpad.md)',
  config: element('config', 'The launchpad\'s config.', {
    attributes: WINDOW,
    children: [element('gui', 'A window on a Gui session instead of the Terminal.', { attributes: WINDOW, single: 'first' }), launcher],
  }),
  sessions: (config) => [
    { service: config.hasChild('gui') ? 'Gui' : 'Terminal', label: config.hasChild('gui') ? '' : 'launchpad', node: config.child('gui') ?? config },
    ...config.children('launcher').filter((node) => node.stringAttribute('name', '') !== '')
      .map((node): SessionNeed => ({ service: 'Loader', label: node.stringAttribute('name', ''), node })),
  ],
};

const plugin: ElementSchema = element('plugin', 'A subsystem shown in a slot of the window, started through a Loader session.', {
  attributes: [
    attribute('name', LABEL, 'the Loader session\'s label, unique', { required: 'error' }),
    attribute('binary', NAME, 'what the loader starts', { required: 'error' }),
    attribute('label', LABEL, 'the subsystem\'s label (default: the binary)'),
    attribute('ram', SIZE, 'the subsystem\'s RAM', { fallback: '8M' }),
    attribute('caps', NUMBER, 'the subsystem\'s capabilities', { fallback: '300' }),
    attribute('xpos', INTEGER, 'the slot\'s left'), attribute('ypos', INTEGER, 'the slot\'s top (default: below the one before)'),
    attribute('width', NUMBER, 'the slot\'s width', { fallback: '300' }), attribute('height', NUMBER, 'the slot\'s height', { fallback: '200' }),
    attribute('place', BOOLEAN, 'put the plugin\'s view at the slot\'s top left', { fallback: 'no' }),
  ],
  children: [subsystemConfigNode, subsystemRom],
  nested: subsystemConfig(
    (node) => node.stringAttribute('binary', ''),
    (node) => node.numBytesAttribute('ram', 8 * 1024 * 1024),
    (node) => node.naturalAttribute('caps', 300),
  ),
});

export const pluginHost: ComponentSchema = {
  name: 'plugin_host',
  summary: 'a window running subsystems as plugins (docs/gui_plugins.md)',
  config: element('config', 'plugin_host\'s config.', {
    attributes: [
      attribute('xpos', INTEGER, 'the window\'s left', { fallback: '40' }), attribute('ypos', INTEGER, 'the window\'s top', { fallback: '40' }),
      ...GEOMETRY,
      attribute('title', STRING, 'the window\'s title', { fallback: 'plugin_host' }),
    ],
    children: [plugin],
  }),
  sessions: (config) => [
    { service: 'Gui', label: '', node: config },
    ...config.children('plugin').map((node): SessionNeed => ({ service: 'Loader', label: node.stringAttribute('name', ''), node })),
  ],
  check: (config, report) => {
    const names = new Set<string>();
    for (const node of config.children('plugin')) {
      const name = node.stringAttribute('name', '');
      if (name !== '' && /\s|->/.test(name)) report('error', node, `<plugin name="${name}"> is no session label: plugin_host refuses the config`, 'a name without blanks and "->"', 'name');
      if (names.has(name)) report('error', node, `plugin "${name}" is configured twice: plugin_host refuses the config`, 'give each plugin its own name', 'name');
      names.add(name);
      if (node.naturalAttribute('width', 300) < 1 || node.naturalAttribute('height', 200) < 1) report('error', node, `plugin "${name}": a slot without pixels`, 'give width and height of 1 or more');
    }
  },
};
