/* Printing and saving benchmark results. */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

export interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: number;
  readonly goal?: string;
}

const resultsDir = fileURLToPath(new URL('../../bench/results', import.meta.url));

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Prints rows as a table and writes them to bench/results/NAME.json. */
export async function report(name: string, rows: readonly Row[]): Promise<void> {
  const lines = [
    `\n## ${name}`,
    '| measurement | value | baseline | ratio | goal |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.name} | ${format(r.value)} ${r.unit} | ${r.baseline === undefined ? '' : `${format(r.baseline)} ${r.unit}`} | ${r.baseline ? `${(r.value / r.baseline).toFixed(2)}x` : ''} | ${r.goal ?? ''} |`),
  ];
  console.log(lines.join('\n'));
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, `${name}.json`), JSON.stringify({
    name,
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    rows: rows.map((r) => ({ ...r, ratio: r.baseline ? r.value / r.baseline : undefined })),
  }, null, 2) + '\n');
}

/** Median of samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
