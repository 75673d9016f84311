// The systems the eval compares and pools: pressroom's search and plain baselines over the same archive.
import { Archive, search } from '../src/index.ts';
import { compileQuery, parseQuery } from '../src/search/query/index.ts';

export type System = (q: string, k: number) => string[];

/** FTS5 string literal: the user's word can never be read as syntax. */
const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/** pressroom as users get it; copies folded into a hit follow it, as the metric folds them anyway. */
export function pressroom(archive: Archive): System {
  return (q, k) => search(archive, q, { limit: k }).hits.flatMap((h) => [h.id, ...h.duplicates]);
}

/** Query words as pressroom's parser sees them, without synonyms: both baselines use exactly these. */
export function plainTerms(q: string): string[] {
  return compileQuery(parseQuery(q), { synonyms: false }).terms;
}

function bm25(archive: Archive, match: string, k: number): string[] {
  const sql = `SELECT r.id FROM fts JOIN releases r ON r.rowid = fts.rowid WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?`;
  return archive.db.prepare(sql).pluck().all(match, k) as string[];
}

/** Plain bm25 over title, lead and body, equal weights, every word required: no synonyms, no reranking. */
export function bm25All(archive: Archive): System {
  return (q, k) => {
    const terms = plainTerms(q);
    return terms.length ? bm25(archive, terms.map(quote).join(' AND '), k) : [];
  };
}

/** Plain bm25 accepting any of the words (OR), ranked by bm25 alone. */
export function bm25Any(archive: Archive): System {
  return (q, k) => {
    const terms = plainTerms(q);
    return terms.length ? bm25(archive, terms.map(quote).join(' OR '), k) : [];
  };
}
