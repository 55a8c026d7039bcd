/*
 * Boot-medium detection (the talk's dynamic workloads): a probe checks
 * several candidate File_system servers (vfs servers each serving a tar
 * archive) for a marker file, publishes the config of the `system` init
 * through report_rom, and that init starts the app from the medium that
 * holds the marker. Each set-up puts the marker elsewhere.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootDir, nidoRun, repoRoot } from '../harness.js';

async function medium(dir: string, name: string, greeting: string, marker: boolean): Promise<void> {
  const content = await mkdtemp(join(tmpdir(), `nido-${name}-`));
  await mkdir(content, { recursive: true });
  await writeFile(join(content, 'readme.txt'), `${greeting}\n`);
  if (marker) await writeFile(join(content, 'nido.boot'), 'marker\n');
  execFileSync('tar', ['--format=ustar', '-cf', join(dir, `${name}.tar`), '-C', content, '.']);
}

for (const holder of ['medium_a', 'medium_c', 'medium_b']) {
  test(`the system boots from the medium with the marker (${holder})`, async () => {
    const dir = await bootDir({}, join(repoRoot, 'examples', 'boot_medium'));
    for (const name of ['medium_a', 'medium_b', 'medium_c']) await medium(dir, name, `greetings from ${name}`, name === holder);
    const result = await nidoRun(dir, ['--until', '^\\[init -> system -> app\\] app read: ', '--timeout', '90']);
    assert.equal(result.code, 0, result.lines.join('\n') + result.stderr);
    for (const name of ['medium_a', 'medium_b', 'medium_c']) {
      assert.ok(result.lines.includes(`[init -> probe] ${name}: ${name === holder ? 'marker found' : 'no marker'}`), result.lines.join('\n'));
    }
    assert.ok(result.lines.includes(`[init -> probe] booting from ${holder}`));
    assert.ok(result.lines.includes(`[init -> system -> app] app read: greetings from ${holder}`), result.lines.join('\n'));
  });
}
