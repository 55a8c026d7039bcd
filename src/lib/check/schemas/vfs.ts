/*
 * The `<vfs>` node (docs/vfs.md, src/lib/vfs/plugins.ts): directories and
 * plugins, as the vfs server, C programs, ruby and noux's `<fstab>` read
 * it. An unknown plugin is skipped with a warning; a known one with a
 * missing or bad attribute fails the VFS (VfsConfigError): an error.
 */

import type { XmlNode } from '../../../util/xml.js';
import { attribute, BOOLEAN, element, LABEL, NAME, SIZE, STRING, type ElementSchema, type SessionNeed } from '../schema.js';

const fileName = (doc: string) => attribute('name', NAME, doc, { required: 'error', malformed: 'error' });
const optionalName = attribute('name', NAME, 'the file name (default: the plugin\'s type)', { malformed: 'error' });

const PLUGINS: readonly ElementSchema[] = [
  element('tar', 'The tar archive of a ROM module, read only.', { attributes: [fileName('the ROM module')] }),
  element('ram', 'A writeable file system in the component\'s RAM.'),
  element('rom', 'One read-only file with a ROM module\'s content.', {
    attributes: [
      fileName('the file name'),
      attribute('label', LABEL, 'the ROM module (default: name)'),
      attribute('binary', BOOLEAN, 'no: the text up to the first NUL', { fallback: 'yes' }),
    ],
  }),
  element('inline', 'One read-only file with the node\'s content as written.', { attributes: [fileName('the file name')], content: 'any' }),
  element('null', 'Reads end at once, writes take everything.', { attributes: [optionalName] }),
  element('zero', 'Reads give zeros.', { attributes: [optionalName, attribute('size', SIZE, 'at most this many bytes', { fallback: '0' })] }),
  element('log', 'Each line written is a LOG message.', {
    attributes: [optionalName, attribute('label', LABEL, 'a LOG session of this label (default: the component\'s own)')],
  }),
  element('rtc', 'Reading gives the current time.', { attributes: [optionalName] }),
  element('fs', 'The tree of a File_system session.', {
    attributes: [
      attribute('label', LABEL, 'the session label'),
      attribute('writeable', BOOLEAN, 'no: read only', { fallback: 'yes' }),
      attribute('buffer_size', SIZE, 'the packet stream\'s buffer'),
      attribute('ram', SIZE, 'storage donated to the server', { fallback: '0' }),
    ],
  }),
  element('terminal', 'A character device on a Terminal session.', {
    attributes: [optionalName, attribute('label', LABEL, 'the session label'), attribute('raw', BOOLEAN, 'yes: no line discipline', { fallback: 'no' })],
  }),
  element('symlink', 'A symbolic link.', {
    attributes: [fileName('the link\'s name'), attribute('target', STRING, 'where it points', { required: 'error' })],
  }),
];

const dir: ElementSchema = element('dir', 'A directory; its plugins stack.', {
  attributes: [fileName('the directory name')],
  children: () => MEMBERS,
});

const importNode: ElementSchema = element('import', 'A sub-tree copied into the writeable file system at the start.', {
  attributes: [attribute('overwrite', BOOLEAN, 'yes: replace existing files', { fallback: 'no' })],
  children: () => MEMBERS,
});

const MEMBERS: readonly ElementSchema[] = [dir, importNode, ...PLUGINS];

/** A `<vfs>` (or noux's `<fstab>`) node of this name. */
export function vfsElement(name: string, doc: string): ElementSchema {
  return element(name, doc, { children: MEMBERS, single: 'first' });
}

/** The sessions a VFS opens: ROMs of `<tar>` and `<rom>`, File_system of `<fs>`, LOG of a labelled `<log>`, Terminal. */
export function vfsSessions(vfs: XmlNode | undefined): SessionNeed[] {
  const needs: SessionNeed[] = [];
  const visit = (node: XmlNode) => {
    for (const child of node.children()) {
      switch (child.type) {
        case 'dir':
        case 'import':
          visit(child);
          break;
        /* a nameless one is an error of its own (validate.ts) */
        case 'tar':
          if (child.stringAttribute('name', '') !== '') needs.push({ service: 'ROM', label: child.stringAttribute('name', ''), node: child });
          break;
        case 'rom':
          if (child.stringAttribute('label', child.stringAttribute('name', '')) !== '') {
            needs.push({ service: 'ROM', label: child.stringAttribute('label', child.stringAttribute('name', '')), node: child });
          }
          break;
        case 'fs':
          needs.push({ service: 'File_system', label: child.stringAttribute('label', ''), node: child });
          break;
        case 'log':
          if (child.stringAttribute('label', '') !== '') needs.push({ service: 'LOG', label: child.stringAttribute('label', ''), node: child });
          break;
        case 'terminal':
          needs.push({ service: 'Terminal', label: child.stringAttribute('label', ''), node: child });
          break;
        case 'rtc':
          needs.push({ service: 'Timer', label: '', node: child });
          break;
      }
    }
  };
  if (vfs !== undefined) visit(vfs);
  return needs;
}
