/*
 * GNU coreutils (ports/coreutils: Debian's 9.1, built by its own build
 * system with nido cc, one multicall binary) under noux, with Debian's
 * dash as the shell, against the host's own coreutils and dash (Debian
 * 12's: the same versions) on Linux.
 *
 * Two checks: a dash script that uses the tools as a user does (files,
 * text, numbers, dates, checksums) prints the same lines under noux as
 * natively; and a selection of coreutils' own test suite (its shell tests
 * with tests/init.sh, installed by the port into share/coreutils/tests)
 * passes under noux wherever it passes on the host. Where noux answers
 * otherwise on purpose, the difference is declared below with its reason.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { access, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, bootDir, nouxScenarioConfig, repoRoot } from '../harness.js';

const COREUTILS_TAR = join(repoRoot, 'dist', 'wasm', 'coreutils.tar');
const DASH_TAR = join(repoRoot, 'dist', 'wasm', 'dash.tar');
const CONSOLE = /^\[init -> log_terminal\] ?/;

async function requirePorts(): Promise<void> {
  for (const [tar, what] of [[COREUTILS_TAR, 'Debian\'s coreutils'], [DASH_TAR, 'Debian\'s dash']] as const) {
    await access(tar).catch(() => {
      throw new Error(`dist/wasm/${tar.slice(tar.lastIndexOf('/') + 1)} is missing: run "npm run ports" (fetches ${what} source with apt-get source and builds it with nido cc)`);
    });
  }
}

const nativeDash = spawnSync('sh', ['-c', 'command -v dash'], { encoding: 'utf8' }).stdout.trim();

function config(fstab: string, start: string): string {
  return nouxScenarioConfig({
    ram: '200M', start,
    fstab: `<tar name="coreutils.tar"/> <tar name="dash.tar"/> ${fstab}
        <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> <zero name="urandom"/> </dir>`,
  });
}

/** Boots `files` and `config`, runs noux to its end: the console's lines and `exit: N`. */
async function underNoux(files: Record<string, string>, fstab: string, start: string): Promise<string[]> {
  const dir = await bootDir({ ...files, config: config(fstab, start) });
  const nido = new Nido(dir, ['--timeout', '300']);
  const result = await nido.exited;
  const lines = result.lines.filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd());
  const errors = result.lines.filter((line) => /Error|Warning/.test(line) && !CONSOLE.test(line));
  assert.deepEqual(errors, [], `noux's log:\n${result.lines.join('\n')}`);
  return [...lines, `exit: ${result.code}`];
}

/* Runs `args` with the host's dash in `cwd`, standard error into the same pipe as under noux's console. */
function natively(args: readonly string[], cwd: string, env: Record<string, string>): string[] {
  const result = spawnSync(nativeDash, ['-c', 'exec "$0" "$@" 2>&1', nativeDash, ...args], {
    cwd, encoding: 'utf8', timeout: 300_000, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', ...env },
  });
  const lines = result.stdout.split('\n').map((line) => line.trimEnd());
  if (lines.at(-1) === '') lines.pop();
  return [...lines, `exit: ${result.status}`];
}

/*
 * The user's script: its first argument is a fresh directory to work in.
 * Times are set (touch -d) and shown in UTC, so that neither the clock
 * (noux has none: the epoch at boot) nor the host's zone matters. ls
 * lists one name a line (-1): under noux its output is the console, a
 * terminal, where it would print columns. shuf's order is random: what
 * it shuffled is sorted back (its memory grows by megabytes between two
 * system calls, which malloc's sbrk asks noux for first).
 */
