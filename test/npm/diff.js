import { applyPatch, createTwoFilesPatch, diffChars, diffLines, diffWords, parsePatch } from 'diff';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`diff ${what}: got ${g}, want ${w}`);
}

const show = (changes) => changes.map((c) => (c.added ? '+' : c.removed ? '-' : '=') + c.value).join('|');

export function construct(env) {
  const before = 'one\ntwo\nthree\nfour\n';
  const after = 'one\n2\nthree\nfour\nfive\n';
  expect('diffLines', show(diffLines(before, after)), '=one\n|-two\n|+2\n|=three\nfour\n|+five\n');
  expect('diffWords', show(diffWords('the quick fox', 'the slow fox')), '=the |-quick|+slow|= fox');
  expect('diffChars', show(diffChars('kitten', 'sitting')), '-k|+s|=itt|-e|+i|=n|+g');
  const patch = createTwoFilesPatch('a.txt', 'b.txt', before, after, '', '', { context: 1 });
  expect('patch', patch.split('\n').slice(0, 4), ['===================================================================', '--- a.txt', '+++ b.txt', '@@ -1,4 +1,5 @@']);
  expect('applyPatch', applyPatch(before, patch), after);
  expect('parsePatch', parsePatch(patch)[0].hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]), [[1, 4, 1, 5]]);
  expect('mismatch', applyPatch('zero\n', patch), false);
  env.log('ok diff');
  env.exit(0);
}
