/*
 * The ports driver's reading of apt (ports/lib/debian_source.mjs): which
 * deb-src entries it derives from a machine's deb entries (deb822 and
 * one-line format, only the running release's suites), when apt already
 * has deb-src, and which source and version `apt-get source --print-uris`
 * names. The driver is plain JavaScript run by npm, so the module is
 * loaded from the repository.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../harness.js';

interface SourceFile { readonly path: string; readonly text: string }
interface DebianSource {
  debSrcEntries(release: string, files: readonly SourceFile[]): string[];
  hasDebSrcIn(files: readonly SourceFile[]): boolean;
  parseCandidate(stdout: string): { dsc: string; source: string; version: string } | undefined;
}
const debianSource = (await import(pathToFileURL(join(repoRoot, 'ports', 'lib', 'debian_source.mjs')).href)) as DebianSource;

const DEBIAN_SOURCES: SourceFile = {
  path: '/etc/apt/sources.list.d/debian.sources',
  text: `Types: deb
# a comment
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`,
};
const THIRD_PARTY: SourceFile = {
  path: '/etc/apt/sources.list.d/vendor.sources',
  text: 'Types: deb\nURIs: https://vendor.example/apt\nSuites: nodistro\nComponents: main\n',
};

test('deb-src entries: twins of the release\'s deb822 stanzas, comments and other suites left out', () => {
  assert.deepEqual(debianSource.debSrcEntries('bookworm', [DEBIAN_SOURCES, THIRD_PARTY]), [
    'Types: deb-src\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n'
      + 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
    'Types: deb-src\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\nComponents: main contrib\n'
      + 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
  ]);
  assert.deepEqual(debianSource.debSrcEntries('trixie', [DEBIAN_SOURCES]), [], 'another release: nothing to derive');
});

test('deb-src entries: from one-line entries, with their signed-by key', () => {
  const list: SourceFile = {
    path: '/etc/apt/sources.list',
    text: '# deb-src http://mirror.example/debian bookworm main\n'
      + 'deb [arch=amd64 signed-by=/usr/share/keyrings/k.gpg] http://mirror.example/debian bookworm main non-free\n'
      + 'deb http://other.example/debian bullseye main\n',
  };
  assert.deepEqual(debianSource.debSrcEntries('bookworm', [list]), [
    'Types: deb-src\nURIs: http://mirror.example/debian\nSuites: bookworm\nComponents: main non-free\nSigned-By: /usr/share/keyrings/k.gpg',
  ]);
  assert.equal(debianSource.hasDebSrcIn([list]), false, 'a commented deb-src line does not count');
});

test('deb-src present: a one-line entry or an enabled deb822 stanza', () => {
  assert.equal(debianSource.hasDebSrcIn([DEBIAN_SOURCES]), false);
  assert.equal(debianSource.hasDebSrcIn([{ path: '/etc/apt/sources.list', text: 'deb-src http://m/debian bookworm main\n' }]), true);
  const stanza = 'Types: deb deb-src\nURIs: http://m/debian\nSuites: bookworm\nComponents: main\n';
  assert.equal(debianSource.hasDebSrcIn([{ path: '/etc/apt/sources.list.d/x.sources', text: stanza }]), true);
  assert.equal(debianSource.hasDebSrcIn([{ path: '/etc/apt/sources.list.d/x.sources', text: `${stanza}Enabled: no\n` }]), false);
});

test('source candidate: the .dsc line of apt-get source --print-uris', () => {
  const printed = "'http://m/debian/pool/main/b/bc/bc_1.07.1-3.dsc' bc_1.07.1-3.dsc 1903 SHA256:92f0\n"
    + "'http://m/debian/pool/main/b/bc/bc_1.07.1.orig.tar.gz' bc_1.07.1.orig.tar.gz 419850 SHA256:62ad\n";
  assert.deepEqual(debianSource.parseCandidate(printed), { dsc: 'bc_1.07.1-3.dsc', source: 'bc', version: '1.07.1-3' });
  assert.equal(debianSource.parseCandidate(''), undefined);
});
