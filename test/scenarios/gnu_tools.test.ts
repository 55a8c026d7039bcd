/*
 * GNU sed, grep, diffutils, findutils and gawk from Debian's source
 * (ports/sed, ports/grep, ...), built for noux with nido cc: a dash script
 * per tool exercising its main features runs under noux (booted through
 * `nido run`, its console a Terminal session that log_terminal turns into
 * log lines) and natively with the host's /bin/dash and GNU tools, which
 * Debian 12 ships in the same versions. Outputs and exit statuses must be
 * equal; where noux answers otherwise on purpose, the difference is
 * declared below with its reason.
 *
 * The native side runs with PATH=/usr/bin:/bin, or $NIDO_HOST_PATH if
 * set: Debian installs mawk as awk, so gawk's reference needs Debian's
 * gawk there (apt-get install gawk, or a directory holding it).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Nido, bootDir, nouxScenarioConfig, repoRoot, sortBlocks } from '../harness.js';

const scripts = join(repoRoot, 'test', 'scenarios', 'gnu_tools');
const HOST_PATH = process.env['NIDO_HOST_PATH'] ?? '/usr/bin:/bin';
const CONSOLE = /^\[init -> log_terminal\] ?/;

/** Files the scripts find in $FIXTURE (read only): a path below it and the content (no XML markup characters). */
type Fixture = Readonly<Record<string, string>>;

/* The fixture as fstab nodes: a <dir> per directory, an <inline> per file. */
function fixtureNodes(fixture: Fixture, under = ''): string {
  const here = Object.keys(fixture).filter((path) => path.startsWith(under)).map((path) => path.slice(under.length));
  const files = here.filter((rest) => !rest.includes('/'));
  const dirs = [...new Set(here.filter((rest) => rest.includes('/')).map((rest) => rest.slice(0, rest.indexOf('/'))))];
  return [
    ...files.map((name) => `<inline name="${name}">${fixture[under + name] ?? ''}</inline>`),
    ...dirs.map((name) => `<dir name="${name}"> ${fixtureNodes(fixture, `${under}${name}/`)} </dir>`),
  ].join(' ');
}

function config(tars: readonly string[], script: string, fixture: Fixture): string {
  return nouxScenarioConfig({
    ram: '200M',
    fstab: `${tars.map((tar) => `<tar name="${tar}"/>`).join(' ')}
        <dir name="scripts"> <rom name="${script}"/> <dir name="testsuite"> <rom name="init.sh" label="sed_init.sh"/> </dir> </dir>
        <dir name="fixture"> ${fixtureNodes(fixture)} </dir>
        <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> </dir>`,
    start: `<start name="/bin/dash">
        <env name="PATH" value="/bin"/> <env name="TMPDIR" value="/tmp"/> <env name="HOME" value="/"/> <env name="FIXTURE" value="/fixture"/>
        <env name="SHIM" value="/scripts"/> <env name="SED_TESTS" value="/sed-tests"/>
        <arg value="-c"/> <arg value="exec 2>&amp;1; . /scripts/${script}"/>
      </start>`,
  });
}

/** Fails naming `npm run ports` when a port's tar is missing. */
async function requireTars(tars: readonly string[]): Promise<void> {
  for (const tar of tars) {
    await access(join(repoRoot, 'dist', 'wasm', tar)).catch(() => {
      throw new Error(`dist/wasm/${tar} is missing: run "npm run ports" (fetches Debian's sources with apt-get source and builds them with nido cc, see ports/README.md)`);
    });
  }
}

/** Runs `script` (a file of test/scenarios/gnu_tools) with dash under noux: the console's lines and `exit: N`. */
async function underNoux(tars: readonly string[], script: string, fixture: Fixture): Promise<string[]> {
  const text = await readFile(join(scripts, script));
  const shim = await readFile(join(scripts, 'sed_init.sh'));
  const dir = await bootDir({ config: config(tars, script, fixture), [script]: text, 'sed_init.sh': shim });
  const nido = new Nido(dir, ['--timeout', '240']);
  const result = await nido.exited;
  const lines = result.lines.filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd());
  const errors = result.lines.filter((line) => /Error|Warning/.test(line) && !CONSOLE.test(line));
  assert.deepEqual(errors, [], `noux's log:\n${result.lines.join('\n')}`);
  return sortBlocks([...lines, `exit: ${result.code}`]);
}