const SCRIPT = `umask 022
cd "$1" || exit 1
printf 'banana\\napple\\ncherry\\napple\\ndate\\n' > fruit
sort fruit | uniq -c
sort -r fruit | head -n 2
sort -u fruit | tail -n 2
wc fruit; wc -l < fruit; wc -c fruit
tr a-z A-Z < fruit | tr -d '\\n'; echo
tr -s 'p' < fruit | head -n 2
cut -c 1-3 fruit | paste -sd, -
echo one:two:three | cut -d: -f 2,3
seq 5 | paste -sd+ -; seq 2 3 11; seq -w 8 10; seq -s ' ' 1.5 0.5 3
printf '%5.2f|%-4s|%x|%o|%c|%%\\n' 3.14159 ab 255 8 xyz
printf '%s\\n' "a b" c
expr 6 \\* 7; expr length hello; expr 10 % 3; expr abc : 'a\\(.\\)'
mkdir -p d/e/f && echo hi > d/e/f/g
cp -r d d2 && mv d2 d3 && ls -1R d3 && rm -r d3
ls -1
ln -s d/e/f/g link && readlink link && cat link
ln d/e/f/g hard && [ hard -ef d/e/f/g ] && stat -c '%h %n' hard && ln link hard2 && cat hard2 && rm hard hard2
touch -d '2001-09-09 01:46:40 UTC' fruit
ls -lgo --time-style=+%s fruit | cut -c 11-
stat -c '%s %h %Y %F %n' fruit; stat -c '%s %h %F %n' link; stat -c '%F %n' d
ls -l fruit | cut -c 1-10
chmod 600 fruit; stat -c '%a %n' fruit
date -u -d @0
date -u -d @1000000000 '+%Y-%m-%d %H:%M:%S %A %j'
date -u -d '2024-02-28 + 1 day' +%F
md5sum fruit; sha1sum fruit; sha256sum fruit; printf abc | md5sum
md5sum fruit > sums && md5sum -c sums
basename /a/b/c.txt .txt; dirname /a/b/c; basename -a x/y z/w
head -c 5 fruit; echo
tail -c 6 fruit
test -f fruit && echo file; [ -d d ] && echo dir; [ 2 -gt 10 ] || echo notgt; [ abc = abc ] && echo same
true; echo "true $?"; false; echo "false $?"
env -i B=2 A=1 env | sort
yes x | head -n 3
echo tee | tee out > /dev/null; cat out
sleep 0.2 && echo slept
od -An -tx1 -N 8 fruit
nl -ba fruit | head -n 2
split -l 2 fruit part && ls -1 part* && cat partab
fold -w 4 fruit | head -n 3
printf '1 b\\n2 a\\n' > one; printf '1 x\\n3 y\\n' > two; join one two; sort fruit > sorted; comm -12 sorted sorted | wc -l
printf '10\\n9\\n100\\n' | sort -n | tr '\\n' ' '; echo
printf 'b 2\\na 10\\nc 1\\n' | sort -k2,2n
tac fruit | head -n 1
seq 200000 | shuf | sort -n | tail -n 1; shuf -i 1-5 | sort | tr -d '\\n'; echo
numfmt --to=iec 1048576
factor 360
echo abc | base64; echo YWJj | base64 -d; echo
truncate -s 3 out; cat out; echo
mktemp -d tmp.XXXX | cut -c 1-4
rm -rf d part* one two sums sorted out tmp.*; ls -1
ls missing
rmdir missing
cat missing
echo done
`;

/*
 * Lines of the script that noux answers otherwise on purpose: the host's
 * line, and noux's lines instead.
 */
const SCRIPT_DIFFERENCES: Record<string, readonly string[]> = {
  /* No permission bits in Genode's VFS: ls shows none, chmod succeeds without effect (docs/noux.md). */
  '-rw-r--r--': ['----------'],
  '600 fruit': ['0 fruit'],
};

test('a dash script using coreutils prints under noux what it prints with the host\'s coreutils', async () => {
  await requirePorts();
  assert.notEqual(nativeDash, '', 'the reference is the host\'s dash (Debian\'s package dash)');
  const work = await mkdtemp(join(tmpdir(), 'nido-coreutils-'));
  await writeFile(join(work, 'script.sh'), SCRIPT);
  await mkdir(join(work, 'files'));
  const expected = natively(['script.sh', join(work, 'files')], work, {}).flatMap((line) => SCRIPT_DIFFERENCES[line] ?? [line]);
  const got = await underNoux({ 'script.sh': SCRIPT }, '<rom name="script.sh"/>',
    '<start name="/bin/dash"> <env name="PATH" value="/bin"/> <env name="LC_ALL" value="C"/> <arg value="/script.sh"/> <arg value="/tmp"/> </start>');
  assert.deepEqual(got, expected);
});

/*
 * coreutils' own tests: shell scripts that need neither root, perl, grep
 * beyond init.sh's own probe, sed, diff nor the programs the build does
 * not install (getlimits, ginstall), and pass on the host (Debian 12's
 * coreutils 9.1). A selection across the tools, small enough to keep the
 * test under two minutes (each takes 2 to 3 s under noux).
 */
const SUITE = [
  'misc/cat-E', 'misc/echo', 'misc/false-status', 'misc/od-N', 'misc/printf-hex', 'misc/realpath',
  'misc/seq-extra-number', 'misc/sort-month', 'misc/tr-case-class', 'misc/wc-files0',
  'cp/link', 'cp/dir-slash', 'cp/into-self', 'mv/dir-file', 'rm/r-1', 'rm/f-1', 'rm/dangling-symlink',
  'mkdir/p-1', 'mkdir/parents', 'ln/sf-1', 'ln/target-1', 'ls/a-option', 'ls/recursive',
  'touch/dir-1', 'readlink/rl-1', 'split/lines', 'fmt/goal-option', 'tail-2/tail-c',
];

