/*
 * Schemas of the shipped servers that serve ROMs, files and logs:
 * report_rom, dynamic_rom, ram_fs, vfs, loader, timer, log_terminal,
 * terminal_log (each README.md in src/server/NAME says more).
 */

import type { XmlNode } from '../../../util/xml.js';
import { attribute, BOOLEAN, element, LABEL, NAME, NUMBER, STRING, type ComponentSchema, type ElementSchema } from '../schema.js';
import { policies } from './policy.js';
import { vfsElement, vfsSessions } from './vfs.js';

const verbose = attribute('verbose', BOOLEAN, 'log each step', { fallback: 'no' });

export const reportRom: ComponentSchema = {
  name: 'report_rom',
  summary: 'reports in, ROM modules out (spec/init.md §8.1)',
  config: element('config', 'report_rom\'s config.', {
    attributes: [attribute('verbose', BOOLEAN, 'log each report', { fallback: 'no' })],
    children: policies('The report a ROM session reads', {
      attributes: [attribute('report', LABEL, 'the report\'s label (the module): "producer -> status"', { required: 'warning' })],
    }),
  }),
  policies: (config) => [{ service: 'ROM', node: config, denies: true }],
};

const inlineStep = element('inline', 'New content: the single sub node.', {
  attributes: [attribute('description', STRING, 'named in the verbose log')],
  content: 'any',
});
const timeline = element('rom', 'The script of one module: <inline>, <empty/> and <sleep> steps, repeated.', {
  attributes: [attribute('name', NAME, 'the module (the last element of a session\'s label)', { required: 'warning' })],
  children: [
    inlineStep,
    element('empty', 'The module is absent.'),
    element('sleep', 'Wait before the next step.', { attributes: [attribute('milliseconds', NUMBER, 'how long (without it the step is skipped)')] }),
  ],
});

export const dynamicRom: ComponentSchema = {
  name: 'dynamic_rom',
  summary: 'ROM modules that change over time by script (spec/init.md §8.2)',
  config: element('config', 'dynamic_rom\'s config.', { attributes: [verbose], children: [timeline] }),
  sessions: (config) => (config.hasChild('rom') ? [{ service: 'Timer', label: '', node: config }] : []),
};

const contentMembers = (): readonly ElementSchema[] => CONTENT_MEMBERS;
const contentDir: ElementSchema = element('dir', 'A directory.', {
  attributes: [attribute('name', NAME, 'the directory name', { required: 'warning' })],
  children: contentMembers,
  unknownChild: 'warning',
});
const CONTENT_MEMBERS: readonly ElementSchema[] = [
  contentDir,
  element('inline', 'A file with the node\'s text.', { attributes: [attribute('name', NAME, 'the file name', { required: 'warning' })], content: 'text' }),
  element('rom', 'A file with a ROM module\'s content, copied at the start.', {
    attributes: [attribute('name', NAME, 'the ROM module', { required: 'warning' }), attribute('as', NAME, 'the file name (default: name)')],
  }),
];

function contentRoms(node: XmlNode | undefined): { service: string; label: string; node: XmlNode }[] {
  if (node === undefined) return [];
  return node.children().flatMap((child) => {
    if (child.type === 'dir') return contentRoms(child);
    if (child.type === 'rom') return [{ service: 'ROM', label: child.stringAttribute('name', ''), node: child }];
    return [];
  });
}

const fileSystemPolicy = (server: string, defaultRoot: string) => policies(`The root and rights of a File_system session of ${server}`, {
  attributes: [
    attribute('root', STRING, `the session's root directory${defaultRoot === '' ? ' (required)' : ` (default ${defaultRoot})`}`,
      defaultRoot === '' ? { required: 'warning' } : {}),
    attribute('writeable', BOOLEAN, 'yes: the session may modify', { fallback: 'no' }),
  ],
});

export const ramFs: ComponentSchema = {
  name: 'ram_fs',
  summary: 'a File_system server keeping its files in RAM (docs/file_system.md)',
  config: element('config', 'ram_fs\'s config.', {
    children: [
      element('content', 'The initial tree.', { children: CONTENT_MEMBERS, single: 'first' }),
      ...fileSystemPolicy('ram_fs', ''),
    ],
  }),
  policies: (config) => [{ service: 'File_system', node: config, denies: true }],
  sessions: (config) => contentRoms(config.child('content')),
};

export const vfs: ComponentSchema = {
  name: 'vfs',
  summary: 'serves the VFS of its config as a File_system (docs/vfs.md)',
  config: element('config', 'The vfs server\'s config.', {
    children: [vfsElement('vfs', 'The file system served.'), ...fileSystemPolicy('vfs', '/')],
  }),
  policies: (config) => [{ service: 'File_system', node: config, denies: true }],
  sessions: (config) => vfsSessions(config.child('vfs')),
};

export const loader: ComponentSchema = {
  name: 'loader',
  summary: 'runs subsystems for its clients (docs/dynamic.md)',
  config: element('config', 'The loader\'s config.', {
    children: policies('The services of the loader\'s parent a client\'s subsystem may use (PD and CPU always)', {
      children: [element('parent-service', 'A permitted service.', { attributes: [attribute('name', NAME, 'the service', { required: 'warning' })] })],
    }),
  }),
  policies: (config) => [{ service: 'Loader', node: config, denies: true }],
};

export const timer: ComponentSchema = {
  name: 'timer',
  summary: 'a Timer server passing its sessions on to core\'s Timer',
  config: element('config', 'timer reads no config.'),
};

export const logTerminal: ComponentSchema = {
  name: 'log_terminal',
  summary: 'a Terminal server that writes its clients\' lines to its LOG',
  config: element('config', 'log_terminal reads no config.'),
};

export const terminalLog: ComponentSchema = {
  name: 'terminal_log',
  summary: 'a LOG server that prints to a Terminal',
  config: element('config', 'terminal_log reads no config.'),
  sessions: (config) => [{ service: 'Terminal', label: 'log', node: config }],
};
