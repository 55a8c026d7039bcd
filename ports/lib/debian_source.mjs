// Debian source packages for the ports: which version `apt-get source`
// would fetch, the deb-src entries apt needs to know that (added, as root,
// next to the machine's own entries for the running release), and the
// download itself, unpacked with its Debian patches applied by
// dpkg-source.
//
// apt is run with LC_ALL=C: its messages are quoted in our errors, and
// must read the same on every machine.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PortError } from './port_error.mjs';

const APT_DIR = '/etc/apt';
const SOURCES_DIR = join(APT_DIR, 'sources.list.d');
/** The file this driver adds, when it has to, with deb-src entries derived from the machine's deb entries. */
export const DEB_SRC_FILE = join(SOURCES_DIR, 'nido-deb-src.sources');

function apt(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, ...options });
  if (result.error !== undefined) {
    throw new PortError(`${command} not found: the ports fetch their sources with Debian's apt (a Debian or Ubuntu machine)`);
  }
  return result;
}

const firstLines = (text, count = 5) => text.trim().split('\n').slice(0, count).join('\n');

async function readIfThere(path) {
  try { return await readFile(path, 'utf8'); } catch { return undefined; }
}

/** The running release's code name (bookworm), from /etc/os-release. */
async function codename() {
  const release = (await readIfThere('/etc/os-release')) ?? '';
  const name = /^VERSION_CODENAME=["']?([^"'\n]*)/m.exec(release)?.[1];
  if (name === undefined || name === '') throw new PortError('no VERSION_CODENAME in /etc/os-release: cannot tell which Debian release to take sources from');
  return name;
}

/* apt's own lists: sources.list (one-line format), sources.list.d/*.list and *.sources (deb822). */
async function aptSourceFiles() {
  const files = [join(APT_DIR, 'sources.list')];
  try {
    for (const entry of (await readdir(SOURCES_DIR)).sort()) {
      if (entry.endsWith('.list') || entry.endsWith('.sources')) files.push(join(SOURCES_DIR, entry));
    }
  } catch { /* no sources.list.d */ }
  const read = [];
  for (const path of files) {
    const text = await readIfThere(path);
    if (text !== undefined) read.push({ path, text });
  }
  return read;
}

/* deb822 stanzas: blank-line separated, comments dropped, continuation lines kept with their field. */
function stanzas(text) {
  return text.split(/\n\s*\n/).map((block) => block.split('\n').filter((line) => !line.startsWith('#') && line.trim() !== ''))
    .filter((lines) => lines.length > 0);
}

const field = (lines, name) => lines.find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();

/** Whether apt's source files (`[{ path, text }]`) have an enabled deb-src entry. */
export function hasDebSrcIn(files) {
  for (const { path, text } of files) {
    if (path.endsWith('.sources')) {
      if (stanzas(text).some((lines) => (field(lines, 'Types') ?? '').split(/\s+/).includes('deb-src')
        && (field(lines, 'Enabled') ?? 'yes') !== 'no')) return true;
    } else if (text.split('\n').some((line) => /^\s*deb-src\s/.test(line))) {
      return true;
    }
  }
  return false;
}

async function hasDebSrc() {
  return hasDebSrcIn(await aptSourceFiles());
}

/**
 * deb-src twins (deb822 stanzas) of the deb entries in apt's source files
 * (`[{ path, text }]`) for `release` (bookworm, bookworm-updates,
 * bookworm-security): the same mirror, the same keys. Entries of other
 * suites (third-party repositories) are left alone.
 *
 *   debSrcEntries('bookworm', [{ path: '/etc/apt/sources.list', text: 'deb http://m/debian bookworm main\n' }])
 *   // ['Types: deb-src\nURIs: http://m/debian\nSuites: bookworm\nComponents: main']
 */
export function debSrcEntries(release, files) {
  const ofRelease = (suite) => suite === release || suite.startsWith(`${release}-`);
  const out = [];
  for (const { path, text } of files) {
    if (path.endsWith('.sources')) {
      for (const lines of stanzas(text)) {
        const types = (field(lines, 'Types') ?? '').split(/\s+/);
        const suites = (field(lines, 'Suites') ?? '').split(/\s+/).filter(ofRelease);
        if (!types.includes('deb') || suites.length === 0 || (field(lines, 'Enabled') ?? 'yes') === 'no') continue;
        out.push(lines.map((line) => {
          if (/^types:/i.test(line)) return 'Types: deb-src';
          if (/^suites:/i.test(line)) return `Suites: ${suites.join(' ')}`;
          return line;
        }).join('\n'));
      }
    } else {
      for (const line of text.split('\n')) {
        /* deb [options] URI SUITE COMPONENT... */
        const match = /^\s*deb\s+(\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s+(.+)$/.exec(line);
        if (match === null || !ofRelease(match[3])) continue;
        const options = (match[1] ?? '').trim();
        const signedBy = /signed-by=(\S+?)\]?(\s|$)/.exec(options)?.[1];
        out.push([
          'Types: deb-src', `URIs: ${match[2]}`, `Suites: ${match[3]}`, `Components: ${match[4].trim()}`,
          ...(signedBy === undefined ? [] : [`Signed-By: ${signedBy}`]),
        ].join('\n'));
      }
    }
  }
  return out;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Adds DEB_SRC_FILE (if apt has no deb-src at all) and refreshes apt's lists. Needs root. */
export async function enableSources(log) {
  if (!isRoot()) throw new PortError(`adding deb-src entries to ${SOURCES_DIR} and running apt-get update needs root: run this as root (sudo)`);
  const release = await codename();
  if (!(await hasDebSrc())) {
    const entries = debSrcEntries(release, await aptSourceFiles());
    if (entries.length === 0) {
      throw new PortError(`no deb entry for ${release} in ${APT_DIR} to derive a deb-src entry from: add a deb-src line for your Debian mirror to ${APT_DIR}/sources.list, run apt-get update, and try again`);
    }
    await writeFile(DEB_SRC_FILE, `# Added by Nido's ports (ports/build.mjs): Debian source packages for ${release}.\n\n${entries.join('\n\n')}\n`);
    log(`added deb-src entries for ${release} in ${DEB_SRC_FILE}`);
  }
  log('apt-get update');
  const update = apt('apt-get', ['update', '-qq']);
  if (update.status !== 0) throw new PortError(`apt-get update failed (exit ${update.status}):\n${firstLines(update.stderr)}`);
}

function printUris(name) {
  return apt('apt-get', ['source', '--print-uris', '-qq', name]);
}

/**
 * The source package `apt-get source --print-uris` lists, from its .dsc
 * line, whose file name carries source name and version (without the
 * epoch): `{ dsc, source, version }`, or undefined.
 *
 *   parseCandidate("'http://m/bc_1.07.1-3.dsc' bc_1.07.1-3.dsc 1903 SHA256:92f0…")
 *   // { dsc: 'bc_1.07.1-3.dsc', source: 'bc', version: '1.07.1-3' }
 */
export function parseCandidate(stdout) {
  const match = /^'[^']*' (([^_\s]+)_([^_\s]+)\.dsc) /m.exec(stdout);
  return match === null ? undefined : { dsc: match[1], source: match[2], version: match[3] };
}

/**
 * The source package and version `apt-get source NAME` fetches:
 * `{ source, version, dsc }`. Without deb-src entries, as root, they are
 * added first; without root, a PortError says what to do.
 */
export async function sourceCandidate(name, log) {
  let result = printUris(name);
  let candidate = result.status === 0 ? parseCandidate(result.stdout) : undefined;
  if (candidate !== undefined) return candidate;
  if (!isRoot()) {
    const reason = (await hasDebSrc())
      ? `apt knows no source package ${name} (${firstLines(result.stderr, 1) || 'no .dsc listed'}): run "sudo apt-get update", then try again`
      : `apt has no deb-src entry, which apt-get source needs: run "sudo node ports/build.mjs --deb-src" once (it adds ${DEB_SRC_FILE} and runs apt-get update), or add a deb-src line yourself and run apt-get update; then try again`;
    throw new PortError(reason);
  }
  await enableSources(log);
  result = printUris(name);
  candidate = result.status === 0 ? parseCandidate(result.stdout) : undefined;
  if (candidate === undefined) {
    throw new PortError(`apt-get source --print-uris ${name} found no source package (exit ${result.status}): ${firstLines(result.stderr) || result.stdout.trim()}\nIs ${name} a source package of Debian ${await codename()}?`);
  }
  return candidate;
}

/**
 * Fetches and unpacks the source with `apt-get source` into `dir` (made
 * afresh; the download happens in a sibling and is renamed into place, so
 * a half-done download is never taken for a source). Answers the path of
 * the unpacked tree.
 */
export async function fetchSource(name, candidate, dir, log) {
  if (apt('dpkg-source', ['--version']).status !== 0) {
    throw new PortError('dpkg-source does not run: apt-get source unpacks with it; install dpkg-dev (apt-get install dpkg-dev)');
  }
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  log(`apt-get source ${name} (${candidate.source} ${candidate.version})`);
  /* As root apt downloads without its sandbox user anyway; saying so up front keeps its warning out of our output. */
  const sandbox = isRoot() ? ['-o', 'APT::Sandbox::User=root'] : [];
  const fetched = apt('apt-get', ['source', '-qq', ...sandbox, name], { cwd: partial });
  if (fetched.status !== 0) {
    throw new PortError(`apt-get source ${name} failed (exit ${fetched.status}):\n${firstLines(fetched.stderr)}`);
  }
  const trees = (await readdir(partial, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  if (!(await readdir(partial)).includes(candidate.dsc) || trees.length !== 1) {
    throw new PortError(`apt-get source ${name} did not leave ${candidate.dsc} and one unpacked tree in ${partial}`);
  }
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return join(dir, trees[0].name);
}

/** The unpacked tree of a source fetched before into `dir`, or undefined. */
export async function fetchedTree(dir) {
  try {
    const trees = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
    return trees.length === 1 ? join(dir, trees[0].name) : undefined;
  } catch {
    return undefined;
  }
}
