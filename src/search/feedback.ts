/**
 * Pseudo-relevance feedback (RM3, Lavrenko and Croft, "Relevance-based language models", SIGIR 2001, as
 * Abdul-Jaleel et al. mixed it with the query): the words that the best few releases share, weighted by
 * how rare they are in the archive, lift the releases below that use them too. It bridges the words people
 * type and the words releases use ("pokies" → "gaming machines", "troops" → "personnel", "deploy"),
 * learned from the archive at query time, weighed below the user's own words, and nothing downloaded.
 */
import type { Archive } from './archive.ts';
import { isPlain, scanWords, stem, tokens } from './rank.ts';
import { vocabulary } from './suggest.ts';
import type { CompiledQuery } from './query/index.ts';

/** Feedback's settings, measured with `npm run eval` on the tuning half (see README, "Ranking"). */
export const FEEDBACK = {
  /** The best this many releases (copies folded) are read for their words. */
  docs: 8,
  /** At most this many words are taken from them. */
  terms: 8,
  /** A word must be in at least this many of them: one release's pet words are not the subject's. */
  minDocs: 3,
  /** How much the expansion lifts a release holding all of it, against the user's words at 1. */
  weight: 1,
  /** A word in more titles and leads than this is too common to say anything. */
  maxDf: 300,
  /** Nor is one in more releases than this anywhere in them; counting stops there, so a check costs at most this. */
  maxTextDf: 3000,
  /** Queries of fewer words than this are not expanded. */
  minTerms: 1,
  /** The candidates tried against maxTextDf, best first, before giving up on filling `terms`. */
  tries: 15,
};

export interface Expansion {
  /** A word as it is written, searched as FTS5 stems it. */
  word: string;
  weight: number;
  /** The releases that hold it, once counted. */
  rows?: Int32Array;
}

/** Of the rowids `holding` keeps per archive generation, at most this many: 8 MB. */
const HELD_ROWS = 2_000_000;

/**
 * The releases holding a word anywhere, or null when more than FEEDBACK.maxTextDf do. A word's releases
 * are the archive's, not the query's: kept per generation, so the words that every subject's releases
 * share ("announced", "funding", more than half of the words tried) are read once, not on every search.
 */
function holding(archive: Archive, word: string): Int32Array | null {
  const cache = archive.memo('feedback-holding', () => ({ words: new Map<string, Int32Array | null>(), rows: 0 }));
  const had = cache.words.get(word);
  if (had !== undefined) return had;
  const rows = JSON.parse(
    archive.statement(`SELECT json_group_array(rowid) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ${FEEDBACK.maxTextDf + 1})`).pluck().get(`"${word}"`) as string,
  ) as number[];
  const out = rows.length > FEEDBACK.maxTextDf ? null : Int32Array.from(rows);
  // Oldest first out, past the bound (a Map iterates in insertion order).
  for (const [w, r] of cache.words) {
    if (cache.rows + rows.length <= HELD_ROWS && cache.words.size < 100_000) break;
    cache.words.delete(w);
    cache.rows -= r?.length ?? 0;
  }
  cache.words.set(word, out);
  cache.rows += out?.length ?? 0;
  return out;
}

/**
 * The words the best releases share, with weights summing to 1: each word's mean share of those releases'
 * words times its idf over titles and leads, the query's own words left out.
 */
export function expansionOf(archive: Archive, q: CompiledQuery, best: number[]): Expansion[] {
  if (best.length < FEEDBACK.minDocs) return [];
  const own = new Set(q.terms.flatMap((t) => t.split(' ')).map(stem));
  const v = vocabulary(archive);
  const total = archive.columns.size - 1;
  const rows = archive
    .statement(`SELECT title, lead, body FROM releases WHERE rowid IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(best.slice(0, FEEDBACK.docs))) as [string, string, string][];
  const mass = new Map<string, { sum: number; docs: number; word: string }>();
  for (const [title, lead, body] of rows) {
    const text = `${title} ${lead} ${body}`;
    const tf = new Map<string, { n: number; word: string }>();
    const count = (w: string) => {
      const s = stem(w);
      if (own.has(s)) return;
      const e = tf.get(s);
      if (e) e.n++;
      else tf.set(s, { n: 1, word: w });
    };
    // Every word counts in the release's length; only those of four letters or more are cut out and counted.
    let length = 0;
    if (isPlain(text)) {
      const lower = text.toLowerCase();
      scanWords(lower, true, (from, to) => {
        length++;
        if (to - from >= 4) count(lower.slice(from, to));
      });
    } else {
      const words = tokens(text, true);
      length = words.length;
      for (const w of words) if (w.length >= 4) count(w);
    }
    for (const [s, { n, word }] of tf) {
      const m = mass.get(s);
      if (m) {
        m.sum += n / length;
        m.docs++;
      } else mass.set(s, { sum: n / length, docs: 1, word });
    }
  }
  const scored: Expansion[] = [];
  for (const { sum, docs, word } of mass.values()) {
    if (docs < FEEDBACK.minDocs) continue;
    const df = v.get(word) ?? 1;
    if (df > FEEDBACK.maxDf) continue;
    scored.push({ word, weight: sum * Math.log(total / df) });
  }
  scored.sort((a, b) => b.weight - a.weight);
  // The best words that are not common in bodies, with the releases holding each (at most maxTextDf).
  const top: Expansion[] = [];
  for (const e of scored.slice(0, FEEDBACK.tries)) {
    const rows = holding(archive, e.word);
    if (!rows) continue;
    top.push({ ...e, rows });
    if (top.length >= FEEDBACK.terms) break;
  }
  const sum = top.reduce((a, e) => a + e.weight, 0);
  return top.map((e) => ({ ...e, weight: e.weight / sum }));
}

/**
 * Lifts the head of a ranking by the expansion of its best releases: a release's score is multiplied by
 * 1 + FEEDBACK.weight × the share of the expansion's weight it holds (anywhere in it). Returns the head reordered.
 */
export function feedback(archive: Archive, q: CompiledQuery, head: number[], score: Map<number, number>): number[] {
  if (FEEDBACK.weight === 0 || head.length < FEEDBACK.minDocs || q.terms.length < FEEDBACK.minTerms) return head;
  const first = archive.columns.first;
  const distinct: number[] = [];
  const seen = new Set<number>();
  for (const r of head) {
    if (seen.has(first[r] || r)) continue;
    seen.add(first[r] || r);
    distinct.push(r);
    if (distinct.length >= FEEDBACK.docs) break;
  }
  const expansion = expansionOf(archive, q, distinct);
  if (expansion.length === 0) return head;
  const inHead = new Set(head);
  const held = new Map<number, number>();
  for (const e of expansion) {
    for (const r of e.rows ?? []) {
      if (inHead.has(r)) held.set(r, (held.get(r) ?? 0) + e.weight);
    }
  }
  for (const r of head) score.set(r, score.get(r)! * (1 + FEEDBACK.weight * (held.get(r) ?? 0)));
  return [...head].sort((a, b) => score.get(b)! - score.get(a)! || a - b);
}
