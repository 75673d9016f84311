import { dayNumber } from '../calendar.ts';
import { foldKey } from '../text.ts';
import { amountMask, attachAmounts, type AmountScope } from './amounts.ts';
import type { Archive } from './archive.ts';
import { countFacets } from './facets.ts';
import { boundedQuery, type CompiledQuery, type QueryCost } from './query/index.ts';
import { feedback } from './feedback.ts';
import { rerank, RERANK_DEPTH } from './rank.ts';
import { joinMinisterNames, nearPortfolio, readMinister, type NameReading } from './names.ts';
import { missingWords, relaxable, relaxedCandidates, RELAX } from './relax.ts';
import { hitsOf } from './hits.ts';
import { CLOSE, OPEN } from './snippet.ts';
import { suggest } from './suggest.ts';
import type { Hit, SearchOptions, SearchResult, Sort } from './types.ts';

/** Column weights for bm25 over (title, lead, body): a word in the title says more than one in the body. */
export const BM25_WEIGHTS = [10, 4, 1] as const;

interface Candidates {
  rows: Int32Array;
  /** bm25 per row (lower is better) when the query has words; aligned with rows. */
  scores?: Float64Array;
  /** Instead of `scores`: bm25 of the best RERANK_DEPTH rows only, best first. */
  top?: [number, number][];
}

/**
 * Searches the archive with the query language of DESIGN.
 * @example
 * search(archive, 'Iraq training mission Taji', { limit: 3 }).hits[0].id
 * // => '2015-02-24-pm-announces-contribution-coalition-against-isil'
 */
export function search(archive: Archive, input: string, opts: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const limit = opts.limit ?? 10;
  const offset = opts.offset ?? 0;
  const sort: Sort = opts.sort ?? 'relevance';
  const { q, cost } = boundedQuery(archive, joinMinisterNames(archive, input));
  const scope: AmountScope = opts.amounts ?? 'announced';
  const strict = candidates(archive, q, scope);
  // Few or no releases with every word: releases with most of them, the strict ones among them.
  const relaxed = q.match && strict.rows.length < RELAX.below && relaxable(q)
    ? relaxedCandidates(archive, q, BM25_WEIGHTS, filterPredicate(archive, q, scope))
    : undefined;
  const found: Candidates = relaxed && relaxed.rows.length > strict.rows.length ? relaxed : strict;
  const cols = archive.columns;
  const facets = countFacets(found.rows, cols, (id) => archive.personName(id), (id) => archive.portfolioName(id));
  const order = orderRows(archive, q, found, sort, offset + limit);
  const page = foldCopies(archive, order, offset, limit);
  const hits = hitsFor(archive, q, page, cost, scope);
  let dropped: string[] | undefined;
  if (found !== strict) {
    const missing = missingWords(archive, q, page.map((p) => p.rowid));
    page.forEach((p, i) => {
      const m = missing.get(p.rowid)!;
      if (m.length) hits[i]!.missing = m;
    });
    dropped = q.clauses.map((c) => c.text).filter((t) => hits.some((h) => h.missing?.includes(t)));
  }
  const result: SearchResult = {
    query: input,
    total: found.rows.length,
    total_hits: countHits(found.rows, cols.first),
    limit,
    offset,
    sort,
    took_ms: 0,
    hits,
    facets,
  };
  if (dropped) result.relaxed = { matched_all: strict.rows.length, dropped };
  const names = ministerReadings(archive, q).flatMap(({ typed, people, how }) => (how === 'exact' ? [] : [{ typed, people, how }]));
  if (names.length) result.minister_names = names;
  // Once relaxed, only the words no release has are worth respelling.
  const doubtful = found === strict ? q.terms : relaxed!.unknown;
  if (strict.rows.length < 3 && doubtful.length) {
    const s = suggest(archive, input, doubtful);
    if (s) result.did_you_mean = s;
  }
  if (q.filters.portfolios.length && found.rows.length === 0) {
    const s = portfolioSuggestion(archive, result.did_you_mean ?? input, q);
    if (s) result.did_you_mean = s;
  }
  result.took_ms = Math.round((performance.now() - started) * 100) / 100;
  return result;
}

