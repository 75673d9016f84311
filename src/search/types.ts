/** The wire shapes of search, spelled as the contract (DESIGN "HTTP") spells them. */
import type { ReleaseSummary } from '../corpus/types.ts';

export type Sort = 'relevance' | 'newest' | 'oldest';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  sort?: Sort;
  /** What a `money` filter counts: announced money (the default) or every plausible figure. */
  amounts?: 'announced' | 'all';
}

export interface Hit extends ReleaseSummary {
  score: number;
  /** HTML-safe text, matches wrapped in `<mark>`. */
  snippet: string;
  /** Ids of exact copies (same title and body) folded into this hit. */
  duplicates: string[];
  /** Only when the search relaxed (see `SearchResult.relaxed`): the query's words this release lacks. */
  missing?: string[];
  /** Only for a query with a `money` filter: the amounts the release states in its range, largest first (at most three). */
  amounts?: HitAmount[];
}

/** An amount of money a release states (a money fact), as a hit or the amounts list shows it. */
export interface HitAmount {
  /** Whole currency units; the low end of a range. */
  value: number;
  /** The top of a range ("$2–3 million"); what filters and rankings compare. */
  value_max?: number;
  /** ISO 4217. */
  currency: string;
  qualifier?: string;
  /** Exactly the body's text from `start` to `end`. */
  text: string;
  start: number;
  end: number;
  /** Its index among the release's facts: the release page marks it at `#fact-N`. -1 if not found. */
  fact: number;
  /** Announced money, another figure (GDP, trade, a market's size…), or implausible as written. */
  class: 'announced' | 'other' | 'implausible';
}

/** The sentence that tells a reader a search relaxed, for the CLI and the page alike. */
export function relaxedNotice(r: SearchResult): string | undefined {
  if (!r.relaxed) return undefined;
  const n = r.relaxed.matched_all;
  const head = n === 0
    ? 'No release has all of these words; showing releases with most of them'
    : `Only ${n} ${n === 1 ? 'release has' : 'releases have'} all of these words; showing releases with most of them after ${n === 1 ? 'it' : 'them'}`;
  return r.relaxed.dropped.length ? `${head}. Left out: ${r.relaxed.dropped.join(', ')}.` : `${head}.`;
}

/** One sentence for each `minister:` value that was not a full name, for the CLI and the page alike. */
export function nameNotices(r: SearchResult): string[] {
  return (r.minister_names ?? []).map(({ typed, people, how }) => {
    const filter = `minister:${/\s/.test(typed) ? `"${typed}"` : typed}`;
    if (how === 'part') return `${filter} is ${people[0]}.`;
    if (how === 'near') return `No minister is named ${typed}; showing ${people[0]}.`;
    if (how === 'ambiguous') return `${filter} names ${people.length} people, all of them searched: ${people.join(', ')}.`;
    return `${filter} names no minister in the archive.`;
  });
}

export interface Facets {
  year: Record<string, number>;
  /** `YYYY-MM` → count, only when every dated match falls in one year. */
  month?: Record<string, number>;
  minister: Record<string, number>;
  portfolio: Record<string, number>;
}

export interface SearchResult {
  query: string;
  /** Every matching release, exact copies included (as the facets count them). */
  total: number;
  /** The hits the pages go through: the matches with exact copies folded together, so at most `total`. */
  total_hits: number;
  limit: number;
  offset: number;
  sort: Sort;
  took_ms: number;
  hits: Hit[];
  facets: Facets;
  /** A respelling of the query's words that the archive holds, when the query finds little. */
  did_you_mean?: string;
  /**
   * Present when no more than a few releases have all of the query's words, so the results are releases
   * with most of them (quoted phrases, exclusions and filters still strict): `matched_all` counts the
   * releases with every word (they come first), `dropped` lists the words that hits on this page lack,
   * each hit its own in `missing`.
   */
  relaxed?: { matched_all: number; dropped: string[] };
  /**
   * How `minister:` values that are not a person's full name or alias were read: `part` (a surname, one
   * person), `ambiguous` (words of several people's names; all of them are searched), `near` (a near-miss
   * of one name), `none` (nobody: the filter selects nothing).
   */
  minister_names?: { typed: string; people: string[]; how: 'part' | 'ambiguous' | 'near' | 'none' }[];
}
