/* Enslaving services (the talk's part 2): a component runs a server as its own child. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { nidoRun, repoRoot } from '../harness.js';

test('a media player enslaves its decoder: pays for it, restricts it, uses its service, gets every byte back', async () => {
  const result = await nidoRun(join(repoRoot, 'test', 'scenarios', 'slave'), ['--until', 'media player done', '--timeout', '60']);
  assert.equal(result.code, 0, result.stderr);
  for (const line of [
    '[init -> media_player] paid for the slave: true',
    '[init -> media_player] slave announced Decoder',
    '[init -> media_player -> decoder] session "track 1" with 65536 bytes',
    '[init -> media_player] decoded: ogg frames as vorbis',
    '[init -> media_player] slave asks for a timer: denied (RouteMissing)',
    '[init -> media_player] quota back: true',
  ]) assert.ok(result.lines.includes(line), `missing "${line}" in\n${result.lines.join('\n')}`);
});

test('a component enslaves a ram_fs, stores data through its File_system session, reads it back, and gets every byte back', async () => {
  const result = await nidoRun(join(repoRoot, 'test', 'scenarios', 'slave'), ['--until', 'archivist quota back', '--timeout', '60']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.lines.includes('[init -> archivist] read back from the enslaved ram_fs: "track 1: overture\\ntrack 2: finale\\n"'), result.lines.join('\n'));
  assert.ok(result.lines.includes('[init -> archivist] archivist quota back: true'), result.lines.join('\n'));
});