/** Every release the query selects, after filters: ids, and bm25 when it has words. */
function candidates(archive: Archive, q: CompiledQuery, scope: AmountScope = 'announced'): Candidates {
  const cols = archive.columns;
  const keep = filterPredicate(archive, q, scope);
  const unfiltered = !q.filters.ministers.length && !q.filters.portfolios.length && !q.filters.from && !q.filters.to && !q.filters.money;
  if (q.match && unfiltered) {
    // bm25 costs more than the match itself: score only the best few, count the rest by rowid alone.
    // One JSON array, not a row each: half the cost for a word in most releases.
    const rows = Int32Array.from(JSON.parse(archive.db.prepare(`SELECT json_group_array(rowid) FROM fts WHERE fts MATCH ?`).pluck().get(q.match) as string) as number[]);
    const top = archive.db
      .prepare(`SELECT rowid, bm25(fts, ${BM25_WEIGHTS.join(', ')}) AS s FROM fts WHERE fts MATCH ? ORDER BY s LIMIT ${RERANK_DEPTH}`)
      .raw()
      .all(q.match) as [number, number][];
    return { rows, top };
  }
  if (q.match) {
    const all = archive.db
      .prepare(`SELECT rowid, bm25(fts, ${BM25_WEIGHTS.join(', ')}) FROM fts WHERE fts MATCH ?`)
      .raw()
      .all(q.match) as [number, number][];
    const rows = new Int32Array(all.length);
    const scores = new Float64Array(all.length);
    let n = 0;
    for (const [r, s] of all) {
      if (keep(r)) {
        rows[n] = r;
        scores[n++] = s;
      }
    }
    return { rows: rows.subarray(0, n), scores: scores.subarray(0, n) };
  }
  const excluded = new Set<number>(
    q.exclude ? (archive.db.prepare(`SELECT rowid FROM fts WHERE fts MATCH ?`).pluck().all(q.exclude) as number[]) : [],
  );
  const rows = new Int32Array(cols.size);
  let n = 0;
  for (let r = 1; r < cols.size; r++) {
    if (cols.first[r] !== 0 && !excluded.has(r) && keep(r)) rows[n++] = r;
  }
  return { rows: rows.subarray(0, n) };
}

function filterPredicate(archive: Archive, q: CompiledQuery, scope: AmountScope = 'announced'): (rowid: number) => boolean {
  const cols = archive.columns;
  const f = q.filters;
  const checks: ((r: number) => boolean)[] = [];
  if (f.ministers.length) {
    const ids = new Set(ministerReadings(archive, q).flatMap((r) => r.ids));
    checks.push((r) => {
      for (let j = cols.peopleStart[r]!, e = cols.peopleStart[r + 1]!; j < e; j++) if (ids.has(cols.peopleIds[j]!)) return true;
      return false;
    });
  }
  if (f.portfolios.length) {
    const ids = new Set(f.portfolios.flatMap((name) => archive.portfolioIds(foldKey(name))));
    checks.push((r) => {
      for (let j = cols.portfolioStart[r]!, e = cols.portfolioStart[r + 1]!; j < e; j++) if (ids.has(cols.portfolioIds[j]!)) return true;
      return false;
    });
  }
  if (f.from || f.to) {
    const lo = f.from ? dayNumber(f.from) : 0;
    const hi = f.to ? dayNumber(f.to) : 99999999;
    checks.push((r) => {
      const d = cols.day[r]!;
      return d !== 0 && d >= lo && d <= hi;
    });
  }
  if (f.money) {
    const mask = amountMask(archive, f.money, scope);
    checks.push((r) => mask[r] === 1);
  }
  return (r) => {
    for (const c of checks) if (!c(r)) return false;
    return true;
  };
}

