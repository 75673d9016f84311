import { foldKey } from '../text.ts';
import type { Archive } from './archive.ts';
import { BM25_WEIGHTS } from './search.ts';
import { hitsOf } from './hits.ts';
import { quote } from './query/index.ts';
import type { Hit } from './types.ts';

export interface RelatedResult {
  id: string;
  /** Releases about the same matter, oldest first. */
  hits: Hit[];
}

// Words too common in this corpus to say what a release is about.
const STOP = new Set(
  ('the and for that with this will from have has are was were been said says today minister ministers government new zealand ' +
    'zealanders year years also more than which their they about into over under after before our its his her who what when ' +
    'where would could should can all any one two three not but being other such these those there here announced announces ' +
    'announce welcome welcomes hon prime people support work working make made per cent million billion national public part')
    .split(' '),
);

/** The words that best say what a release is about: frequent in it, rare in the archive. */
export function salientTerms(archive: Archive, title: string, lead: string, body: string, n = 10): string[] {
  const tf = new Map<string, number>();
  const add = (text: string, w: number) => {
    for (const t of foldKey(text).match(/\p{L}{3,}/gu) ?? []) if (!STOP.has(t)) tf.set(t, (tf.get(t) ?? 0) + w);
  };
  add(title, 4);
  add(lead, 2);
  add(body, 1);
  const total = (archive.db.prepare(`SELECT count(*) FROM releases`).pluck().get() as number) || 1;
  const df = archive.db.prepare(`SELECT n FROM vocab WHERE word = ?`).pluck();
  const scored = [...tf].map(([t, f]) => {
    const d = (df.get(t) as number | undefined) ?? 1;
    return [t, Math.log(1 + f) * Math.log(total / d)] as const;
  });
  return scored.sort((a, b) => b[1] - a[1]).slice(0, n).map(([t]) => t);
}

/**
 * Releases about the same matter as `id`, oldest first: the best matches for its most telling words.
 * @example
 * related(archive, '2015-02-24-pm-announces-contribution-coalition-against-isil').hits.map((h) => h.date)
 * // => ['2014-…', '2015-…', …, '2020-…']
 */
export function related(archive: Archive, id: string, opts: { limit?: number } = {}): RelatedResult {
  const limit = opts.limit ?? 10;
  const rowid = archive.rowidOf(id);
  const me = archive.db.prepare(`SELECT title, lead, body FROM releases WHERE rowid = ?`).get(rowid) as { title: string; lead: string; body: string };
  const terms = salientTerms(archive, me.title, me.lead, me.body);
  if (terms.length === 0) return { id, hits: [] };
  const match = terms.map(quote).join(' OR ');
  const ranked = archive.db
    .prepare(`SELECT rowid, bm25(fts, ${BM25_WEIGHTS.join(', ')}) AS s FROM fts WHERE fts MATCH ? ORDER BY s LIMIT ?`)
    .raw()
    .all(match, limit * 4 + 10) as [number, number][];
  const mine = new Set(archive.copiesOf(rowid));
  const first = archive.columns.first;
  const seen = new Set<number>();
  const best = ranked[0]?.[1] ?? 0;
  const picked: [number, number][] = [];
  for (const [r, s] of ranked) {
    if (mine.has(r) || seen.has(first[r]!)) continue;
    // Far weaker matches share a word or two, not the matter.
    if (s > best * 0.35) break;
    seen.add(first[r]!);
    picked.push([r, s]);
    if (picked.length >= limit) break;
  }
  const score = new Map(picked);
  const hits = hitsOf(archive, picked.map(([r]) => r), (r) => -score.get(r)!);
  hits.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id));
  return { id, hits };
}