/* Tests whose result under noux differs from the host's on purpose or for a known bug: noux's status, and why. */
const SUITE_DIFFERENCES: Record<string, { readonly status: number; readonly reason: string }> = {
  'misc/sort-month': { status: 77, reason: 'skips itself: no `locale` program (glibc\'s) under noux' },
  'mkdir/parents': { status: 77, reason: 'skips itself: skip_if_setgid_ wants a new directory\'s mode to read drwx------, and noux has no permission bits' },
};

/*
 * Runs each test as `make check` would (srcdir, built_programs, the C
 * locale, descriptor 9 for init.sh's messages, no input), each from a
 * working directory of its own, where init.sh makes the test's
 * directory; prints one line `RESULT test status` per test.
 */
const DRIVER = `srcdir=$1; shift; export srcdir
built_programs=$(ls "$BIN" | tr '\\n' ' '); export built_programs
LC_ALL=C; export LC_ALL
n=0
for t in "$@"; do
  n=$((n + 1)); mkdir -p "$WORK/$n" && cd "$WORK/$n" || exit 1
  sh "$srcdir/tests/$t.sh" < /dev/null > "$WORK/$n.log" 2>&1 9>&2
  echo "RESULT $t $?"
done
`;

/*
 * What noux lacks that init.sh uses: diff and cmp (diffutils is not
 * ported; init.sh's compare falls back to cmp, which this one stands in
 * for), grep (Nido's own, tools.tar, for init.sh's probe of the shell),
 * /dev/urandom (init.sh makes a test's directory with mktemp, but wants
 * it mode 0700, which noux cannot show, and then names one itself from
 * random bytes: a zero device stands in, and every test has a working
 * directory of its own, so that the same name does not clash).
 */
const CMP = `#!/bin/sh
s=; if [ "$1" = -s ]; then s=1; shift; fi
a=$(od -An -v -tx1 "$1") || exit 2
b=$(od -An -v -tx1 "$2") || exit 2
[ "$a" = "$b" ] && exit 0
[ -n "$s" ] || echo "$1 $2 differ"
exit 1
`;

function results(lines: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of lines) {
    const match = /^RESULT (\S+) (\d+)$/.exec(line);
    if (match?.[1] !== undefined) map.set(match[1], Number(match[2]));
  }
  return map;
}

test('coreutils\' own tests pass under noux where they pass on the host', async () => {
  await requirePorts();
  assert.notEqual(nativeDash, '', 'the reference is the host\'s dash (Debian\'s package dash)');
  const host = await mkdtemp(join(tmpdir(), 'nido-coreutils-suite-'));
  /* The suite as the port installed it, out of coreutils.tar. */
  const extracted = spawnSync('tar', ['-xf', COREUTILS_TAR, '-C', host, 'share/coreutils'], { encoding: 'utf8' });
  assert.equal(extracted.status, 0, `tar -xf coreutils.tar share/coreutils: ${extracted.stderr}`);
  await writeFile(join(host, 'driver.sh'), DRIVER);
  const hostResults = results(natively(['driver.sh', join(host, 'share', 'coreutils'), ...SUITE], host, { BIN: '/usr/bin', WORK: host }));
  const nouxLines = await underNoux({ 'driver.sh': DRIVER, cmp: CMP },
    '<rom name="driver.sh"/> <tar name="tools.tar"/> <dir name="shim"> <rom name="cmp"/> </dir>',
    `<start name="/bin/dash"> <env name="PATH" value="/bin:/shim"/> <env name="BIN" value="/bin"/> <env name="WORK" value="/tmp"/>
      <arg value="/driver.sh"/> <arg value="/share/coreutils"/> ${SUITE.map((name) => `<arg value="${name}"/>`).join(' ')} </start>`);
  const nouxResults = results(nouxLines);
  const table = SUITE.map((name) => {
    const difference = SUITE_DIFFERENCES[name];
    return `${name.padEnd(28)} host ${String(hostResults.get(name) ?? '-').padStart(3)}  noux ${String(nouxResults.get(name) ?? '-').padStart(3)}${difference === undefined ? '' : `  (${difference.reason})`}`;
  });
  const report = join(tmpdir(), 'nido-coreutils-suite.txt');
  await writeFile(report, `${table.join('\n')}\n`);
  const wrong = SUITE.filter((name) => {
    const hostStatus = hostResults.get(name);
    if (hostStatus !== 0) return false;
    const expected = SUITE_DIFFERENCES[name]?.status ?? 0;
    return nouxResults.get(name) !== expected;
  });
  const notOnHost = SUITE.filter((name) => hostResults.get(name) !== 0 && SUITE_DIFFERENCES[name] === undefined);
  assert.deepEqual({ wrong, notOnHost }, { wrong: [], notOnHost: [] }, `${table.join('\n')}\n(also in ${report}; the end of noux's console: ${nouxLines.slice(-3).join(' | ')})`);
});
