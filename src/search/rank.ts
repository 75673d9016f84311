import { foldKey } from '../text.ts';
import type { Archive } from './archive.ts';
import { dayNumber } from './search.ts';
import type { CompiledQuery } from './query/index.ts';

/** How many of bm25's best are reranked with the features below. */
export const RERANK_DEPTH = 200;

/** Rerank weights, measured with `npm run eval` (see README, "Ranking"). */
export const WEIGHTS = {
  titleCoverage: 0.8,
  leadCoverage: 0.4,
  proximity: 0.4,
  phrase: 0.5,
  hint: 0.6,
};

/** A light stemmer for comparing words in titles and leads; FTS5's Porter stemmer does the matching. */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length > 5) w = w.replace(/(ations?|ings?|ments?|ers?|ed|ly|es)$/, '');
  if (w.length > 3) w = w.replace(/s$/, '');
  return w;
}

export function tokens(text: string): string[] {
  return foldKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

interface Concept {
  /** Each alternative is a sequence of stems: a word, or a phrase. */
  alternatives: string[][];
}

function conceptsOf(q: CompiledQuery): Concept[] {
  return q.terms.map((t) => ({
    alternatives: [t, ...(q.expansions[t] ?? [])].map((alt) => tokens(alt).map(stem)).filter((a) => a.length > 0),
  })).filter((c) => c.alternatives.length > 0);
}

/** Positions (token index) where a concept occurs in a stemmed token list. */
function positions(c: Concept, stems: string[]): number[] {
  const out: number[] = [];
  for (const alt of c.alternatives) {
    for (let i = 0; i + alt.length <= stems.length; i++) {
      let ok = true;
      for (let j = 0; j < alt.length && ok; j++) ok = stems[i + j] === alt[j];
      if (ok) out.push(i);
    }
  }
  return out.sort((a, b) => a - b);
}

/** The shortest span of tokens holding every concept, or Infinity. */
function minWindow(lists: number[][]): number {
  if (lists.some((l) => l.length === 0)) return Infinity;
  const idx = lists.map(() => 0);
  let best = Infinity;
  for (;;) {
    let lo = Infinity, hi = -Infinity, loI = 0;
    lists.forEach((l, i) => {
      const v = l[idx[i]!]!;
      if (v < lo) { lo = v; loI = i; }
      if (v > hi) hi = v;
    });
    best = Math.min(best, hi - lo + 1);
    idx[loI]!++;
    if (idx[loI]! >= lists[loI]!.length) return best;
  }
}

/**
 * Reorders bm25's best rows by what a reader means: the query's words in the title and the lead, close
 * together, as a phrase, and in the time the query names. Updates `score` for the rows it sees.
 */
export function rerank(archive: Archive, q: CompiledQuery, rows: number[], score: Map<number, number>): number[] {
  const concepts = conceptsOf(q);
  if (rows.length === 0 || (concepts.length === 0 && !q.hint)) return rows;
  const text = new Map(
    (archive.db.prepare(`SELECT rowid, title, lead FROM releases WHERE rowid IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(rows)) as [number, string, string][])
      .map(([r, t, l]) => [r, { title: tokens(t).map(stem), lead: tokens(l).map(stem) }]),
  );
  const hint = q.hint ? { lo: dayNumber(q.hint.from), hi: dayNumber(q.hint.to) } : undefined;
  const day = archive.columns.day;
  const n = concepts.length;
  for (const r of rows) {
    const t = text.get(r)!;
    const inTitle = concepts.map((c) => positions(c, t.title));
    const both = [...t.title, '\u0000', ...t.lead];
    const inBoth = concepts.map((c) => positions(c, both));
    const titleCov = n ? inTitle.filter((p) => p.length).length / n : 0;
    const leadCov = n ? concepts.map((c) => positions(c, t.lead)).filter((p) => p.length).length / n : 0;
    let prox = 0;
    if (n > 1) {
      const w = minWindow(inBoth);
      if (w !== Infinity) prox = Math.min(1, (n + 1) / w);
    }
    const phrase = concepts.some((c) => c.alternatives[0]!.length > 1 && positions({ alternatives: [c.alternatives[0]!] }, both).length > 0) ? 1 : 0;
    let boost = 1 + WEIGHTS.titleCoverage * titleCov + WEIGHTS.leadCoverage * leadCov + WEIGHTS.proximity * prox + WEIGHTS.phrase * phrase;
    if (hint) {
      const d = day[r]!;
      if (d >= hint.lo && d <= hint.hi) boost *= 1 + WEIGHTS.hint;
    }
    score.set(r, (score.get(r) ?? 0) * boost);
  }
  return [...rows].sort((a, b) => score.get(b)! - score.get(a)! || a - b);
}
