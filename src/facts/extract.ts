import type { Fact } from './types.ts';
import { extractMoney } from './money.ts';
import { extractPercent } from './percent.ts';
import { extractDates } from './dates.ts';
import { extractDurations } from './durations.ts';
import { extractCounts } from './counts.ts';
import { numberStarts } from './numbers.ts';

export type { Fact } from './types.ts';

/**
 * Every fact extractor, in order of precedence: where two claim overlapping text the
 * earlier one wins, so "$4 million" is money and never a count of 4, and "nine months"
 * is a duration, not a count. Adding a kind is a file and one line here.
 */
const EXTRACTORS: ReadonlyArray<(body: string, releaseDate: string | null, starts: readonly number[]) => Fact[]> = [
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
 * //     { kind: 'duration', value: 'P9M', text: 'nine months', start: 71, end: 82 }]
 */
export function extractFacts(body: string, releaseDate: string | null): Fact[] {
  // Links are not statements: "dry-conditions-2012-13" in a URL is no financial year.
  const links = urlSpans(body);
  // Kept sorted by start and free of overlaps, so a new fact need only be checked against its neighbours.
  const taken: Fact[] = links.slice();
  for (const extract of EXTRACTORS) {
    // A number inside text already claimed can only give a fact that loses to the claim: skip it.
    for (const fact of extract(body, releaseDate, freeStarts(numberStarts(body), taken))) {
      let lo = 0;
      let hi = taken.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (taken[mid].start < fact.start) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0 && taken[lo - 1].end > fact.start) continue;
      if (lo < taken.length && taken[lo].start < fact.end) continue;
      taken.splice(lo, 0, fact);
    }
  }
  if (!links.length) return taken;
  const isLink = new Set(links);
  return taken.filter((f) => !isLink.has(f));
}

// The number starts that fall outside every span in `taken` (sorted by start, no overlaps).
function freeStarts(starts: readonly number[], taken: readonly Fact[]): readonly number[] {
  if (!taken.length) return starts;
  const free: number[] = [];
  let k = 0;
  for (const at of starts) {
    while (k < taken.length && taken[k].end <= at) k++;
    if (k < taken.length && taken[k].start <= at) continue;
    free.push(at);
  }
  return free;
}

const URL_END = /[\s)\]>"]/g;

// Spans of URLs, as placeholder facts that claim their text so no extractor's fact survives there.
function urlSpans(body: string): Fact[] {
  const spans: Fact[] = [];
  for (const prefix of ['http', 'www.']) {
    for (let i = body.indexOf(prefix); i >= 0; i = body.indexOf(prefix, i + 1)) {
      URL_END.lastIndex = i;
      const end = URL_END.exec(body)?.index ?? body.length;
      spans.push({ kind: 'count', value: 0, text: '', start: i, end });
      i = end;
    }
  }
  return spans;
}