const readings = new WeakMap<CompiledQuery, (NameReading & { ids: number[] })[]>();
/** How each `minister:` value of the query reads (see names.ts), once per query. */
function ministerReadings(archive: Archive, q: CompiledQuery): (NameReading & { ids: number[] })[] {
  let r = readings.get(q);
  if (!r) {
    r = q.filters.ministers.map((name) => readMinister(archive, name));
    readings.set(q, r);
  }
  return r;
}

/** The query with each `portfolio:` value that names no portfolio but nearly names one respelled, if any. */
function portfolioSuggestion(archive: Archive, input: string, q: CompiledQuery): string | undefined {
  let out = input;
  for (const typed of q.filters.portfolios) {
    if (archive.portfolioIds(foldKey(typed)).length) continue;
    const near = nearPortfolio(archive, typed);
    if (!near) continue;
    const value = /\s/.test(near) ? `"${near}"` : near;
    const esc = typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    out = out.replace(new RegExp(`portfolio:(?:"${esc}"?|${esc})`, 'iu'), () => `portfolio:${value}`);
  }
  return out === input ? undefined : out;
}

/** The rows in the order asked for, best first. */
function orderRows(archive: Archive, q: CompiledQuery, found: Candidates, sort: Sort, need: number): { rows: ArrayLike<number>; score: Map<number, number> } {
  const day = archive.columns.day;
  const score = new Map<number, number>();
  const rows = found.top && sort === 'relevance' ? (found.rows as unknown as number[]) : Array.from(found.rows);
  // Unknown dates go last whichever way the dates run.
  const byDate = (dir: 1 | -1) => (a: number, b: number) => (day[a] === 0 ? 1 : 0) - (day[b] === 0 ? 1 : 0) || dir * (day[a]! - day[b]!) || a - b;
  if (sort === 'newest' || (sort === 'relevance' && !found.scores && !found.top)) return { rows: rows.sort(byDate(-1)), score };
  if (sort === 'relevance' && found.top) {
    for (const [r, s] of found.top) score.set(r, -s);
    const head = feedback(archive, q, rerank(archive, q, found.top.map(([r]) => r), score), score);
    // Beyond the scored head, the rest follow newest first.
    // Copies fold away, so sort the rest only when the page may reach past the head.
    const rest = need * 2 < head.length ? [] : Array.from(rows).filter((r) => !score.has(r)).sort(byDate(-1));
    return { rows: head.concat(rest), score };
  }
  if (sort === 'oldest') return { rows: rows.sort(byDate(1)), score };
  const scores = found.scores!;
  const idx = Array.from(rows.keys()).sort((a, b) => scores[a]! - scores[b]! || rows[a]! - rows[b]!);
  const ranked = idx.map((i) => rows[i]!);
  for (const i of idx) score.set(rows[i]!, -scores[i]!);
  const head = feedback(archive, q, rerank(archive, q, ranked.slice(0, RERANK_DEPTH), score), score);
  return { rows: head.concat(ranked.slice(RERANK_DEPTH)), score };
}

/** How many hits the matches make once exact copies fold together (as `foldCopies` folds them). */
function countHits(rows: ArrayLike<number>, first: Int32Array): number {
  const seen = new Uint8Array(first.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const group = first[rows[i]!]!;
    if (!seen[group]) {
      seen[group] = 1;
      n++;
    }
  }
  return n;
}

/** Pages through the order with exact copies folded into the first of them seen. */
function foldCopies(archive: Archive, order: { rows: ArrayLike<number>; score: Map<number, number> }, offset: number, limit: number) {
  const first = archive.columns.first;
  const seen = new Set<number>();
  const page: { rowid: number; score: number }[] = [];
  let k = 0;
  for (let i = 0; i < order.rows.length && page.length < limit; i++) {
    const r = order.rows[i]!;
    const group = first[r]!;
    if (group !== r || archive.copiesOf(r).length > 1) {
      if (seen.has(group)) continue;
      seen.add(group);
    }
    if (k++ < offset) continue;
    // A group shows as its plainest id (no -0 suffix), whichever copy ranked first.
    page.push({ rowid: group, score: order.score.get(r) ?? 0 });
  }
  return page;
}

