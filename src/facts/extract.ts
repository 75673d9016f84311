import type { Fact } from './types.ts';
import { extractMoney } from './money.ts';
import { extractPercent } from './percent.ts';
import { extractDates } from './dates.ts';
import { extractDurations } from './durations.ts';
import { extractCounts } from './counts.ts';

export type { Fact } from './types.ts';

/**
 * Every fact extractor, in order of precedence: where two claim overlapping text the
 * earlier one wins, so "$4 million" is money and never a count of 4, and "nine months"
 * is a duration, not a count. Adding a kind is a file and one line here.
 */
const EXTRACTORS: ReadonlyArray<(body: string, releaseDate: string | null) => Fact[]> = [
  extractMoney,
  extractPercent,
  extractDates,
  extractDurations,
  extractCounts,
];

/**
 * The facts a release body states (money, counts, dates, durations, percentages), each
 * with the exact span it was read from, sorted by start. Pure and synchronous.
 * @param body the release body, front matter removed.
 * @param releaseDate `YYYY-MM-DD`, the reference for relative dates; null when unknown
 *   (relative dates such as "next year" are then left out).
 * @example
 * extractFacts('The two year mission, likely to start from May, will be reviewed after nine months.', '2015-02-24')
 * // => [{ kind: 'duration', value: 'P2Y', text: 'two year', start: 4, end: 12 },
 * //     { kind: 'date', value: '2015-05', text: 'May', start: 43, end: 46 },
 * //     { kind: 'duration', value: 'P9M', text: 'nine months', start: 72, end: 83 }]
 */
export function extractFacts(body: string, releaseDate: string | null): Fact[] {
  const taken: Fact[] = [];
  for (const extract of EXTRACTORS) {
    for (const fact of extract(body, releaseDate)) {
      if (!overlapsAny(fact, taken)) taken.push(fact);
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

function overlapsAny(fact: Fact, taken: Fact[]): boolean {
  for (const t of taken) if (fact.start < t.end && t.start < fact.end) return true;
  return false;
}
