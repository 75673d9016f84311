/**
 * Every link the site makes is built here (Datasette's `url_builder.py`), so no page hand-assembles a
 * query string and the URL scheme lives in one file. Values are percent-encoded; the templates escape
 * the result again for the attribute they land in.
 */
import { filterQuery, type AmountKind, type Sort } from '../index.ts';

/** The state of a search page; defaults are left out of the URL so shared links stay short. */
export interface SearchState {
  q: string;
  sort?: Sort;
  offset?: number;
  limit?: number;
  /** What a money filter counts; 'announced' (the default) is left out of the URL. */
  amounts?: 'announced' | 'all';
}

/** The default page size of the HTML search page. */
export const PAGE_SIZE = 20;

function qs(params: [string, string | number | undefined][]): string {
  const sp = new URLSearchParams();
  for (const [k, v] of params) if (v !== undefined && v !== '') sp.append(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function searchParams(s: SearchState): [string, string | number | undefined][] {
  return [
    ['q', s.q],
    ['sort', s.sort && s.sort !== 'relevance' ? s.sort : undefined],
    ['offset', s.offset ? s.offset : undefined],
    ['limit', s.limit && s.limit !== PAGE_SIZE ? s.limit : undefined],
    ['amounts', s.amounts === 'all' ? 'all' : undefined],
  ];
}

export const urls = {
  home: () => '/',
  /**
   * @example
   * urls.search({ q: 'Taji', sort: 'newest' }) // => '/search?q=Taji&sort=newest'
   */
  search: (s: SearchState) => `/search${qs(searchParams(s))}`,
  searchApi: (s: SearchState) => `/api/search${qs(searchParams(s))}`,
  searchAtom: (q: string) => `/search.atom${qs([['q', q]])}`,
  searchCsv: (q: string, sort?: Sort) => `/search.csv${qs([['q', q], ['sort', sort && sort !== 'relevance' ? sort : undefined]])}`,
  searchJsonl: (q: string, sort?: Sort) => `/search.jsonl${qs([['q', q], ['sort', sort && sort !== 'relevance' ? sort : undefined]])}`,
  release: (id: string) => `/releases/${encodeURIComponent(id)}`,
  releaseApi: (id: string) => `/api/releases/${encodeURIComponent(id)}`,
  relatedApi: (id: string) => `/api/releases/${encodeURIComponent(id)}/related`,
  ministers: () => '/ministers',
  ministersApi: () => '/api/ministers',
  minister: (name: string) => `/ministers/${encodeURIComponent(name)}`,
  ministerApi: (name: string) => `/api/ministers/${encodeURIComponent(name)}`,
  ministerAtom: (name: string) => `/ministers/${encodeURIComponent(name)}/feed.atom`,
  portfolios: () => '/portfolios',
  portfoliosApi: () => '/api/portfolios',
  portfolio: (name: string) => `/portfolios/${encodeURIComponent(name)}`,
  portfolioApi: (name: string) => `/api/portfolios/${encodeURIComponent(name)}`,
  portfolioAtom: (name: string) => `/portfolios/${encodeURIComponent(name)}/feed.atom`,
  trends: (t: TrendsState) => `/trends${trendsQs(t)}`,
  trendsApi: (t: TrendsState) => `/api/trends${trendsQs(t)}`,
  trendsCsv: (t: TrendsState) => `/trends.csv${trendsQs(t)}`,
  /**
   * @example
   * urls.amounts({ portfolio: 'Health', year: 2020 }) // => '/amounts?portfolio=Health&year=2020'
   */
  amounts: (a: AmountsState = {}) => `/amounts${amountsQs(a)}`,
  amountsApi: (a: AmountsState = {}) => `/api/amounts${amountsQs(a)}`,
  /** A release page scrolled to one of its facts, which the page marks with `id="fact-N"`. */
  releaseFact: (id: string, fact: number) => `/releases/${encodeURIComponent(id)}${fact >= 0 ? `#fact-${fact}` : ''}`,
  openapi: () => '/api/openapi.json',
  static: (file: string) => `/static/${file}`,
  about: () => '/about',
};

export interface TrendsState {
  q: string[];
  by?: 'year' | 'month';
  from?: string;
  to?: string;
  /** 'count' charts the number of releases; the share (the default) is left out of the URL. */
  show?: 'share' | 'count';
}

/** The state of the amounts page; NZD and the first page are left out of the URL. */
export interface AmountsState {
  portfolio?: string;
  year?: number;
  currency?: string;
  /** Default 'announced'. */
  kind?: AmountKind;
  offset?: number;
  limit?: number;
}

/** The default page size of the amounts page. */
export const AMOUNTS_PAGE_SIZE = 20;

function amountsQs(a: AmountsState): string {
  return qs([
    ['portfolio', a.portfolio],
    ['year', a.year],
    ['currency', a.currency && a.currency !== 'NZD' ? a.currency : undefined],
    ['kind', a.kind && a.kind !== 'announced' ? a.kind : undefined],
    ['offset', a.offset ? a.offset : undefined],
    ['limit', a.limit && a.limit !== AMOUNTS_PAGE_SIZE ? a.limit : undefined],
  ]);
}

function trendsQs(t: TrendsState): string {
  return qs([...t.q.map((q): [string, string] => ['q', q]), ['by', t.by === 'month' ? 'month' : undefined], ['from', t.from], ['to', t.to], ['show', t.show === 'count' ? 'count' : undefined]]);
}

/**
 * The query term of a facet link: `year:YYYY`, or a whole-name filter as `filterQuery` writes it.
 * @example
 * filterTerm('portfolio', 'Māori Crown Relations: Te Arawhiti') // => 'portfolio:"Māori Crown Relations: Te Arawhiti"'
 */
export function filterTerm(kind: 'minister' | 'portfolio' | 'year' | 'month', value: string): string {
  return kind === 'year' || kind === 'month' ? `${kind}:${value}` : filterQuery(kind, value);
}

/**
 * Adds a filter to a query unless the query already holds it, so a facet link refines, never repeats.
 * @example
 * refine('Taji', 'year', '2015') // => 'Taji year:2015'
 */
export function refine(q: string, kind: 'minister' | 'portfolio' | 'year' | 'month', value: string): string {
  const term = filterTerm(kind, value);
  if (q.toLowerCase().includes(term.toLowerCase())) return q;
  return q.trim() ? `${q.trim()} ${term}` : term;
}

/** The filters of a query as chips: each with its text and the query without it. */
export function activeFilters(q: string): { text: string; without: string }[] {
  const out: { text: string; without: string }[] = [];
  for (const m of q.matchAll(/(^|\s)(-?(?:minister|portfolio|year|month|from|to|money)(?::|>=|<=|>|<)(?:"[^"]*"|\S+))/gi)) {
    const text = m[2]!;
    const start = m.index! + m[1]!.length;
    out.push({ text, without: `${q.slice(0, start)}${q.slice(start + text.length)}`.replace(/\s+/g, ' ').trim() });
  }
  return out;
}