function hitsFor(archive: Archive, q: CompiledQuery, page: { rowid: number; score: number }[], cost: QueryCost, scope: AmountScope = 'announced', marked = true): Hit[] {
  if (page.length === 0) return [];
  const ids = page.map((p) => p.rowid);
  const snippets = new Map<number, string>();
  if (q.match && marked) {
    // FTS5 merges a prefix's words again for each rowid it seeks: past the cost of one pass over the
    // match, read the snippets in that one pass (`+rowid` keeps the IN from becoming seeks).
    const onePass = cost.prefixPostings * ids.length > cost.postings;
    const stmt = archive.db.prepare(
      onePass
        ? `SELECT rowid, snippet(fts, 2, '${OPEN}', '${CLOSE}', '…', 32) FROM fts WHERE fts MATCH ? AND rowid BETWEEN ${Math.min(...ids)} AND ${Math.max(...ids)} AND +rowid IN (SELECT value FROM json_each(?))`
        : `SELECT rowid, snippet(fts, 2, '${OPEN}', '${CLOSE}', '…', 32) FROM fts WHERE fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
    );
    // A snippet without a mark (the words matched only the title) says less than the lead does.
    for (const [r, s] of stmt.raw().all(q.match, JSON.stringify(ids)) as [number, string][]) if (s.includes(OPEN)) snippets.set(r, s);
  }
  const score = new Map(page.map((p) => [p.rowid, p.score]));
  const hits = hitsOf(archive, ids, (r) => score.get(r) ?? 0, snippets);
  if (q.filters.money) attachAmounts(archive, hits, ids, q.filters.money, (r) => !snippets.has(r), scope);
  return hits;
}

/**
 * Every release a query selects (filters applied, exact copies included), as rowids in no particular
 * order: what `total` and the facets count. Trends use it to count matches per period.
 * @example
 * matchingRows(archive, 'Taji year:2015').length // => search(archive, 'Taji year:2015').total
 */
export function matchingRows(archive: Archive, input: string, scope: AmountScope = 'announced'): Int32Array {
  return candidates(archive, boundedQuery(archive, input).q, scope).rows;
}

/** Past this many estimated matches, an export's hits show their leads instead of FTS5 snippets (see `searchAll`). */
export const EXPORT_SNIPPET_MATCHES = 20_000;

/**
 * Every hit of a search in order, exact copies folded, at most `cap`: the search runs once, and the hits
 * are built `chunk` at a time as the chunks are pulled. What exports stream.
 * @example
 * const all = searchAll(archive, 'Taji', { cap: 10000 });
 * [all.total, all.rows] // => [31, 29]
 */
export function searchAll(
  archive: Archive,
  input: string,
  opts: { sort?: Sort; cap: number; chunk?: number },
): { total: number; total_hits: number; rows: number; chunks: Generator<Hit[]> } {
  const { q, cost } = boundedQuery(archive, input);
  const found = candidates(archive, q);
  const page = foldCopies(archive, orderRows(archive, q, found, opts.sort ?? 'relevance', opts.cap), 0, opts.cap);
  const chunk = opts.chunk ?? 500;
  // FTS5's snippet costs about 0.4 ms a release for a word in most of them (the, to): 4 s for 10,000.
  // Where every hit holds such words, a marked passage says nothing the lead does not; hits show their lead.
  const marked = cost.matches <= EXPORT_SNIPPET_MATCHES;
  function* chunks(): Generator<Hit[]> {
    for (let i = 0; i < page.length; i += chunk) yield hitsFor(archive, q, page.slice(i, i + chunk), cost, 'announced', marked);
  }
  return { total: found.rows.length, total_hits: countHits(found.rows, archive.columns.first), rows: page.length, chunks: chunks() };
}
