/* Printing and saving benchmark results. */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

export interface Row {
  readonly name: string;
  /** The measured figure: the median of the samples unless the name says otherwise. */
  readonly value: number;
  readonly unit: string;
  /** The same figure for the baseline, measured in the same run. */
  readonly baseline?: number;
  readonly baselineName?: string;
  /** The goal for value / baseline (or the value), in words. */
  readonly goal?: string;
  readonly met?: boolean;
  readonly samples?: readonly number[];
  readonly baselineSamples?: readonly number[];
}

const resultsDir = fileURLToPath(new URL('../../bench/results', import.meta.url));

function format(value: number): string {
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? value.toFixed(0) : magnitude >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function goal(row: Row): string {
  if (row.goal === undefined) return '';
  return row.met === undefined ? row.goal : `${row.goal} ${row.met ? '(met)' : '(missed)'}`;
}

function baseline(row: Row): string {
  if (row.baseline === undefined) return '';
  const value = `${format(row.baseline)} ${row.unit}`;
  return row.baselineName === undefined ? value : `${value} (${row.baselineName})`;
}

/** Prints rows as a table and writes them to bench/results/NAME.json. */
export async function report(name: string, rows: readonly Row[]): Promise<void> {
  const lines = [
    `\n## ${name}`,
    '| measurement | value | baseline | ratio | goal |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.name} | ${format(r.value)} ${r.unit} | ${baseline(r)} | ${r.baseline ? `${(r.value / r.baseline).toFixed(2)}×` : ''} | ${goal(r)} |`),
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
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
