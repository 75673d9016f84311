/** The wire shapes of search, spelled as the contract (DESIGN "HTTP") spells them. */

export type Sort = 'relevance' | 'newest' | 'oldest';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  sort?: Sort;
  /** What a `money` filter counts: announced money (the default) or every plausible figure. */
  amounts?: 'announced' | 'all';
}

export interface Hit {
  id: string;
  title: string;
  /** `YYYY-MM-DD`, or null when unknown. */
  date: string | null;
  url: string;
  ministers: string[];
  portfolios: string[];
  score: number;
  /** HTML-safe text, matches wrapped in `<mark>`. */
  snippet: string;
  /** Ids of exact copies (same title and body) folded into this hit. */
  duplicates: string[];
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

export interface Facets {
  year: Record<string, number>;
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
}
