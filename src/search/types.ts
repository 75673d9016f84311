/** The wire shapes of search, spelled as the contract (DESIGN "HTTP") spells them. */

export type Sort = 'relevance' | 'newest' | 'oldest';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  sort?: Sort;
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
}

export interface Facets {
  year: Record<string, number>;
  minister: Record<string, number>;
  portfolio: Record<string, number>;
}

export interface SearchResult {
  query: string;
  total: number;
  limit: number;
  offset: number;
  sort: Sort;
  took_ms: number;
  hits: Hit[];
  facets: Facets;
  /** A respelling of the query's words that the archive holds, when the query finds little. */
  did_you_mean?: string;
}
