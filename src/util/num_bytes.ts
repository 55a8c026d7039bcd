/*
 * Genode's number formats (spec/init.md §1.1, §5.1): sizes with an optional
 * K, M or G suffix (powers of 1024) when read, and the shortest exact
 * suffix form when printed.
 *
 *   parseNumBytes('16M')  // 16777216
 *   formatNumBytes(4198400) // '4100K'
 */

const UNITS: Readonly<Record<string, number>> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Parses `digits[K|M|G]`; undefined when the text is not of that form. */
export function parseNumBytes(text: string): number | undefined {
  const match = /^(\d+)([KMG]?)$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]) * (UNITS[match[2] ?? ''] ?? 1);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The command line's size syntax: like parseNumBytes, also with lower-case suffixes. */
export function parseSize(text: string): number | undefined {
  return parseNumBytes(text.toUpperCase());
}

/** Prints exact multiples of 1G, 1M and 1K as `NG`, `NM`, `NK`; 0 as `0`; others as plain bytes. */
export function formatNumBytes(bytes: number): string {
  if (bytes === 0) return '0';
  for (const unit of ['G', 'M', 'K']) {
    const size = UNITS[unit] as number;
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
