import type { Archive } from './archive.ts';
import type { Clause, CompiledQuery } from './query/index.ts';

/** Relaxed matching's settings, measured with `npm run eval` on the tuning half (see README, "Ranking"). */
export const RELAX = {
  /** Below this many releases with every word, a search also shows releases with most of them. */
  below: 50,
  /** The rarest this many items of a query are the ones relaxed matching weighs: a pasted paragraph stays one bounded query. */
  maxClauses: 8,
  /** An item in more releases than this (9% of the Beehive archive) says little about what is wanted: it is not searched on its own. */
  common: 5000,
  /** At most this many matches, summed over items, are scored with bm25 in one relaxed search; the rarest items go first. */
  budget: 12000,
  /** A release qualifies with this share of the query's weight, or with a place among the `fill` best. */
  minShare: 0.5,
  fill: 50,
  /** How much coverage counts against bm25: score × share^power. */
  coveragePower: 0.5,
  /** Whether common items count in a release's share (each weighs its small idf): "Auckland super city" wants Auckland. */
  commonCover: true,
};

export interface WeightedClause extends Clause {
  /** Releases the item matches, capped at RELAX.common + 1 (more than RELAX.common means common). */
  df: number;
  /** Inverse document frequency, as bm25 computes it. */
  weight: number;
  /** Its matching rowids when it is not common. */
  rows?: Int32Array;
}

export interface RelaxedCandidates {
  rows: Int32Array;
  /** -(bm25 × coverage^γ) per row, aligned with rows: lower is better, as bm25 is. */
  scores: Float64Array;
  /** The items weighed, rarest first. */
  clauses: WeightedClause[];
  /** The words of items no release has, for "did you mean". */
  unknown: string[];
}

/** Whether the query has two or more items that may be left out (quoted phrases never are). */
export function relaxable(q: CompiledQuery): boolean {
  return q.clauses.filter((c) => !c.required).length >= 2;
}

/** bm25's idf: ln(1 + (N - n + 0.5) / (n + 0.5)). */
function idf(n: number, total: number): number {
  return Math.log(1 + (total - n + 0.5) / (n + 0.5));
}

/** The optional items with their weights, rarest first. */
export function weighClauses(archive: Archive, q: CompiledQuery): WeightedClause[] {
  const total = archive.columns.size - 1;
  const out: WeightedClause[] = [];
  for (const c of q.clauses) {
    if (c.required) continue;
    const { df, rows } = clauseRows(archive, c.match);
    const w: WeightedClause = { ...c, df, weight: idf(df, total) };
    if (rows) w.rows = rows;
    out.push(w);
  }
  return out.sort((a, b) => a.df - b.df);
}

/** Of the rowids `clauseRows` keeps per archive generation, at most this many: 8 MB. */
const HELD_ROWS = 2_000_000;

/**
 * The releases an item matches (up to RELAX.common + 1 counted, rowids kept when not common): the
 * archive's, not the query's, so kept per generation; a common word costs a read of 5,001 rowids.
 */
function clauseRows(archive: Archive, match: string): { df: number; rows?: Int32Array } {
  const cache = archive.memo('relax-clauses', () => ({ items: new Map<string, { df: number; rows?: Int32Array }>(), rows: 0 }));
  const had = cache.items.get(match);
  if (had) return had;
  const rows = JSON.parse(
    archive.statement(`SELECT json_group_array(rowid) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ${RELAX.common + 1})`).pluck().get(match) as string,
  ) as number[];
  // Sorted, for the binary search of `missingWords` (FTS5 gives rowid order already).
  const out = rows.length <= RELAX.common ? { df: rows.length, rows: Int32Array.from(rows).sort() } : { df: rows.length };
  const size = out.rows?.length ?? 0;
  // Oldest first out, past the bound (a Map iterates in insertion order).
  for (const [m, r] of cache.items) {
    if (cache.rows + size <= HELD_ROWS && cache.items.size < 50_000) break;
    cache.items.delete(m);
    cache.rows -= r.rows?.length ?? 0;
  }
  cache.items.set(match, out);
  cache.rows += size;
  return out;
}

/**
 * Releases with most of the query's words: the union of its rarer items (quoted phrases and exclusions
 * still strict, filters applied by `keep`), each scored by bm25 over those items times the share of the
 * query's weight it holds, squared. Only what qualifies is returned: a share of at least RELAX.minShare,
 * or a place among the RELAX.fill best by share, so a query whose words occur somewhere never comes back empty.
 */
