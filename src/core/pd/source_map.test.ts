import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceMap } from 'node:module';
import { build } from 'esbuild';
import { SourceMapReader } from './source_map.js';

/* A bundle of two modules, with more lines than one checkpoint holds, and its map. */
async function bundled(): Promise<{ code: string; map: { sources: string[]; names: string[]; mappings: string } }> {
  const filler = Array.from({ length: 80 }, (_, i) => `export const value${i} = ${i} * Math.random();`).join('\n');
  const result = await build({
    stdin: {
      contents: `import { helper } from './helper.ts';\n${filler}\nexport function construct(n: number): number {\n  return helper(n) + value3;\n}\n`,
      loader: 'ts', sourcefile: 'main.ts', resolveDir: '/virtual',
    },
    plugins: [{
      name: 'virtual',
      setup(b) {
        b.onResolve({ filter: /helper/ }, () => ({ path: '/virtual/helper.ts' }));
        b.onLoad({ filter: /helper/ }, () => ({ contents: 'export function helper(n: number): number {\n  if (n > 1) throw new Error("boom");\n  return n;\n}\n', loader: 'ts' }));
      },
    }],
    bundle: true, write: false, format: 'cjs', sourcemap: 'external', sourcesContent: false, outfile: '/virtual/out.js',
  });
  const text = (suffix: string) => result.outputFiles.find((file) => file.path.endsWith(suffix))?.text ?? '';
  return { code: text('out.js'), map: JSON.parse(text('out.js.map')) as { sources: string[]; names: string[]; mappings: string } };
}

test('every position of a bundle maps as Node\'s own source map reader maps it, and back', async () => {
  const { code, map } = await bundled();
  const reference = new SourceMap({ file: 'out.js', version: 3, sourceRoot: '', sourcesContent: [], ...map });
  const reader = new SourceMapReader(map);
  const lines = code.split('\n');
  let compared = 0;
  /* Backwards first: positions before the checkpoints exist, then from them. */
  for (const index of [...lines.keys()].reverse().concat([...lines.keys()])) {
    const line = lines[index] ?? '';
    for (let column = 0; column <= line.length; column++) {
      const expected = reference.findEntry(index, column) as { generatedLine?: number; originalSource?: string; originalLine?: number; originalColumn?: number };
      const found = reader.original(index + 1, column + 1);
      /* Node's reader answers the last segment of an earlier line where a line has none before the column; a frame's position is on its own line. */
      if (expected.originalSource === undefined || expected.generatedLine !== index) {
        assert.equal(found, undefined, `${index + 1}:${column + 1}`);
        continue;
      }
      compared++;
      assert.deepEqual(found === undefined ? undefined : [found.source, found.line, found.column],
        [expected.originalSource, (expected.originalLine ?? 0) + 1, (expected.originalColumn ?? 0) + 1], `${index + 1}:${column + 1}`);
      /* Back to the bundle: a line whose segment maps to the same place (the first such). */
      if (found !== undefined) assert.ok(reader.generated(found.source, found.line, found.column) !== undefined);
    }
  }
  assert.ok(compared > 100, `compared ${compared} positions`);
});

test('the throw in a bundled module maps to its file, line and column', async () => {
  const { code, map } = await bundled();
  const lines = code.split('\n');
  const line = lines.findIndex((text) => text.includes('throw new Error'));
  const column = (lines[line] ?? '').indexOf('new Error');
  const found = new SourceMapReader(map).original(line + 1, column + 1);
  assert.deepEqual(found && [found.source.replace(/^.*\//, ''), found.line, found.column], ['helper.ts', 2, 20]);
  assert.equal(new SourceMapReader(map).generated(found?.source ?? '', 2, 20)?.line, line + 1);
});

test('positions beyond the map and malformed maps give no position, never an error', () => {
  const reader = new SourceMapReader({ sources: ['a.ts'], mappings: 'AAAA;AACA' });
  assert.deepEqual(reader.original(2, 1), { source: 'a.ts', line: 2, column: 1, name: undefined });
  assert.equal(reader.original(3, 1), undefined);
  assert.equal(reader.original(0, 1), undefined);
  assert.equal(reader.original(1.5, 1), undefined);
  assert.equal(new SourceMapReader({ sources: ['a.ts'], mappings: 'A!A;' }).original(1, 1), undefined);
  assert.equal(new SourceMapReader({ sources: ['a.ts'], mappings: 'AA;' }).original(1, 1), undefined);
  assert.equal(new SourceMapReader({ sources: [], mappings: 'AAAA' }).original(1, 1), undefined);
});