/** Runs `script` with the host's dash and GNU tools in a fresh directory as TMPDIR. */
async function natively(tars: readonly string[], script: string, fixture: Fixture): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'nido-gnu-tools-'));
  /* sed's test suite: the shim in SHIM/testsuite, the port's sed_tests.tar unpacked (the tests as the source has them). */
  const shim = await mkdtemp(join(tmpdir(), 'nido-gnu-shim-'));
  await mkdir(join(shim, 'testsuite'));
  await writeFile(join(shim, 'testsuite', 'init.sh'), await readFile(join(scripts, 'sed_init.sh')));
  const unpacked = await mkdtemp(join(tmpdir(), 'nido-gnu-suite-'));
  if (tars.includes('sed_tests.tar')) {
    const tar = spawnSync('tar', ['-xf', join(repoRoot, 'dist', 'wasm', 'sed_tests.tar'), '-C', unpacked], { encoding: 'utf8' });
    assert.equal(tar.status, 0, `tar -xf sed_tests.tar: ${tar.stderr}`);
  }
  const fixtureDir = await mkdtemp(join(tmpdir(), 'nido-gnu-fixture-'));
  for (const [path, content] of Object.entries(fixture)) {
    await mkdir(dirname(join(fixtureDir, path)), { recursive: true });
    await writeFile(join(fixtureDir, path), content);
  }
  const result = spawnSync('/bin/dash', ['-c', `exec 2>&1; . ${join(scripts, script)}`], {
    encoding: 'utf8', timeout: 60_000,
    env: { PATH: HOST_PATH, TMPDIR: scratch, HOME: '/', LC_ALL: 'C', FIXTURE: fixtureDir,
      SHIM: shim, SED_TESTS: join(unpacked, 'sed-tests') },
  });
  const lines = result.stdout.split('\n').map((line) => line.trimEnd());
  if (lines.at(-1) === '') lines.pop();
  return sortBlocks([...lines, `exit: ${result.status}`]);
}

/**
 * Runs `script` natively and under noux with `tars` and compares: the
 * native lines, with `differences` (a native line → noux's lines instead)
 * applied, must be noux's.
 */
async function compare(tars: readonly string[], script: string, fixture: Fixture = {}, differences: Readonly<Record<string, readonly string[]>> = {}): Promise<void> {
  await requireTars(tars);
  const expected = (await natively(tars, script, fixture)).flatMap((line) => differences[line] ?? [line]);
  const got = await underNoux(tars, script, fixture);
  assert.deepEqual(got, expected);
}

test('GNU sed under noux agrees with the host\'s', async () => {
  await compare(['dash.tar', 'sed.tar'], 'sed.sh');
});

/*
 * The selection of sed's own tests (sed_suite.sh says which and why
 * those): each test's exit status under noux must be the host's.
 */
test('GNU sed\'s own test suite (a selection) under noux as on the host', async () => {
  await compare(['dash.tar', 'sed.tar', 'diffutils.tar', 'grep.tar', 'sed_tests.tar'], 'sed_suite.sh');
});

const TREE: Fixture = {
  'd/one.txt': 'needle\n',
  'd/two.txt': 'hay\n',
  'd/sub/three.txt': 'needle in sub\n',
  'd/sub/four.c': 'int needle;\n',
  'd/empty/.keep': '',
};

test('GNU grep under noux agrees with the host\'s', async () => {
  await compare(['dash.tar', 'grep.tar'], 'grep.sh', TREE, {
    /* Built without PCRE: Debian's grep links libpcre2, which has no port. */
    '[grep -P status 1]': ['grep: Perl matching not supported in a --disable-perl-regexp build', '[grep -P status 2]'],
  });
});

const TREES: Fixture = {
  ...TREE,
  'e/one.txt': 'needle\n',
  'e/two.txt': 'hay and straw\n',
  'e/sub/three.txt': 'needle in the sub\n',
  'e/sub/four.c': 'int needle;\n',
  'e/only.txt': 'new\n',
};

test('GNU diffutils under noux agree with the host\'s', async () => {
  await compare(['dash.tar', 'diffutils.tar', 'sed.tar'], 'diff.sh', TREES, {
    /*
     * cmp writes nothing when its output is /dev/null, which it recognizes
     * as the same character device (st_rdev). WASI reports no st_rdev (0
     * for every device), so the terminal looks like /dev/null to it.
     */
    'same.txt other.txt differ: char 20, line 5': [],
  });
});

test('GNU findutils under noux agree with the host\'s', async () => {
  await compare(['dash.tar', 'findutils.tar', 'grep.tar', 'sed.tar'], 'find.sh', TREE);
});

test('GNU awk under noux agrees with the host\'s', async () => {
  const host = spawnSync('/bin/dash', ['-c', 'command -v gawk'], { encoding: 'utf8', env: { PATH: HOST_PATH } });
  assert.equal(host.status, 0, 'the reference is Debian\'s gawk on the host: apt-get install gawk (or NIDO_HOST_PATH naming a directory with it)');
  await compare(['dash.tar', 'gawk.tar', 'sed.tar'], 'gawk.sh', {}, {
    /* Built without persistent memory (mmap of files), MPFR (no port of libmpfr) and extensions (no API version shown). */
    'GNU Awk 5.2.1, API 3.2, PMA Avon 8-g1, (GNU MPFR 4.2.0, GNU MP 6.2.1)': ['GNU Awk 5.2.1'],
  });
});
