/*
 * "did you mean ...?": the known name nearest to a misspelled one, by
 * Damerau-Levenshtein distance (a swap of two neighbours counts once),
 * when it is near enough to be a typo rather than another word.
 *
 *   suggestion('quantm', ['quantum', 'name']) // 'quantum'
 *   suggestion('label', ['name'])             // undefined
 */

/** The optimal-string-alignment distance of `a` and `b`, or `limit + 1` once it is certainly above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** How far a name may be from a known one to count as a typo of it: 1 for short names, a third of the length for long ones. */
export function typoLimit(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/**
 * The candidate nearest to `name` within its typo limit (ties: the first),
 * compared case-insensitively first: `Ram` suggests `ram`.
 */
export function suggestion(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const limit = Math.min(typoLimit(name), typoLimit(candidate) + 1);
    const distance = candidate.toLowerCase() === lower ? 0.5 : editDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`-style hint text, or undefined without a near candidate. */
export function didYouMean(name: string, candidates: Iterable<string>, quote: (text: string) => string = (text) => `"${text}"`): string | undefined {
  const near = suggestion(name, candidates);
  return near === undefined ? undefined : `did you mean ${quote(near)}?`;
}
