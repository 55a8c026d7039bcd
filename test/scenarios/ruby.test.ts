/*
 * CRuby as a component (issue 5): the shipped `ruby` component runs
 * ruby.wasm (@ruby/3.4-wasm-wasi) on the C runtime under `nido run`.
 * Scripts come from a tar archive built here from test/scenarios/ruby/script;
 * one prints RUBY_VERSION, loads a library with require_relative, reads a
 * file of the archive and one of ram_fs, writes into ram_fs (the `fs`
 * plugin) and into its `<ram/>`, and reads it all back; one raises (its
 * at_exit block runs, exit value 1, Ruby's message in the log); `-e` code
 * exits with 2 and an at_exit block with exit!(3); Ruby's JavaScript
 * bridge finds nothing of the host in the compartment; a command line the
 * reactor cannot run is an error under the component's label. Once the
 * children are gone from the config, init's state report shows its RAM
 * and capability quota back to the byte. examples/ruby runs too.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Nido, bootDir, nidoRun, reportDir, repoRoot, waitForReport } from '../harness.js';

/* dist/test/scenarios → dist/lib/vfs (the type comes from the source, the module from the build) */
const { writeTar } = (await import(new URL('../../lib/vfs/tar_writer.js', import.meta.url).href)) as typeof import('../../src/lib/vfs/tar_writer.js');

const scenario = join(repoRoot, 'test', 'scenarios', 'ruby');

/* Every file below `dir`, as tar entries named relative to it. */
async function scriptEntries(dir: string): Promise<{ path: string; type: 'file'; data: Uint8Array }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map(async (entry) => {
    const path = join(entry.parentPath, entry.name);
    return { path: relative(dir, path), type: 'file' as const, data: await readFile(path) };
  }));
}

/* init's own RAM and capability quota, from its state report. */
const initQuota = (report: string): string | undefined => {
  const own = /^\t<ram quota="([^"]*)"[^>]*\/>\n\t<caps quota="([^"]*)"/m.exec(report);
  return own === null ? undefined : `ram ${own[1]}, caps ${own[2]}`;
};

test('ruby: scripts from a tar archive read and write files through the VFS; exceptions and exit give exit values; quota returns', async () => {
  const dir = await bootDir({ 'scripts.tar': writeTar(await scriptEntries(join(scenario, 'script'))) }, scenario);
  const reports = await reportDir();
  const nido = new Nido(dir, ['--ram', '1G', '--report-dir', reports, '--timeout', '600']);
  const state = (predicate: (report: string) => boolean) => waitForReport(reports, 'init/state', predicate, 120_000);
  const has = (line: string) => assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    /* ram_fs complete: its environment sessions (paid by init) are open. */
    const before = await state((report) => initQuota(report) !== undefined && report.includes('<child name="ram_fs" binary="ram_fs">'));
    const baseline = initQuota(before);

    await writeFile(join(dir, 'config'), await readFile(join(scenario, 'with_ruby.config'), 'utf8'));
    for (const name of ['files', 'failing', 'exiting', 'bridge', 'usage']) {
      await nido.waitFor(new RegExp(`^\\[init\\] child "${name}" exited with exit value \\d+$`), 300_000);
    }

    const matches = (pattern: RegExp) => assert.ok(nido.lines.some((line) => pattern.test(line)), `no line matching ${pattern} in\n${nido.lines.join('\n')}`);
    matches(/^\[init -> files\] ruby 3\.4\.\d+ in \/script$/);
    has('[init -> files] Hello, Nido!');
    has('[init -> files] motd: Welcome to Nido');
    has('[init -> files] seed: planted by ram_fs');
    has('[init -> files] note: WELCOME TO NIDO | written by ./files.rb | appended');
    has('[init -> files] data: note.txt,seed.txt');
    has('[init -> files] scratch: 100000');
    has('[init -> files] scratch gone: true');
    has('[init -> files] tar is read-only: Errno::EROFS');
    has('[init] child "files" exited with exit value 0');

    /* What the script printed, its at_exit block, then Ruby's report of the exception, without the runner's frames. */
    const failing = nido.lines.filter((line) => line.startsWith('[init -> failing] '));
    assert.deepEqual(failing, [
      '[init -> failing] checking',
      '[init -> failing] at exit',
      '[init -> failing] /script/fail.rb:4:in \'Object#check\': value 42 is out of range (ArgumentError)',
      '[init -> failing] \tfrom /script/fail.rb:9:in \'<top (required)>\'',
    ]);
    has('[init] child "failing" exited with exit value 1');

    assert.deepEqual(nido.lines.filter((line) => line.startsWith('[init -> exiting] ')).length, 1);
    matches(/^\[init -> exiting\] 3\.4\.\d+$/);
    has('[init] child "exiting" exited with exit value 3');

    /* An exited child keeps its start node but has no PD any more: no quota in the report. */
    /* What JavaScript evaluated from Ruby sees: the compartment's global scope, without Node's authority. */
    has('[init -> bridge] process: undefined, require: undefined, WebAssembly: object, FinalizationRegistry: function, fetch: undefined');
    has('[init] child "bridge" exited with exit value 0');

    has('[init -> usage] Error: RubyUsageError: ruby: -n (wraps the program in a `while gets` loop) is not supported: the reactor runs the program itself');
    has('[init] child "usage" exited with exit value 1');

    const exits = ['<child name="exiting" binary="ruby" exited="3"/>', '<child name="failing" binary="ruby" exited="1"/>',
      '<child name="files" binary="ruby" exited="0"/>', '<child name="bridge" binary="ruby" exited="0"/>',
      '<child name="usage" binary="ruby" exited="1"/>'];
    await state((report) => exits.every((exit) => report.includes(exit)));

    /* Removed from the config: every child's RAM and capabilities are init's again. */
    await writeFile(join(dir, 'config'), await readFile(join(scenario, 'config'), 'utf8'));
    const after = await state((report) => !report.includes('binary="ruby"') && initQuota(report) === baseline);
    assert.equal(initQuota(after), baseline);
  } finally {
    await nido.stop();
  }
});

test('examples/ruby: hello.rb from ram_fs, and nido run ends with Ruby\'s exit status', async () => {
  const result = await nidoRun(join(repoRoot, 'examples', 'ruby'), ['--report-dir', await reportDir(), '--timeout', '300']);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.ok(result.lines.some((line) => /^\[init -> ruby\] Hello, Nido! This is Ruby 3\.4\.\d+ \(wasm32-wasi\)\.$/.test(line)), result.stdout);
  assert.ok(result.lines.includes('[init -> ruby] wrote /home/visits.txt: Nido was here'), result.stdout);
  assert.ok(result.lines.includes('[init -> ruby] files in /scripts: greeting.txt, hello.rb'), result.stdout);
});
