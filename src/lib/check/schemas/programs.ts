/*
 * Schemas of programs on the C runtime (a `.wasm` binary: docs/libc.md),
 * of ruby, and of noux (docs/noux.md).
 */

import type { XmlNode } from '../../../util/xml.js';
import { didYouMean } from '../edit_distance.js';
import {
  attribute, element, NAME, NUMBER, PATH, SIZE, STRING, variant,
  type ComponentSchema, type ConfigReport, type ElementSchema,
} from '../schema.js';
import { vfsElement, vfsSessions } from './vfs.js';
import { lookupVfsPath } from './vfs_paths.js';

const STREAMS = ['stdin', 'stdout', 'stderr'] as const;

const libcNode = element('libc', 'The C runtime\'s settings: paths in the VFS.', {
  attributes: [
    ...STREAMS.map((name) => attribute(name, PATH, `the VFS path of ${name} (none: it leads nowhere)`, { malformed: 'error' })),
    attribute('cwd', PATH, 'the initial working directory', { malformed: 'error', fallback: '/' }),
    attribute('rtc', PATH, 'a file with the wall-clock time', { malformed: 'error' }),
    attribute('rng', PATH, 'a file of random bytes', { malformed: 'error' }),
  ],
  single: 'first',
});

const argNode = element('arg', 'One argument; the first is argv[0].', { attributes: [attribute('value', STRING, 'the argument', { required: 'error' })] });
const envNode = element('env', 'An environment variable.', {
  attributes: [
    attribute('key', NAME, 'the variable (Genode\'s libc)'),
    attribute('name', NAME, 'the variable (noux\'s spelling)'),
    attribute('value', STRING, 'its value', { fallback: '' }),
  ],
});

const LIBC_CHILDREN: readonly ElementSchema[] = [argNode, envNode, libcNode, vfsElement('vfs', 'The program\'s file system (docs/vfs.md).')];

/** Checks the parts of a C program's config that need the VFS: the streams' paths, `<env>` keys. */
function checkLibc(config: XmlNode, report: ConfigReport): void {
  for (const env of config.children('env')) {
    const key = env.attribute('key') ?? env.attribute('name');
    if (key === undefined || key === '' || key.includes('=')) {
      report('error', env, '<env> needs a key without "=": the C runtime refuses the config', 'write <env key="HOME" value="/home"/>');
    }
  }
  const libc = config.child('libc');
  if (libc === undefined) return;
  const vfs = config.child('vfs');
  for (const name of [...STREAMS, 'cwd', 'rtc', 'rng']) {
    const path = libc.attribute(name);
    if (path === undefined || !path.startsWith('/')) continue;
    const lookup = lookupVfsPath(vfs, path);
    if (lookup.found !== false) continue;
    const consequence = STREAMS.includes(name as (typeof STREAMS)[number]) ? `${name} leads nowhere` : `the C runtime cannot use it`;
    report('warning', libc, `${name}="${path}" is no file of the <vfs>: ${consequence}`,
      didYouMean(path, lookup.known) ?? (lookup.known.length > 0 ? `the <vfs> has ${lookup.known.join(', ')}` : 'the <vfs> is empty: add the device, e.g. <dir name="dev"> <log/> </dir>'), name);
  }
}

export const libcProgram: ComponentSchema = {
  name: 'libc',
  summary: 'a C program (.wasm) on the C runtime: arguments, environment, VFS and standard streams (docs/libc.md)',
  config: element('config', 'A C program\'s config.', { children: LIBC_CHILDREN }),
  sessions: (config) => vfsSessions(config.child('vfs')),
  check: checkLibc,
};

export const ruby: ComponentSchema = {
  name: 'ruby',
  summary: 'CRuby (ruby.wasm) on the C runtime (docs/libc.md, "Ruby")',
  config: element('config', 'ruby\'s config: the ruby command line as <arg>s.', { children: LIBC_CHILDREN }),
  sessions: (config) => [{ service: 'ROM', label: 'ruby.wasm', node: config }, ...vfsSessions(config.child('vfs'))],
  check: checkLibc,
};

const nouxStart = element('start', 'The first program: its path in the <fstab>, arguments after argv[0], environment.', {
  attributes: [attribute('name', STRING, 'the program\'s path ("/bin/bash")', { required: 'error' })],
  children: [argNode, variant(envNode, 'env', {
    attributes: [attribute('name', NAME, 'the variable', { required: 'warning' }), attribute('value', STRING, 'its value', { fallback: '' })],
  })],
  single: 'first',
});

export const noux: ComponentSchema = {
  name: 'noux',
  summary: 'Unix as a service: the <fstab> and the first program (docs/noux.md)',
  config: element('config', 'noux\'s config.', {
    attributes: [
      attribute('process_ram', SIZE, 'the least RAM of each process', { fallback: '2M' }),
      attribute('process_caps', NUMBER, 'the caps of each process', { fallback: '60' }),
    ],
    children: [vfsElement('fstab', 'The file system noux\'s processes share (a <vfs>).'), nouxStart],
  }),
  sessions: (config) => [
    { service: 'Terminal', label: '', node: config }, { service: 'Timer', label: '', node: config }, ...vfsSessions(config.child('fstab')),
  ],
  check: (config, report) => {
    const start = config.child('start');
    if (start === undefined) report('error', config, 'noux\'s config has no <start name="..."/>: nothing to run, noux exits with 1', 'add <start name="/bin/sh"/>');
    else {
      const path = start.stringAttribute('name', '');
      if (path.startsWith('/')) {
        const lookup = lookupVfsPath(config.child('fstab'), path);
        if (lookup.found === false) {
          report('error', start, `<start name="${path}">: the <fstab> has no such file`, didYouMean(path, lookup.known) ?? 'add the archive that holds it, e.g. <tar name="bash.tar"/>', 'name');
        }
      }
    }
  },
};