export function relaxedCandidates(archive: Archive, q: CompiledQuery, weights: readonly number[], keep: (r: number) => boolean): RelaxedCandidates {
  const weighed = weighClauses(archive, q);
  const unknown = weighed.filter((c) => c.df === 0).map((c) => c.text);
  const clauses = weighed.filter((c) => c.df > 0).slice(0, RELAX.maxClauses);
  const size = archive.columns.size;
  const cover = new Float64Array(size);
  let totalWeight = 0;
  for (const c of clauses) {
    if (!c.rows) continue;
    totalWeight += c.weight;
    for (const r of c.rows) cover[r]! += c.weight;
  }
  // Scored: the rarest items while their matches fit the budget, and always the rarest one.
  const scored: WeightedClause[] = [];
  let budget = 0;
  for (const c of clauses) {
    if (scored.length > 0 && (budget + c.df > RELAX.budget || !c.rows)) break;
    scored.push(c);
    budget += c.df;
  }
  if (scored.length === 0) return { rows: new Int32Array(0), scores: new Float64Array(0), clauses, unknown };
  const required = q.clauses.filter((c) => c.required).map((c) => c.match);
  let match = scored.length === 1 ? scored[0]!.match : `(${scored.map((c) => c.match).join(' OR ')})`;
  if (required.length) match = [match, ...required].join(' AND ');
  if (q.not) match = `${match} NOT ${q.not}`;
  // Which releases match is known before any is scored: from the items' releases when nothing else
  // narrows the match, else from one pass over it. bm25 (the cost) is then computed for those that qualify only.
  const matching = !required.length && !q.not && scored.every((c) => c.rows) ? unionOf(scored, size) : (JSON.parse(
    archive.statement(`SELECT json_group_array(rowid) FROM fts WHERE fts MATCH ?`).pluck().get(match) as string,
  ) as number[]);
  const kept = matching.filter((r) => keep(r));
  if (RELAX.commonCover) {
    for (const c of clauses) {
      if (c.rows) continue;
      const bits = commonBits(archive, c.match);
      totalWeight += c.weight;
      for (const r of kept) if (bits[r >>> 5]! & (1 << (r & 31))) cover[r]! += c.weight;
    }
  }
  const share = (r: number) => (totalWeight > 0 ? cover[r]! / totalWeight : 1);
  // The share the RELAX.fill-th best release holds: releases at least as good qualify even below RELAX.minShare.
  const shares = kept.map(share).sort((a, b) => b - a);
  const floor = Math.min(RELAX.minShare, shares[Math.min(RELAX.fill, shares.length) - 1] ?? 0);
  const rows = kept.filter((r) => share(r) + 1e-9 >= floor);
  // bm25 of a release depends on the match's words, not on which other releases are scored.
  const bm25 = new Map(
    archive
      .statement(`SELECT rowid, bm25(fts, ${weights.join(', ')}) FROM fts WHERE fts MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`)
      .raw()
      .all(match, JSON.stringify(rows)) as [number, number][],
  );
  const scores = rows.map((r) => bm25.get(r)! * share(r) ** RELAX.coveragePower);
  return { rows: Int32Array.from(rows), scores: Float64Array.from(scores), clauses, unknown };
}

/**
 * The releases a common item matches, one bit per rowid (7 KB for 55,000 releases), kept per archive
 * generation for the 512 most recently used: reading a common word's rowids is the cost, once.
 */
function commonBits(archive: Archive, match: string): Uint32Array {
  const cache = archive.memo('relax-common', () => new Map<string, Uint32Array>());
  const had = cache.get(match);
  if (had) {
    cache.delete(match);
    cache.set(match, had);
    return had;
  }
  const bits = new Uint32Array((archive.columns.size >>> 5) + 1);
  // One JSON string, not a row per release: several times faster for tens of thousands of rowids.
  for (const r of JSON.parse(archive.statement(`SELECT json_group_array(rowid) FROM fts WHERE fts MATCH ?`).pluck().get(match) as string) as number[]) {
    if (r < archive.columns.size) bits[r >>> 5]! |= 1 << (r & 31);
  }
  if (cache.size >= 512) cache.delete(cache.keys().next().value!);
  cache.set(match, bits);
  return bits;
}

/** The releases holding any of the items (each with its releases known), in rowid order. */
function unionOf(items: WeightedClause[], size: number): number[] {
  const seen = new Uint8Array(size);
  for (const c of items) for (const r of c.rows!) seen[r] = 1;
  const out: number[] = [];
  for (let r = 0; r < size; r++) if (seen[r]) out.push(r);
  return out;
}

/**
 * The words of the query each row lacks, in query order: what the page shows as "missing" beside a
 * relaxed hit. Checked release by release, so common words are checked too.
 */
export function missingWords(archive: Archive, q: CompiledQuery, rows: readonly number[]): Map<number, string[]> {
  const one = archive.statement(`SELECT 1 FROM fts WHERE fts MATCH ? AND rowid = CAST(? AS INTEGER)`).pluck();
  const out = new Map<number, string[]>();
  const optional = q.clauses.filter((c) => !c.required).slice(0, RELAX.maxClauses * 2);
  // An item whose releases are known (not common) is looked up in them; only common ones are sought row by row.
  const known = optional.map((c) => clauseRows(archive, c.match).rows);
  const has = (i: number, r: number): boolean => {
    const k = known[i];
    if (!k) return one.get(optional[i]!.match, r) !== undefined;
    let lo = 0, hi = k.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (k[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return k[lo] === r;
  };
  for (const r of rows) out.set(r, optional.flatMap((c, i) => (has(i, r) ? [] : [c.text])));
  return out;
}
