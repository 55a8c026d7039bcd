/*
 * The corpus of broken configs (test/check/corpus/NAME/config, one mistake
 * each): the first line of each says the finding the check must make, as
 *
 *   <!-- expect: SEVERITY [FILE:]LINE:COLUMN MESSAGE FRAGMENT -->
 *
 * FILE is a ROM module of the same directory (default: config).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness.js';

export const corpusDir = join(repoRoot, 'test', 'check', 'corpus');

export interface Expected {
  readonly name: string;
  readonly dir: string;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fragment: string;
}

const EXPECT = /^<!-- expect: (error|warning) (?:([^\s:]*[A-Za-z][^\s:]*):)?(\d+):(\d+) (.*) -->/;

export function corpus(): Expected[] {
  return readdirSync(corpusDir).sort().map((name) => {
    const dir = join(corpusDir, name);
    const first = readFileSync(join(dir, 'config'), 'utf8').split('\n')[0] ?? '';
    const match = EXPECT.exec(first);
    if (match === null) throw new Error(`${name}/config: the first line is no <!-- expect: ... --> (${first})`);
    return {
      name,
      dir,
      severity: match[1] as Expected['severity'],
      file: match[2] ?? 'config',
      line: Number(match[3]),
      column: Number(match[4]),
      fragment: match[5] as string,
    };
  });
}
